/**
 * The local workspace page: a channel list, the timeline, modals and the Home tab, drawn from the stand-in's
 * /ui/api and refreshed on every change it streams. What a person does here goes to /ui/api, which sends the app
 * the same signed requests Slack would.
 */
import {
  chosenChips,
  escapeHtml,
  inputBlocks,
  inputValue,
  isEmptyInput,
  memberName,
  mrkdwnToHtml,
  renderBlocks,
  renderFiles,
  textToHtml,
} from './blocks.js';
import { phoneSystemHtml } from './phone-system.js';
import { sipServerHtml } from './sip-server.js';

/** The one slash command the app declares in manifest.yml. */
const COMMAND = '/phone';
const REQUIRED = 'Please complete this required field.';
/** Drawn, not an emoji: the page must not depend on an emoji font being installed. */
const LOCK =
  '<svg class="icon" viewBox="0 0 24 24" aria-label="private"><rect x="5" y="11" width="14" height="10" rx="2"/><path d="M8 11V7a4 4 0 0 1 8 0v4"/></svg>';

/** A handset, drawn for the same reason. */
const PHONE =
  '<svg class="icon" viewBox="0 0 24 24" aria-hidden="true"><path d="M6.6 3.5l2.6 3.2-1.7 2.1a13 13 0 0 0 7.7 7.7l2.1-1.7 3.2 2.6-1.8 3A16.5 16.5 0 0 1 3.6 5.3z"/></svg>';
/** A speech bubble: Slack's "Reply in thread". */
const REPLY = '<svg class="icon" viewBox="0 0 24 24" aria-hidden="true"><path d="M4 5h16v11H9l-5 4z"/></svg>';

/**
 * The local phone system changes without the workspace changing (Zoom creates a line seconds after a license is
 * given), so its view is read again this often while it is shown.
 */
const PHONE_POLL_MS = 1500;

const $ = (id) => document.getElementById(id);

const state = {
  workspace: undefined,
  as: undefined,
  /** `{ kind: 'channel', id }`, `{ kind: 'home' }`, `{ kind: 'phone' }` or `{ kind: 'sip' }`, kept in the URL's hash. */
  place: { kind: 'channel', id: undefined },
  channel: undefined,
  /** The ts of the thread open beside the channel, as Slack's thread pane shows one. */
  thread: undefined,
  /** The member list that `@` opens in a composer: the box, where the `@` is, the members shown, the one chosen. */
  picker: undefined,
  views: { modals: [], home: null },
  phoneSystem: undefined,
  sipServer: undefined,
  /** What the person entered in each open view, by view id then block_id, kept across redraws. */
  drafts: new Map(),
  /** Required inputs left empty, by view id: the page refuses the submit as the Slack client does. */
  missing: new Map(),
  dismissedViolations: 0,
  history: [],
  drawn: { timeline: '', thread: '', modals: '', home: '', phone: '', sip: '' },
};

async function api(path, body) {
  const init =
    body === undefined
      ? {}
      : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
  const response = await fetch(path, init);
  const data = await response.json().catch(() => ({ error: `${response.status} ${response.statusText}` }));
  if (!response.ok) throw new Error(data.error ?? `${response.status} ${response.statusText}`);
  return data;
}

function showError(message) {
  const box = $('error');
  box.innerHTML = `<span>${escapeHtml(message)}</span><button type="button" class="banner-close" aria-label="Dismiss">×</button>`;
  box.hidden = false;
}

/** Runs one thing the person did; whatever fails is shown on the page. */
async function attempt(work) {
  document.body.classList.add('busy');
  try {
    await work();
  } catch (error) {
    showError(error instanceof Error ? error.message : String(error));
  } finally {
    document.body.classList.remove('busy');
  }
}

function ctx() {
  const users = Object.fromEntries((state.workspace?.users ?? []).map((u) => [u.id, u]));
  const channels = Object.fromEntries((state.workspace?.channels ?? []).map((c) => [c.id, c]));
  return { users, channels };
}

const appName = () => memberName(ctx().users, state.workspace?.botUserId) ?? 'App';

// ---- loading -------------------------------------------------------------------------------------------------

function readHash() {
  const hash = location.hash.replace(/^#/, '');
  if (hash === 'home') return { kind: 'home' };
  if (hash === 'phone') return { kind: 'phone' };
  if (hash === 'sip') return { kind: 'sip' };
  // `#C0PHONEADM` is what `npm start` prints and what the sidebar links to; `#channel/…` is the older form.
  const id = /^(?:channel\/)?([CDG][\w-]+)$/.exec(hash)?.[1];
  return { kind: 'channel', id };
}

async function load() {
  const as = encodeURIComponent(state.as);
  const [workspace, views] = await Promise.all([
    api(`/ui/api/workspace?as=${as}`),
    api(`/ui/api/views?as=${as}`),
  ]);
  state.workspace = workspace;
  state.views = views;
  // A workspace started without a local phone system has no such view: a saved link to it opens a channel.
  if (state.place.kind === 'phone' && !workspace.phoneSystem)
    state.place = { kind: 'channel', id: undefined };
  if (state.place.kind === 'phone') state.phoneSystem = await api('/ui/api/phone-system');
  if (state.place.kind === 'sip' && !workspace.sipServer) state.place = { kind: 'channel', id: undefined };
  if (state.place.kind === 'sip') state.sipServer = await api('/ui/api/sip-server');
  if (state.place.kind === 'channel') {
    const ids = [...workspace.channels.map((c) => c.id), workspace.appDm];
    if (!ids.includes(state.place.id)) state.place = { kind: 'channel', id: ids[0] };
    state.channel = await api(`/ui/api/channel/${encodeURIComponent(state.place.id)}?as=${as}`);
  }
  draw();
}

let loading;
let stale = false;

/** Loads again after each change; changes that arrive while loading are folded into one more load. */
function refresh() {
  stale = true;
  if (!loading) {
    loading = (async () => {
      while (stale) {
        stale = false;
        await load();
      }
    })()
      .catch((error) => showError(error.message))
      .finally(() => {
        loading = undefined;
      });
  }
  return loading;
}

function listen() {
  const events = new EventSource('/ui/api/events');
  events.onmessage = () => refresh();
  events.onopen = () => {
    setStatus('live', true);
    refresh();
  };
  events.onerror = () => setStatus('reconnecting…', false);
  setInterval(() => {
    // Registrations come and go without a change in Slack: the SIP server's view is read again as well.
    if ((state.place.kind === 'phone' || state.place.kind === 'sip') && !loading) refresh();
  }, PHONE_POLL_MS);
}

function setStatus(text, live) {
  const status = $('status');
  status.textContent = `${live ? '●' : '○'} ${text}`;
  status.classList.toggle('live', live);
}

// ---- drawing -------------------------------------------------------------------------------------------------

function draw() {
  drawActing();
  drawNav();
  drawViolations();
  drawMain();
  drawModals();
}

function drawActing() {
  const select = $('acting-as');
  const people = state.workspace.users.filter((u) => !u.isBot && !u.deleted);
  const html = people
    .map(
      (u) =>
        `<option value="${escapeHtml(u.id)}"${u.id === state.as ? ' selected' : ''}>${escapeHtml(u.realName || u.name)} (@${escapeHtml(u.name)})</option>`,
    )
    .join('');
  if (select.innerHTML !== html) select.innerHTML = html;
}

function navItem(href, label, current, extra = '') {
  return `<a class="nav-item${current ? ' current' : ''}" href="${href}">${label}${extra}</a>`;
}

function drawNav() {
  const { channels, appDm } = state.workspace;
  const here = state.place;
  const channelLinks = channels
    .map((c) =>
      navItem(
        `#${encodeURIComponent(c.id)}`,
        `<span class="sigil">${c.isPrivate ? LOCK : '#'}</span>${escapeHtml(c.name)}`,
        here.kind === 'channel' && here.id === c.id,
      ),
    )
    .join('');
  const name = escapeHtml(appName());
  $('nav').innerHTML = [
    '<div class="nav-section">Channels</div>',
    channelLinks || '<div class="nav-empty">No channels</div>',
    '<div class="nav-section">Direct messages</div>',
    navItem(
      `#${encodeURIComponent(appDm)}`,
      `<span class="sigil">●</span>${name}`,
      here.kind === 'channel' && here.id === appDm,
      '<span class="tag">APP</span>',
    ),
    '<div class="nav-section">Apps</div>',
    navItem('#home', `<span class="sigil">⌂</span>${name} Home`, here.kind === 'home'),
    ...(state.workspace.phoneSystem
      ? [
          '<div class="nav-section">Phone system</div>',
          navItem('#phone', `<span class="sigil">${PHONE}</span>Zoom Phone (local)`, here.kind === 'phone'),
        ]
      : []),
    ...(state.workspace.sipServer
      ? [
          '<div class="nav-section">Phone system</div>',
          navItem('#sip', `<span class="sigil">${PHONE}</span>SIP server (local)`, here.kind === 'sip'),
        ]
      : []),
  ].join('');
}

function drawViolations() {
  const box = $('violations');
  const { violations } = state.workspace;
  // reset() empties the journal: what was dismissed before is gone, and new ones must show.
  if (violations.length < state.dismissedViolations) state.dismissedViolations = 0;
  const fresh = violations.slice(state.dismissedViolations);
  box.hidden = fresh.length === 0;
  if (fresh.length === 0) return;
  const lines = fresh
    .slice(-5)
    .map((v) => `<li>${escapeHtml(v)}</li>`)
    .join('');
  const more = fresh.length > 5 ? `<div>…and ${fresh.length - 5} earlier.</div>` : '';
  box.innerHTML = `<div><strong>Slack would reject what the app just did</strong> (${fresh.length}):<ul>${lines}</ul>${more}</div><button type="button" class="banner-close" data-dismiss-violations aria-label="Dismiss">×</button>`;
}

function drawMain() {
  const { kind } = state.place;
  $('timeline').hidden = kind !== 'channel';
  $('composer').hidden = kind !== 'channel';
  $('notice').hidden = kind !== 'channel';
  if (kind !== 'channel') state.thread = undefined;
  $('home').hidden = kind !== 'home';
  $('phone-system').hidden = kind !== 'phone';
  $('sip-server').hidden = kind !== 'sip';
  if (kind === 'home') return drawHome();
  if (kind === 'phone') return drawPhoneSystem();
  if (kind === 'sip') return drawSipServer();
  const { channel } = state.channel;
  const botAway =
    !channel.isIm && state.workspace.channels.find((c) => c.id === channel.id)?.botIsMember === false;
  $('title').innerHTML = channel.isIm
    ? `${escapeHtml(appName())} <span class="tag">APP</span>`
    : `${channel.isPrivate ? LOCK : '#'}${escapeHtml(channel.name)}`;
  $('subtitle').textContent = botAway
    ? `${appName()} is not in this channel: it cannot post here until someone invites it.`
    : channel.isIm
      ? 'Your direct messages with the app. Commands and files work here too.'
      : '';
  drawTimeline();
  drawThread();
}

function time(ts) {
  return new Date(Number(String(ts).split('.')[0]) * 1000).toLocaleTimeString([], {
    hour: '2-digit',
    minute: '2-digit',
  });
}

function avatar(name, size = '') {
  const hue = [...name].reduce((sum, c) => sum + c.charCodeAt(0), 0) % 360;
  return `<div class="avatar ${size}" style="background:hsl(${hue} 45% 45%)">${escapeHtml(name.slice(0, 1).toUpperCase())}</div>`;
}

function content(message) {
  const body =
    Array.isArray(message.blocks) && message.blocks.length > 0
      ? renderBlocks(message.blocks, ctx())
      : `<div class="msg-text">${mrkdwnToHtml(message.text, ctx().users, ctx().channels)}</div>`;
  return `${body}${renderFiles(message.files)}`;
}

/** Under a message with replies, as in Slack: how many, who wrote them, and the link that opens the thread. */
function repliesLink(message) {
  const replies = message.replies ?? [];
  if (replies.length === 0) return '';
  const authors = [
    ...new Set(
      replies.map((r) => (r.bot_id !== undefined ? appName() : (memberName(ctx().users, r.user) ?? '?'))),
    ),
  ];
  const faces = authors
    .slice(0, 3)
    .map((name) => avatar(name, 'small'))
    .join('');
  const open = state.thread === message.ts ? ' open' : '';
  return `<button type="button" class="replies-link${open}" data-open-thread="${escapeHtml(message.ts)}">${faces}<span class="replies-count">${replies.length} ${replies.length === 1 ? 'reply' : 'replies'}</span><span class="replies-last">Last reply ${time(replies.at(-1).ts)}</span></button>`;
}

function messageHtml(message, inThread = false) {
  const fromApp = message.bot_id !== undefined;
  const name = fromApp ? appName() : (memberName(ctx().users, message.user) ?? message.user ?? 'someone');
  const thread = inThread ? '' : repliesLink(message);
  // A reply whose thread is gone stands alone in the channel, and Slack offers no thread under it.
  const canThread = !inThread && (message.thread_ts === undefined || message.thread_ts === message.ts);
  const actions = canThread
    ? `<div class="msg-actions"><button type="button" data-open-thread="${escapeHtml(message.ts)}" title="Reply in thread" aria-label="Reply in thread">${REPLY}</button></div>`
    : '';
  return `<article class="msg" data-container="message" data-channel="${escapeHtml(message.channel)}" data-ts="${escapeHtml(message.ts)}">
    ${actions}${avatar(name)}
    <div class="msg-main">
      <div class="msg-head"><strong>${escapeHtml(name)}</strong>${fromApp ? '<span class="tag">APP</span>' : ''}<time>${time(message.ts)}</time>${message.edited ? '<span class="edited">(edited)</span>' : ''}</div>
      ${content(message)}
      ${thread}
    </div>
  </article>`;
}

function ephemeralHtml(ephemeral) {
  return `<article class="msg ephemeral" data-container="ephemeral" data-ephemeral-id="${escapeHtml(ephemeral.id)}">
    ${avatar(appName())}
    <div class="msg-main">
      <div class="msg-head"><strong>${escapeHtml(appName())}</strong><span class="tag">APP</span><time>${time(ephemeral.ts)}</time><span class="only-you">Only visible to you</span></div>
      ${content(ephemeral)}
    </div>
  </article>`;
}

function drawTimeline() {
  const { messages, ephemerals } = state.channel;
  // Slack's ts values have a fixed width, so comparing them as strings orders them exactly.
  // An ephemeral message posted in a thread shows in that thread only, as in Slack.
  const items = [
    ...messages.map((m) => ({ ts: m.ts, html: messageHtml(m) })),
    ...ephemerals.filter((e) => e.thread_ts === undefined).map((e) => ({ ts: e.ts, html: ephemeralHtml(e) })),
  ].sort((a, b) => (a.ts < b.ts ? -1 : a.ts > b.ts ? 1 : 0));
  const html =
    items.length > 0
      ? items.map((i) => i.html).join('')
      : `<div class="empty">No messages yet. Type <code>${COMMAND} help</code> below to start.</div>`;
  if (html === state.drawn.timeline) return;
  const timeline = $('timeline');
  const atBottom = timeline.scrollHeight - timeline.scrollTop - timeline.clientHeight < 40;
  timeline.innerHTML = html;
  state.drawn.timeline = html;
  if (atBottom || state.drawn.scrolledFor !== state.place.id) timeline.scrollTop = timeline.scrollHeight;
  state.drawn.scrolledFor = state.place.id;
}

function drawThread() {
  const pane = $('thread');
  const root = state.channel?.messages.find((m) => m.ts === state.thread);
  if (!root) state.thread = undefined;
  pane.hidden = !root;
  document.body.classList.toggle('has-thread', Boolean(root));
  if (!root) {
    state.drawn.thread = '';
    return;
  }
  const { channel, ephemerals } = state.channel;
  $('thread-where').textContent = channel.isIm ? appName() : `#${channel.name}`;
  const replies = [
    ...root.replies.map((m) => ({ ts: m.ts, html: messageHtml(m, true) })),
    ...ephemerals.filter((e) => e.thread_ts === root.ts).map((e) => ({ ts: e.ts, html: ephemeralHtml(e) })),
  ].sort((a, b) => (a.ts < b.ts ? -1 : a.ts > b.ts ? 1 : 0));
  const count = root.replies.length;
  const html = `${messageHtml(root, true)}<div class="thread-divider"><span>${count} ${count === 1 ? 'reply' : 'replies'}</span></div>${replies.map((r) => r.html).join('')}`;
  if (html === state.drawn.thread) return;
  const box = $('thread-messages');
  const atBottom = box.scrollHeight - box.scrollTop - box.clientHeight < 40;
  const fresh = !state.drawn.thread;
  box.innerHTML = html;
  state.drawn.thread = html;
  if (atBottom || fresh) box.scrollTop = box.scrollHeight;
}

/** Opening or closing the pane narrows or widens the channel: one read at its end stays at its end. */
function keepingEnd(change) {
  const timeline = $('timeline');
  const atEnd = timeline.scrollHeight - timeline.scrollTop - timeline.clientHeight < 40;
  change();
  if (atEnd) timeline.scrollTop = timeline.scrollHeight;
}

function openThread(ts) {
  keepingEnd(() => {
    state.thread = ts;
    state.drawn.thread = '';
    state.drawn.timeline = '';
    drawTimeline();
    drawThread();
  });
  $('thread-text').focus();
}

function closeThread() {
  keepingEnd(() => {
    state.thread = undefined;
    state.drawn.timeline = '';
    drawTimeline();
    drawThread();
  });
}

function drawHome() {
  $('title').innerHTML = `${escapeHtml(appName())} <span class="tag">APP</span>`;
  $('subtitle').textContent = 'Home';
  const view = state.views.home;
  const html = view
    ? `<div class="home-view" data-container="view" data-view-id="${escapeHtml(view.id)}">${renderBlocks(view.blocks, ctx())}</div>`
    : `<div class="empty">${escapeHtml(appName())} has not published a Home tab for you yet.</div>`;
  if (html === state.drawn.home) return;
  $('home').innerHTML = html;
  state.drawn.home = html;
}

function drawPhoneSystem() {
  $('title').textContent = 'Zoom Phone (local)';
  $('subtitle').textContent =
    'What the local Zoom Phone holds now. A change made in Slack lands here within seconds; a new line takes about three, as in Zoom.';
  const html = phoneSystemHtml(state.phoneSystem);
  if (html === state.drawn.phone) return;
  $('phone-system').innerHTML = html;
  state.drawn.phone = html;
}

function drawSipServer() {
  $('title').textContent = 'SIP server (local)';
  $('subtitle').textContent =
    'Kamailio beside the app, reading its database: which phones are registered now, as the SIP server itself reports them.';
  const html = sipServerHtml(state.sipServer);
  if (html === state.drawn.sip) return;
  $('sip-server').innerHTML = html;
  state.drawn.sip = html;
}

function draftsOf(viewId) {
  if (!state.drafts.has(viewId)) state.drafts.set(viewId, {});
  return state.drafts.get(viewId);
}

function modalHtml(view, index, count) {
  const top = index === count - 1;
  const errors = { ...(view.errors ?? {}), ...(state.missing.get(view.id) ?? {}) };
  const body = renderBlocks(view.blocks, { ...ctx(), errors, drafts: draftsOf(view.id) });
  const close = view.close ? textToHtml(view.close) : 'Cancel';
  const submit = view.submit
    ? `<button type="submit" class="btn btn-primary">${textToHtml(view.submit)}</button>`
    : '';
  return `<div class="overlay${top ? '' : ' below'}"${top ? '' : ' inert'} style="--depth:${index}">
    <form class="modal" data-container="view" data-view-id="${escapeHtml(view.id)}" novalidate>
      <header class="modal-head"><h2>${textToHtml(view.title)}</h2><span class="depth">${count > 1 ? `${index + 1} of ${count}` : ''}</span><button type="button" class="modal-x" data-close aria-label="Close">×</button></header>
      <div class="modal-body">${body}</div>
      <footer class="modal-foot"><button type="button" class="btn" data-close>${close}</button>${submit}</footer>
    </form>
  </div>`;
}

function drawModals() {
  const { modals } = state.views;
  const open = new Set(modals.map((v) => v.id));
  for (const id of state.drafts.keys()) if (!open.has(id)) state.drafts.delete(id);
  for (const id of state.missing.keys()) if (!open.has(id)) state.missing.delete(id);
  // Drawn again only when a view changed, so that typing is not interrupted by unrelated changes.
  const key = JSON.stringify([modals, [...state.missing], state.workspace.users]);
  if (key === state.drawn.modals) return;
  state.drawn.modals = key;
  $('modals').innerHTML = modals.map((v, i) => modalHtml(v, i, modals.length)).join('');
  restoreFiles();
  document.body.classList.toggle('has-modal', modals.length > 0);
}

/** A browser will not redraw a chosen file from HTML; the File objects are put back into the new inputs. */
function restoreFiles() {
  for (const input of document.querySelectorAll('#modals input[type="file"]')) {
    const viewId = input.closest('[data-view-id]')?.dataset.viewId;
    const files = state.drafts.get(viewId)?.[input.dataset.blockId];
    if (!Array.isArray(files) || files.length === 0) continue;
    const transfer = new DataTransfer();
    for (const file of files) transfer.items.add(file);
    input.files = transfer.files;
  }
}

// ---- what the person does ------------------------------------------------------------------------------------

/** Where a clicked element lives, in the terms of POST /ui/api/click. */
function origin(element) {
  const box = element.closest('[data-container]');
  switch (box?.dataset.container) {
    case 'message':
      return { message: { channel: box.dataset.channel, ts: box.dataset.ts } };
    case 'ephemeral':
      return { message: { ephemeralId: box.dataset.ephemeralId } };
    case 'view':
      return { viewId: box.dataset.viewId };
    default:
      return {};
  }
}

function click(element, extra) {
  return attempt(() =>
    api('/ui/api/click', {
      as: state.as,
      actionId: element.dataset.actionId,
      blockId: element.dataset.blockId,
      ...origin(element),
      ...extra,
    }),
  );
}

function confirmDialog(confirm) {
  return new Promise((resolve) => {
    const box = $('confirm');
    const style = confirm.style === 'danger' ? 'btn-danger' : 'btn-primary';
    box.innerHTML = `<div class="overlay confirm-overlay"><div class="modal confirm" role="alertdialog" aria-modal="true">
      <header class="modal-head"><h2>${textToHtml(confirm.title) || 'Are you sure?'}</h2></header>
      <div class="modal-body">${textToHtml(confirm.text, ctx())}</div>
      <footer class="modal-foot"><button type="button" class="btn" data-answer="no">${textToHtml(confirm.deny) || 'Cancel'}</button><button type="button" class="btn ${style}" data-answer="yes">${textToHtml(confirm.confirm) || 'Yes'}</button></footer>
    </div></div>`;
    box.hidden = false;
    const answer = (yes) => {
      box.hidden = true;
      box.innerHTML = '';
      box.onclick = null;
      resolve(yes);
    };
    box.onclick = (event) => {
      const button = event.target.closest('[data-answer]');
      if (button) answer(button.dataset.answer === 'yes');
    };
    box.answer = answer;
    box.querySelector('[data-answer="yes"]').focus();
  });
}

async function press(button) {
  if (button.dataset.confirm && !(await confirmDialog(JSON.parse(button.dataset.confirm)))) return;
  await click(button, button.dataset.value === undefined ? {} : { value: button.dataset.value });
}

async function choose(select) {
  const option = select.selectedOptions[0];
  if (!option || option.value === '') return;
  const chosen =
    select.dataset.kind === 'users'
      ? { selectedUsers: [option.value] }
      : { selectedOption: { value: option.value, text: option.textContent } };
  // An overflow menu is a list of commands, not a choice that stays shown.
  if (select.dataset.kind === 'overflow') select.value = '';
  await click(select, chosen);
}

/** The raw value of one input block as the form shows it, in the shape inputValue() reads. */
function rawValue(block, type) {
  switch (type) {
    case 'checkboxes':
    case 'multi_users_select':
      return [...block.querySelectorAll('input:checked')].map((i) => i.value);
    case 'radio_buttons':
      return block.querySelector('input:checked')?.value ?? '';
    case 'file_input':
      return [...(block.querySelector('input[type="file"]')?.files ?? [])];
    default:
      return block.querySelector('[data-input]')?.value ?? '';
  }
}

function remember(target) {
  const block = target.closest('[data-input-block]');
  const viewId = target.closest('[data-view-id]')?.dataset.viewId;
  const type = block?.querySelector('[data-input]')?.dataset.input;
  if (!block || !viewId || !type) return;
  draftsOf(viewId)[block.dataset.inputBlock] = rawValue(block, type);
  if (type === 'multi_users_select') {
    const names = [...block.querySelectorAll('input:checked')].map((i) => i.parentElement.textContent.trim());
    block.querySelector('[data-chips]').outerHTML = chosenChips(names);
  }
}

function base64(file) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error(`could not read ${file.name}`));
    reader.readAsDataURL(file);
  });
}

const encodeFiles = (files) =>
  Promise.all(files.map(async (file) => ({ filename: file.name, contentBase64: await base64(file) })));

/**
 * A choice in an input block with dispatch_action: Slack sends block_actions at once, with the form as filled in
 * so far in the view's state, and the app may draw the form again.
 */
async function dispatchChoice(form, block) {
  const view = state.views.modals.find((v) => v.id === form.dataset.viewId);
  const shown = view
    ? inputBlocks(view.blocks).find((b) => b.blockId === block.dataset.inputBlock)
    : undefined;
  if (!view || !shown) return;
  const values = {};
  for (const { blockId, element } of inputBlocks(view.blocks)) {
    if (element.type === 'file_input') continue;
    const box = form.querySelector(`[data-input-block="${CSS.escape(blockId)}"]`);
    const value = box ? inputValue(element, rawValue(box, element.type)) : undefined;
    if (value && !isEmptyInput(value)) values[blockId] = { [element.action_id]: value };
  }
  const chosen = rawValue(block, shown.element.type);
  if (typeof chosen !== 'string' || chosen === '') return;
  await attempt(() =>
    api('/ui/api/click', {
      as: state.as,
      viewId: view.id,
      actionId: shown.element.action_id,
      blockId: shown.blockId,
      selectedOption: { value: chosen },
      values,
    }),
  );
}

async function submitView(form) {
  const view = state.views.modals.find((v) => v.id === form.dataset.viewId);
  if (!view) return;
  const values = {};
  const missing = {};
  for (const { blockId, element, optional } of inputBlocks(view.blocks)) {
    const block = form.querySelector(`[data-input-block="${CSS.escape(blockId)}"]`);
    let raw = block ? rawValue(block, element.type) : undefined;
    if (element.type === 'file_input') raw = await encodeFiles(raw ?? []);
    const value = inputValue(element, raw);
    if (!optional && isEmptyInput(value)) missing[blockId] = REQUIRED;
    else if (value) values[blockId] = { [element.action_id]: value };
  }
  state.missing.set(view.id, missing);
  if (Object.keys(missing).length > 0) return drawModals();
  const button = form.querySelector('button[type="submit"]');
  if (button) button.disabled = true;
  await attempt(() => api('/ui/api/submit', { as: state.as, viewId: view.id, values }));
  if (button) button.disabled = false;
}

function closeTop() {
  const top = state.views.modals.at(-1);
  if (top) return attempt(() => api('/ui/api/close', { as: state.as, viewId: top.id }));
}

/** The composer a person typed in: the channel's, or the reply box of the open thread. */
function composerOf(form) {
  return form.id === 'thread-composer'
    ? { box: $('thread-text'), threadTs: state.thread }
    : { box: $('composer-text'), threadTs: undefined };
}

function readFileAsUpload(file, { box, threadTs }) {
  const comment = box.value.trim();
  if (comment.startsWith('/')) {
    showError('A file goes with a plain message (e.g. update), not with a slash command.');
    return;
  }
  toEnd(threadTs);
  return attempt(async () => {
    await api('/ui/api/upload', {
      as: state.as,
      channel: state.place.id,
      filename: file.name,
      contentBase64: await base64(file),
      ...(comment ? { comment } : {}),
      ...(threadTs ? { threadTs } : {}),
    });
    box.value = '';
  });
}

/** What the person sends, they watch arrive, as in Slack: the conversation goes to its end. */
function toEnd(threadTs) {
  const list = threadTs ? $('thread-messages') : $('timeline');
  list.scrollTop = list.scrollHeight;
}

function send({ box, threadTs }) {
  closePicker();
  const line = box.value.trim();
  if (!line) return;
  toEnd(threadTs);
  const match = /^(\/\S+)\s*([\s\S]*)$/.exec(line);
  if (!match) {
    box.value = '';
    // A message for the people here: the app hears of it, as of every message in its channels, and lets it be.
    return attempt(() =>
      api('/ui/api/say', {
        as: state.as,
        channel: state.place.id,
        text: line,
        ...(threadTs ? { threadTs } : {}),
      }),
    );
  }
  const [, command, text] = match;
  if (command !== COMMAND) {
    showError(`${command} is not a valid command. In this workspace, ${appName()} answers ${COMMAND}.`);
    return;
  }
  state.history.push(line);
  box.value = '';
  // Sent as typed: the stand-in writes mentions, channels and links the way Slack escapes a command's text.
  // From a thread's reply box the app is told nothing of the thread, but its answers show there, as in Slack.
  return attempt(() =>
    api('/ui/api/slash', { as: state.as, channel: state.place.id, text, ...(threadTs ? { threadTs } : {}) }),
  );
}

// ---- the member list that `@` opens ----------------------------------------------------------------------------

const PICKER_SIZE = 8;

/** The `@word` the caret is in, if any: where its `@` is and what follows it so far. */
function mentionAt(box) {
  const before = box.value.slice(0, box.selectionStart ?? box.value.length);
  const match = /(^|[\s(])@([\w.-]*)$/.exec(before);
  return match ? { start: before.length - match[2].length - 1, query: match[2].toLowerCase() } : undefined;
}

/** Members whose handle, display name or a word of their real name starts with the query; exact names first. */
function membersFor(query) {
  const names = (u) =>
    [u.name, u.displayName, ...(u.realName ?? '').split(/\s+/), u.realName].filter(Boolean);
  const rank = (u) => {
    const all = names(u).map((n) => n.toLowerCase());
    if (all.includes(query)) return 0;
    if (all.some((n) => n.startsWith(query))) return 1;
    return undefined;
  };
  return state.workspace.users
    .filter((u) => !u.deleted)
    .map((u) => ({ u, rank: rank(u) }))
    .filter((m) => m.rank !== undefined)
    .sort((a, b) => a.rank - b.rank || (a.u.realName || a.u.name).localeCompare(b.u.realName || b.u.name))
    .slice(0, PICKER_SIZE)
    .map((m) => m.u);
}

function listOf(box) {
  return box.closest('form').querySelector('.mention-list');
}

function updatePicker(box) {
  const at = state.workspace ? mentionAt(box) : undefined;
  const members = at ? membersFor(at.query) : [];
  if (!at || members.length === 0) return closePicker();
  const keep =
    state.picker?.box === box
      ? members.findIndex((m) => m.id === state.picker.members[state.picker.index]?.id)
      : -1;
  state.picker = { box, start: at.start, members, index: Math.max(keep, 0) };
  drawPicker();
}

function drawPicker() {
  const { box, members, index } = state.picker;
  const list = listOf(box);
  list.innerHTML = members
    .map((u, i) => {
      const name = u.realName || u.name;
      const bot = u.isBot ? '<span class="tag">APP</span>' : '';
      return `<div role="option" id="${box.id}-member-${i}" data-member="${escapeHtml(u.id)}" aria-selected="${i === index}">${avatar(name, 'small')}<strong>${escapeHtml(name)}</strong>${bot}<span class="handle">@${escapeHtml(u.displayName || u.name)}</span></div>`;
    })
    .join('');
  list.hidden = false;
  box.setAttribute('aria-activedescendant', `${box.id}-member-${index}`);
}

function closePicker() {
  if (!state.picker) return;
  const { box } = state.picker;
  listOf(box).hidden = true;
  box.removeAttribute('aria-activedescendant');
  state.picker = undefined;
}

/** Puts the member's handle in place of what was typed after `@`: the stand-in sends it as their mention. */
function pickMember(id) {
  const { box, start } = state.picker;
  const member = state.workspace.users.find((u) => u.id === id);
  closePicker();
  if (!member) return;
  const end = box.selectionStart ?? box.value.length;
  const rest = box.value.slice(end).replace(/^[\w.-]*/, '');
  const mention = `@${member.name} `;
  box.value = `${box.value.slice(0, start)}${mention}${rest.replace(/^ /, '')}`;
  const caret = start + mention.length;
  box.setSelectionRange(caret, caret);
  box.focus();
}

/** Arrow keys, Enter, Tab and Escape while the list is open; true when the key was the list's. */
function pickerKey(event) {
  const picker = state.picker;
  if (!picker || picker.box !== event.target) return false;
  const count = picker.members.length;
  switch (event.key) {
    case 'ArrowDown':
      picker.index = (picker.index + 1) % count;
      break;
    case 'ArrowUp':
      picker.index = (picker.index - 1 + count) % count;
      break;
    case 'Enter':
    case 'Tab':
      pickMember(picker.members[picker.index].id);
      break;
    case 'Escape':
      closePicker();
      break;
    default:
      return false;
  }
  event.preventDefault();
  event.stopPropagation();
  if (state.picker) drawPicker();
  return true;
}

function openHome() {
  return attempt(() => api('/ui/api/home', { as: state.as }));
}

function go() {
  state.place = readHash();
  state.thread = undefined;
  closePicker();
  state.drawn.timeline = '';
  state.drawn.phone = '';
  refresh();
  if (state.place.kind === 'home') openHome();
}

function wire() {
  document.addEventListener('click', (event) => {
    const target = event.target;
    if (target.closest('[data-dismiss-violations]')) {
      state.dismissedViolations = state.workspace.violations.length;
      drawViolations();
    } else if (target.closest('#error .banner-close')) {
      $('error').hidden = true;
    } else if (target.closest('[data-close]')) {
      closeTop();
    } else if (target.closest('button[data-kind="button"]')) {
      press(target.closest('button[data-kind="button"]'));
    } else if (target.closest('#attach')) {
      $('file-picker').click();
    } else if (target.closest('#thread-attach')) {
      $('thread-file-picker').click();
    } else if (target.closest('[data-open-thread]')) {
      openThread(target.closest('[data-open-thread]').dataset.openThread);
    } else if (target.closest('[data-close-thread]')) {
      closeThread();
    } else if (state.picker && !target.closest('.mention-list')) {
      closePicker();
    }
  });
  // On mousedown, so that the box keeps its focus and caret.
  document.addEventListener('mousedown', (event) => {
    const option = event.target.closest('.mention-list [data-member]');
    if (!option || !state.picker) return;
    event.preventDefault();
    pickMember(option.dataset.member);
  });
  document.addEventListener('change', (event) => {
    const select = event.target.closest('select[data-kind]');
    if (select) return void choose(select);
    remember(event.target);
    const block = event.target.closest('[data-input-block][data-dispatch]');
    const form = event.target.closest('form[data-view-id]');
    if (block && form) dispatchChoice(form, block);
  });
  document.addEventListener('input', (event) => {
    if (event.target.matches('[data-mentions]')) updatePicker(event.target);
    else remember(event.target);
  });
  document.addEventListener('submit', (event) => {
    event.preventDefault();
    const form = event.target;
    if (form.id === 'composer' || form.id === 'thread-composer') send(composerOf(form));
    else if (form.dataset.viewId) submitView(form);
  });
  document.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape') return;
    const confirm = $('confirm');
    if (!confirm.hidden) confirm.answer?.(false);
    else closeTop();
  });
  for (const box of [$('composer-text'), $('thread-text')]) {
    box.addEventListener('keydown', (event) => {
      if (pickerKey(event)) return;
      if (event.key === 'Enter' && !event.shiftKey) {
        event.preventDefault();
        send(composerOf(box.form));
      } else if (event.key === 'ArrowUp' && box.value === '' && state.history.length > 0) {
        event.preventDefault();
        box.value = state.history.at(-1);
      } else if (event.key === 'Escape' && box.id === 'thread-text' && !state.picker) {
        closeThread();
      }
    });
    box.addEventListener('blur', () => {
      if (state.picker?.box === box) closePicker();
    });
  }
  for (const [id, form] of [
    ['file-picker', 'composer'],
    ['thread-file-picker', 'thread-composer'],
  ]) {
    $(id).addEventListener('change', (event) => {
      const [file] = event.target.files;
      event.target.value = '';
      if (file) readFileAsUpload(file, composerOf($(form)));
    });
  }
  $('acting-as').addEventListener('change', (event) => {
    state.as = event.target.value;
    localStorage.setItem('local-workspace.as', state.as);
    state.drafts.clear();
    state.missing.clear();
    go();
  });
  window.addEventListener('hashchange', go);
}

async function start() {
  wire();
  const { users } = await api('/ui/api/workspace');
  const people = users.filter((u) => !u.isBot && !u.deleted).map((u) => u.id);
  const saved = localStorage.getItem('local-workspace.as');
  state.as = people.includes(saved) ? saved : people[0];
  if (!state.as) {
    showError('The workspace has no members yet: seed people with addUser().');
    return;
  }
  go();
  listen();
}

start().catch((error) => showError(error.message));
