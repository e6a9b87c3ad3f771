/**
 * Block Kit and mrkdwn as HTML strings, for the local workspace page. Pure functions (no DOM), so that tests can
 * run them in Node. Interactive elements carry `data-*` attributes that app.js reads when a person clicks.
 *
 * Everything that comes from the app or from people is escaped: the only markup in the output is made here.
 */

const ENTITIES = { amp: '&', lt: '<', gt: '>' };

/** A drawn emoji, for those that common fonts lack: the page must not depend on an emoji font being installed. */
const drawn = (name, paths) =>
  `<svg class="icon emoji emoji-${name}" viewBox="0 0 24 24" role="img" aria-label="${name.replace(/-/g, ' ')}">${paths}</svg>`;

/**
 * The emoji the app writes; any other `:code:` stays as text, as Slack shows an unknown one. Those in DejaVu and
 * Liberation (what a bare Linux has) stay characters; the others are drawn.
 */
const EMOJI = {
  warning: '⚠️',
  x: drawn('x', '<path d="M6 6l12 12M18 6L6 18"/>'),
  white_check_mark: drawn(
    'white-check-mark',
    '<rect x="3" y="3" width="18" height="18" rx="4"/><path d="M7 12.5l3.2 3.2L17 9"/>',
  ),
  leftwards_arrow_with_hook: '↩️',
  no_entry_sign: drawn('no-entry-sign', '<circle cx="12" cy="12" r="9"/><path d="M5.6 5.6l12.8 12.8"/>'),
  mag: drawn('mag', '<circle cx="10" cy="10" r="6"/><path d="M14.5 14.5L20 20"/>'),
  lock: drawn(
    'lock',
    '<rect x="5" y="11" width="14" height="10" rx="2"/><path d="M8 11V7a4 4 0 0 1 8 0v4"/>',
  ),
  information_source: 'ℹ️',
  hourglass_flowing_sand: drawn('hourglass', '<path d="M7 3h10l-5 9zM7 21h10l-5-9z"/>'),
};

/** Placeholders (private-use characters) for markup made here, so that later passes neither escape nor format it. */
const HOLD_OPEN = '\uE000';
const HOLD_CLOSE = '\uE001';
const HOLDERS = new RegExp(`[${HOLD_OPEN}${HOLD_CLOSE}]`, 'g');
const HELD = new RegExp(`${HOLD_OPEN}(\\d+)${HOLD_CLOSE}`, 'g');

export function escapeHtml(text) {
  return String(text ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c],
  );
}

/** Slack escapes exactly three characters in message text; this undoes it. */
function decodeEntities(text) {
  return text.replace(/&(amp|lt|gt);/g, (_, name) => ENTITIES[name]);
}

function emoji(html) {
  return html.replace(/:([a-z0-9_+-]+):/g, (whole, name) => EMOJI[name] ?? whole);
}

const SAFE_URL = /^(https?:\/\/|mailto:|tel:)/i;

/** A link to a web page or an address; anything else (javascript:, stray brackets) is shown as text. */
function link(url, label) {
  if (!SAFE_URL.test(url)) return escapeHtml(label ?? `<${url}>`);
  const text = label ?? url.replace(/^mailto:/i, '');
  return `<a href="${escapeHtml(url)}" target="_blank" rel="noopener noreferrer">${escapeHtml(text)}</a>`;
}

/** The display name Slack shows for a member: the real name, else the handle. */
export function memberName(users, id) {
  const user = users?.[id];
  return user ? user.realName || user.name : undefined;
}

/** `<@U…>`, `<#C…|name>`, `<!here>`, `<url|label>`: what sits between Slack's angle brackets. */
function special(inner, users, channels) {
  const bar = inner.indexOf('|');
  const target = decodeEntities(bar < 0 ? inner : inner.slice(0, bar));
  const label = bar < 0 ? undefined : decodeEntities(inner.slice(bar + 1));
  if (target.startsWith('@')) {
    const id = target.slice(1);
    return `<span class="mention">@${escapeHtml(memberName(users, id) ?? label ?? id)}</span>`;
  }
  if (target.startsWith('#')) {
    const id = target.slice(1);
    return `<span class="mention">#${escapeHtml(channels?.[id]?.name ?? label ?? id)}</span>`;
  }
  if (target.startsWith('!')) {
    const name = target.slice(1);
    if (['here', 'channel', 'everyone'].includes(name)) return `<span class="mention">@${name}</span>`;
    if (name.startsWith('date^')) return escapeHtml(slackDate(name, label));
    // <!subteam^ID|@group>: Slack shows the label.
    return escapeHtml(label ?? name);
  }
  return link(target, label);
}

/**
 * `<!date^1796572800^{date_short_pretty} {time}|fallback>` as Slack's client shows it: in the reader's own time zone
 * (here, the browser's). A token it does not know stays as written; a time it cannot read gives the fallback.
 */
export function slackDate(name, fallback) {
  const [, seconds, format] = name.split('^');
  const at = new Date(Number(seconds) * 1000);
  if (!format || !/^\d+$/.test(seconds ?? '') || Number.isNaN(at.getTime())) return fallback ?? name;
  const day = (options) => at.toLocaleDateString('en-US', options);
  const pretty = (otherwise) => {
    const today = new Date();
    const yesterday = new Date(today.getTime() - 86_400_000);
    if (at.toDateString() === today.toDateString()) return 'Today';
    if (at.toDateString() === yesterday.toDateString()) return 'Yesterday';
    return otherwise;
  };
  const pad = (n) => String(n).padStart(2, '0');
  const tokens = {
    date_num: `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`,
    date: day({ month: 'long', day: 'numeric', year: 'numeric' }),
    date_short: day({ month: 'short', day: 'numeric', year: 'numeric' }),
    date_long: day({ weekday: 'long', month: 'long', day: 'numeric', year: 'numeric' }),
    time: at.toLocaleTimeString('en-US', { hour: 'numeric', minute: '2-digit' }),
    time_secs: at.toLocaleTimeString('en-US', { hour: 'numeric', minute: '2-digit', second: '2-digit' }),
  };
  tokens.date_pretty = pretty(tokens.date);
  tokens.date_short_pretty = pretty(tokens.date_short);
  tokens.date_long_pretty = pretty(tokens.date_long);
  return format.replace(/\{(\w+)\}/g, (whole, token) => tokens[token] ?? whole);
}

/** Bold, italic and strike need a non-word character (or an edge) outside each marker, as in Slack. */
function format(html, marker, tag) {
  const m = marker === '*' ? '\\*' : marker;
  const pattern = new RegExp(
    `(^|[^\\p{L}\\p{N}${m}])${m}(?=\\S)([^${m}\\n]*?[^\\s])${m}(?![\\p{L}\\p{N}${m}])`,
    'gmu',
  );
  return html.replace(pattern, `$1<${tag}>$2</${tag}>`);
}

/** Slack's mrkdwn subset as HTML: *bold*, _italic_, ~strike~, `code`, ```pre```, links, mentions, emoji. */
export function mrkdwnToHtml(text, users = {}, channels = {}) {
  const held = [];
  const hold = (html) => `${HOLD_OPEN}${held.push(html) - 1}${HOLD_CLOSE}`;
  let s = String(text ?? '').replace(HOLDERS, '');
  s = s.replace(/```\n?([\s\S]*?)```/g, (_, code) => hold(`<pre>${escapeHtml(decodeEntities(code))}</pre>`));
  s = s.replace(/`([^`\n]+)`/g, (_, code) => hold(`<code>${escapeHtml(decodeEntities(code))}</code>`));
  s = s.replace(/<([^<>\n]+)>/g, (_, inner) => hold(special(inner, users, channels)));
  s = emoji(escapeHtml(decodeEntities(s)));
  s = format(format(format(s, '*', 'strong'), '_', 'em'), '~', 'del');
  s = s.replace(/\n/g, '<br>');
  return s.replace(HELD, (_, i) => held[Number(i)]);
}

/** A text object (plain_text or mrkdwn) as HTML. */
export function textToHtml(text, ctx = {}) {
  if (!text || typeof text.text !== 'string') return '';
  if (text.type === 'mrkdwn') return mrkdwnToHtml(text.text, ctx.users, ctx.channels);
  return emoji(escapeHtml(text.text)).replace(/\n/g, '<br>');
}

const plainText = (text) => escapeHtml(text?.text ?? '');

function unknown(kind, type) {
  return `<div class="bk-unknown">Unsupported ${kind}: <code>${escapeHtml(type ?? '(no type)')}</code></div>`;
}

function ids(blockId, element) {
  return `data-block-id="${escapeHtml(blockId)}" data-action-id="${escapeHtml(element.action_id ?? '')}"`;
}

function optionsOf(element) {
  const groups = Array.isArray(element.option_groups) ? element.option_groups : [];
  return [...(element.options ?? []), ...groups.flatMap((g) => g.options ?? [])];
}

function optionTags(element, selected) {
  const option = (o) =>
    `<option value="${escapeHtml(o.value)}"${selected.includes(o.value) ? ' selected' : ''}>${plainText(o.text)}</option>`;
  if (Array.isArray(element.option_groups)) {
    return element.option_groups
      .map(
        (g) => `<optgroup label="${plainText(g.label)}">${(g.options ?? []).map(option).join('')}</optgroup>`,
      )
      .join('');
  }
  return (element.options ?? []).map(option).join('');
}

/** The members a users_select offers: everyone not deactivated, by name. */
function members(users) {
  return Object.entries(users ?? {})
    .filter(([, u]) => !u.deleted)
    .map(([id, u]) => ({ id, label: `${u.realName || u.name}${u.isBot ? ' (bot)' : ''}` }))
    .sort((a, b) => a.label.localeCompare(b.label));
}

/** The people a multi_users_select holds, as Slack shows them in the field: one chip each. */
export function chosenChips(names) {
  const chips = names.map((name) => `<span class="bk-chip">${escapeHtml(name)}</span>`).join('');
  return `<div class="bk-chips" data-chips aria-live="polite">${chips || '<span class="bk-hint">Nobody chosen yet</span>'}</div>`;
}

function memberOptions(users, selected) {
  return members(users)
    .map(
      (m) =>
        `<option value="${escapeHtml(m.id)}"${selected.includes(m.id) ? ' selected' : ''}>${escapeHtml(m.label)}</option>`,
    )
    .join('');
}

function placeholderOption(element, fallback) {
  return `<option value="">${escapeHtml(element.placeholder?.text ?? fallback)}</option>`;
}

/** A button, select or overflow in an actions block or a section accessory: one click sends block_actions. */
function actionElement(element, blockId, ctx) {
  const attrs = ids(blockId, element);
  switch (element.type) {
    case 'button': {
      const style = element.style === 'primary' || element.style === 'danger' ? ` bk-${element.style}` : '';
      const value = element.value === undefined ? '' : ` data-value="${escapeHtml(element.value)}"`;
      const confirm = element.confirm ? ` data-confirm="${escapeHtml(JSON.stringify(element.confirm))}"` : '';
      return `<button type="button" class="bk-button${style}" data-kind="button" ${attrs}${value}${confirm}>${plainText(element.text)}</button>`;
    }
    case 'static_select': {
      const initial = element.initial_option?.value;
      return `<select class="bk-select" data-kind="select" ${attrs}>${initial ? '' : placeholderOption(element, 'Select an item')}${optionTags(element, initial ? [initial] : [])}</select>`;
    }
    case 'users_select': {
      const initial = element.initial_user;
      return `<select class="bk-select" data-kind="users" ${attrs}>${initial ? '' : placeholderOption(element, 'Select a person')}${memberOptions(ctx.users, initial ? [initial] : [])}</select>`;
    }
    case 'overflow':
      return `<select class="bk-overflow" data-kind="overflow" title="More actions" ${attrs}><option value="">⋯</option>${optionTags(element, [])}</select>`;
    case 'image':
      return image(element, 'bk-accessory-image');
    default:
      return unknown('element', element.type);
  }
}

function image(element, className) {
  const url = String(element.image_url ?? '');
  if (!/^https?:\/\//i.test(url))
    return `<span class="${className}">${escapeHtml(element.alt_text ?? '')}</span>`;
  return `<img class="${className}" src="${escapeHtml(url)}" alt="${escapeHtml(element.alt_text ?? '')}">`;
}

/** The control of an input block; `draft` is what the person entered before the view was drawn again. */
function inputControl(element, blockId, draft, ctx) {
  const attrs = `${ids(blockId, element)} data-input="${escapeHtml(element.type)}"`;
  const name = escapeHtml(`${blockId}/${element.action_id ?? ''}`);
  switch (element.type) {
    case 'plain_text_input': {
      const value = escapeHtml(draft ?? element.initial_value ?? '');
      const placeholder = element.placeholder ? ` placeholder="${plainText(element.placeholder)}"` : '';
      const max = Number.isInteger(element.max_length) ? ` maxlength="${element.max_length}"` : '';
      return element.multiline
        ? `<textarea class="bk-text" rows="4" ${attrs}${placeholder}${max}>${value}</textarea>`
        : `<input type="text" class="bk-text" ${attrs}${placeholder}${max} value="${value}">`;
    }
    case 'static_select': {
      const chosen = draft ?? element.initial_option?.value ?? '';
      return `<select class="bk-select" ${attrs}>${placeholderOption(element, 'Select an item')}${optionTags(element, [chosen])}</select>`;
    }
    case 'users_select': {
      const chosen = draft ?? element.initial_user ?? '';
      return `<select class="bk-select" ${attrs}>${placeholderOption(element, 'Select a person')}${memberOptions(ctx.users, [chosen])}</select>`;
    }
    case 'multi_users_select': {
      const chosen = draft ?? element.initial_users ?? [];
      // As Slack's field lists the people chosen: first, so that none hides below the scroll.
      const all = members(ctx.users);
      const ordered = [
        ...all.filter((m) => chosen.includes(m.id)),
        ...all.filter((m) => !chosen.includes(m.id)),
      ];
      const boxes = ordered.map(
        (m) =>
          `<label class="bk-choice"><input type="checkbox" value="${escapeHtml(m.id)}"${chosen.includes(m.id) ? ' checked' : ''}> ${escapeHtml(m.label)}</label>`,
      );
      const names = ordered.filter((m) => chosen.includes(m.id)).map((m) => m.label);
      return `${chosenChips(names)}<div class="bk-multi" ${attrs}>${boxes.join('')}</div>`;
    }
    case 'radio_buttons':
    case 'checkboxes': {
      const type = element.type === 'radio_buttons' ? 'radio' : 'checkbox';
      const initial =
        type === 'radio'
          ? [element.initial_option?.value]
          : (element.initial_options ?? []).map((o) => o.value);
      const chosen = draft === undefined ? initial : [draft].flat();
      const choices = (element.options ?? []).map(
        (o) =>
          `<label class="bk-choice"><input type="${type}" name="${name}" value="${escapeHtml(o.value)}"${chosen.includes(o.value) ? ' checked' : ''}> ${textToHtml(o.text, ctx)}${o.description ? `<span class="bk-hint"> ${textToHtml(o.description, ctx)}</span>` : ''}</label>`,
      );
      return `<div class="bk-choices" ${attrs}>${choices.join('')}</div>`;
    }
    case 'timepicker':
      return `<input type="time" class="bk-text" ${attrs} value="${escapeHtml(draft ?? element.initial_time ?? '')}">`;
    case 'file_input': {
      const accept = Array.isArray(element.filetypes)
        ? ` accept="${escapeHtml(element.filetypes.map((t) => `.${t}`).join(','))}"`
        : '';
      const multiple = (element.max_files ?? 10) > 1 ? ' multiple' : '';
      return `<input type="file" class="bk-file" ${attrs}${accept}${multiple}>`;
    }
    default:
      return unknown('input element', element.type);
  }
}

function section(block, blockId, ctx) {
  const text = block.text ? `<div class="bk-text-body">${textToHtml(block.text, ctx)}</div>` : '';
  const fields = Array.isArray(block.fields)
    ? `<div class="bk-fields">${block.fields.map((f) => `<div>${textToHtml(f, ctx)}</div>`).join('')}</div>`
    : '';
  const accessory = block.accessory
    ? `<div class="bk-accessory">${actionElement(block.accessory, blockId, ctx)}</div>`
    : '';
  return `<div class="bk-section"><div class="bk-section-main">${text}${fields}</div>${accessory}</div>`;
}

function input(block, blockId, ctx) {
  const element = block.element ?? {};
  const optional = block.optional ? ' <span class="bk-optional">(optional)</span>' : '';
  const hint = block.hint ? `<div class="bk-hint">${textToHtml(block.hint, ctx)}</div>` : '';
  const error = ctx.errors?.[blockId];
  const draft = ctx.drafts?.[blockId];
  return [
    `<div class="bk-input${error ? ' bk-has-error' : ''}" data-input-block="${escapeHtml(blockId)}"${block.dispatch_action === true ? ' data-dispatch' : ''}>`,
    `<div class="bk-label">${plainText(block.label)}${optional}</div>`,
    inputControl(element, blockId, draft, ctx),
    error ? `<div class="bk-error" role="alert">${escapeHtml(error)}</div>` : '',
    hint,
    '</div>',
  ].join('');
}

function context(block, ctx) {
  const parts = (block.elements ?? []).map((el) =>
    el.type === 'image' ? image(el, 'bk-context-image') : `<span>${textToHtml(el, ctx)}</span>`,
  );
  return `<div class="bk-context">${parts.join('')}</div>`;
}

function renderBlock(block, index, ctx) {
  if (!block || typeof block !== 'object') return unknown('block', String(block));
  // The stand-in names a block without block_id by its position, as findElement does.
  const blockId = block.block_id ?? `block-${index}`;
  switch (block.type) {
    case 'section':
      return section(block, blockId, ctx);
    case 'header':
      return `<h3 class="bk-header">${textToHtml(block.text, ctx)}</h3>`;
    case 'divider':
      return '<hr class="bk-divider">';
    case 'context':
      return context(block, ctx);
    case 'actions':
      return `<div class="bk-actions">${(block.elements ?? []).map((el) => actionElement(el, blockId, ctx)).join('')}</div>`;
    case 'input':
      return input(block, blockId, ctx);
    case 'image':
      return `<figure class="bk-image">${image(block, 'bk-image-img')}${block.title ? `<figcaption>${plainText(block.title)}</figcaption>` : ''}</figure>`;
    default:
      return unknown('block', block.type);
  }
}

/**
 * Blocks as HTML. `ctx`: `users` and `channels` by id (for mentions and user pickers), and in a modal `errors`
 * (the inline errors by block_id) and `drafts` (what the person entered, by block_id, kept across redraws).
 */
export function renderBlocks(blocks, ctx = {}) {
  if (!Array.isArray(blocks)) return '';
  return blocks.map((block, index) => renderBlock(block, index, ctx)).join('');
}

function size(bytes) {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** The file cards of a message, each with a download link served by the stand-in. */
export function renderFiles(files) {
  if (!Array.isArray(files)) return '';
  return files
    .map(
      (f) =>
        `<div class="file-card"><div class="file-icon">${escapeHtml(
          String(f.filetype ?? 'file')
            .slice(0, 4)
            .toUpperCase(),
        )}</div><div class="file-meta"><div class="file-name">${escapeHtml(f.name)}</div><div class="file-type">${escapeHtml(f.pretty_type ?? '')} · ${size(Number(f.size ?? 0))}</div></div><a class="file-download" href="/ui/api/files/${encodeURIComponent(f.id)}" download="${escapeHtml(f.name)}">Download</a></div>`,
    )
    .join('');
}

function optionFor(element, value) {
  const option = optionsOf(element).find((o) => o.value === value);
  return option ? { text: option.text, value: option.value } : null;
}

/**
 * An input's value as `view.state.values` holds it, from what the page read off the form: a string for text,
 * time, single selects and radios; an array for checkboxes and multi selects; uploads for a file input.
 */
export function inputValue(element, raw) {
  const type = element.type;
  switch (type) {
    case 'plain_text_input':
      return { type, value: raw ? raw : null };
    case 'static_select':
    case 'radio_buttons':
      return { type, selected_option: raw ? optionFor(element, raw) : null };
    case 'checkboxes':
      return { type, selected_options: (raw ?? []).map((v) => optionFor(element, v)).filter(Boolean) };
    case 'users_select':
      return { type, selected_user: raw ? raw : null };
    case 'multi_users_select':
      return { type, selected_users: raw ?? [] };
    case 'timepicker':
      return { type, selected_time: raw ? raw : null };
    case 'file_input':
      return { type, uploads: raw ?? [] };
    default:
      return undefined;
  }
}

/** True when an input holds nothing, so a required one stops the submit as the Slack client does. */
export function isEmptyInput(value) {
  if (!value) return true;
  const field = Object.keys(value).find((key) => key !== 'type');
  const v = field === undefined ? undefined : value[field];
  return v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
}

/** The input blocks of a view: block_id, element and whether Slack requires it. */
export function inputBlocks(blocks) {
  if (!Array.isArray(blocks)) return [];
  return blocks.flatMap((block, index) =>
    block?.type === 'input' && block.element
      ? [
          {
            blockId: block.block_id ?? `block-${index}`,
            element: block.element,
            optional: block.optional === true,
          },
        ]
      : [],
  );
}
