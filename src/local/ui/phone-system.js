/**
 * The "Zoom Phone (local)" view: what the local phone system holds, as /ui/api/phone-system reads it. Every value
 * is escaped; the only markup is made here.
 */
import { escapeHtml } from './blocks.js';

const STATUS = {
  active: ['Active', 'ok'],
  inactive: ['Inactive', 'off'],
  creating: ['Creating line…', 'wait'],
};

const list = (values) =>
  values.length > 0 ? values.map(escapeHtml).join('<br>') : '<span class="none">—</span>';

function statusBadge(status) {
  const [label, kind] = STATUS[status] ?? [status, 'off'];
  return `<span class="badge badge-${kind}">${escapeHtml(label)}</span>`;
}

function phoneUsersHtml(users) {
  if (users.length === 0)
    return '<div class="empty">Nobody has Zoom Phone yet. Type <code>/phone assign @someone</code> in a channel.</div>';
  const rows = users
    .map(
      (u) => `<tr data-phone-user="${escapeHtml(u.email)}">
        <td><strong>${escapeHtml(u.name)}</strong><div class="sub">${escapeHtml(u.email)}</div></td>
        <td class="mono">${u.extension ? escapeHtml(u.extension) : '<span class="none">—</span>'}</td>
        <td class="nowrap">${u.site ? escapeHtml(u.site) : '<span class="none">—</span>'}</td>
        <td>${list(u.plans)}</td>
        <td class="mono">${list(u.numbers)}</td>
        <td>${statusBadge(u.status)}</td>
      </tr>`,
    )
    .join('');
  return `<table class="grid"><thead><tr><th>Name</th><th>Extension</th><th>Site</th><th>Calling plans</th><th>Direct numbers</th><th>Status</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function plansHtml(plans) {
  if (plans.length === 0) return '<div class="empty">The account has no calling plans.</div>';
  const rows = plans
    .map(
      (p) =>
        `<tr data-plan="${escapeHtml(p.name)}"><td>${escapeHtml(p.name)}</td><td class="num">${escapeHtml(p.subscribed)}</td><td class="num">${escapeHtml(p.assigned)}</td><td class="num">${escapeHtml(p.available)}</td></tr>`,
    )
    .join('');
  return `<table class="grid grid-narrow"><thead><tr><th>Plan</th><th class="num">Subscribed</th><th class="num">Assigned</th><th class="num">Available</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function numbersHtml(numbers) {
  if (numbers.length === 0) return '<div class="empty">The account has no phone numbers.</div>';
  const sites = new Map();
  for (const n of numbers) {
    if (!sites.has(n.site)) sites.set(n.site, []);
    sites.get(n.site).push(n);
  }
  return [...sites]
    .map(([site, held]) => {
      const free = held.filter((n) => n.assignedTo === null && !n.autoReceptionist).length;
      const items = held
        .map((n) => {
          const who =
            n.assignedTo !== null
              ? `<span class="holder">${escapeHtml(n.assignedTo)}</span>`
              : n.autoReceptionist
                ? '<span class="holder">Auto receptionist</span>'
                : '<span class="none">free</span>';
          return `<li data-number="${escapeHtml(n.number)}"><span class="mono">${escapeHtml(n.number)}</span>${who}</li>`;
        })
        .join('');
      return `<h3>${escapeHtml(site || 'No site')} <span class="count">${held.length} numbers, ${free} free</span></h3><ul class="numbers">${items}</ul>`;
    })
    .join('');
}

function withoutPhoneHtml(people) {
  if (people.length === 0) return '<div class="empty">Every Zoom user has Zoom Phone.</div>';
  const items = people
    .map(
      (p) =>
        `<li data-without-phone="${escapeHtml(p.email)}">${escapeHtml(p.name)} <span class="sub">${escapeHtml(p.email)}</span></li>`,
    )
    .join('');
  return `<ul class="people">${items}</ul>`;
}

export function phoneSystemHtml(view) {
  const lines = view.phoneUsers.filter((u) => u.status !== 'creating').length;
  const free = view.numbers.filter((n) => n.assignedTo === null && !n.autoReceptionist).length;
  return `<div class="phone-system-view">
    <p class="summary">${lines} phone ${lines === 1 ? 'user' : 'users'} · ${free} of ${view.numbers.length} numbers free · ${view.withoutPhone.length} Zoom ${view.withoutPhone.length === 1 ? 'user' : 'users'} without Zoom Phone</p>
    <h2>Phone users</h2>${phoneUsersHtml(view.phoneUsers)}
    <h2>Calling plans</h2>${plansHtml(view.plans)}
    <h2>Phone numbers</h2>${numbersHtml(view.numbers)}
    <h2>Zoom users without Zoom Phone</h2>${withoutPhoneHtml(view.withoutPhone)}
  </div>`;
}
