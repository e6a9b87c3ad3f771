/**
 * The "SIP server (local)" view: whether Kamailio runs beside the app, where phones register, and who is
 * registered, as /ui/api/sip-server reads it from Kamailio. Every value is escaped; the only markup is made here.
 */
import { escapeHtml } from './blocks.js';

const STATE = {
  starting: ['Starting…', 'wait'],
  running: ['Running', 'ok'],
  stopped: ['Stopped', 'off'],
  off: ['Not running', 'off'],
};

function stateBadge(state) {
  const [label, kind] = STATE[state] ?? [state, 'off'];
  return `<span class="badge badge-${kind}">${escapeHtml(label)}</span>`;
}

function expiry(seconds) {
  if (seconds < 0) return 'permanent';
  if (seconds < 60) return `${seconds} s`;
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

function ownerHtml(owner) {
  if (!owner) return '<div class="sub">not a username Switchboard gave out</div>';
  const device = owner.deskPhone
    ? `desk phone ${escapeHtml(owner.deskPhone.model)} ${escapeHtml(owner.deskPhone.mac)}`
    : 'apps';
  return `<div class="sub">${escapeHtml(owner.name)}, ext. ${escapeHtml(owner.extension)} · ${device}</div>`;
}

function registrationsHtml(registrations) {
  if (registrations.length === 0)
    return '<div class="empty">No phone is registered. A phone signs in with its SIP username and the password <code>/phone sip password</code> shows.</div>';
  const rows = registrations
    .map(
      (r) => `<tr data-registration="${escapeHtml(r.user)}">
        <td><span class="mono"><strong>${escapeHtml(r.user)}</strong></span>${ownerHtml(r.owner)}</td>
        <td class="mono">${escapeHtml(r.contact)}</td>
        <td class="nowrap">${escapeHtml(expiry(r.expiresInSeconds))}</td>
        <td>${r.userAgent ? escapeHtml(r.userAgent) : '<span class="none">—</span>'}</td>
      </tr>`,
    )
    .join('');
  return `<table class="grid"><thead><tr><th>User (extension or desk phone)</th><th>Contact</th><th>Expires in</th><th>Phone</th></tr></thead><tbody>${rows}</tbody></table>`;
}

export function sipServerHtml(view) {
  if (view.state === 'starting')
    return `<div class="phone-system-view" data-sip-state="starting"><p class="summary">${stateBadge('starting')}</p></div>`;
  if (view.state === 'off')
    return `<div class="phone-system-view" data-sip-state="off"><p class="summary">${stateBadge('off')} ${escapeHtml(view.reason)}</p></div>`;
  const where = `Phones register at <span class="mono" data-sip-listen>${escapeHtml(view.listen)}</span> (realm ${escapeHtml(view.realm)})`;
  // Stopped, or the read failed: who is registered is unknown, which is not the same as nobody.
  if (view.reason)
    return `<div class="phone-system-view" data-sip-state="${escapeHtml(view.state)}">
    <p class="summary">${stateBadge(view.state)} ${where}</p>
    <p class="summary" data-sip-reason>${escapeHtml(view.reason)}</p>
  </div>`;
  const count = view.registrations.length;
  return `<div class="phone-system-view" data-sip-state="${escapeHtml(view.state)}">
    <p class="summary">${stateBadge(view.state)} ${where} · ${count} ${count === 1 ? 'contact' : 'contacts'} registered</p>
    <h2>Registered phones</h2>${registrationsHtml(view.registrations)}
  </div>`;
}
