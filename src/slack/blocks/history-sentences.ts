import type { Person } from '../../domain/errors.ts';
import { code, escapeText, listing, MRKDWN, showText, who } from '../format.ts';

/** One audit row as history shows it, with the person it is about when it is about a person. */
export type HistoryEntry = {
  id: number;
  requestId: string;
  at: Date;
  actor: string;
  action: string;
  targetType: string;
  targetId: string;
  targetLabel: string;
  before: unknown;
  after: unknown;
  target?: Person | null;
};

/** The rows of one request: one time, one actor, the changes it made. */
export type HistoryGroup = { requestId: string; at: Date; actor: string; entries: HistoryEntry[] };

/** Values quoted in a sentence are cut to this many characters: a long blocked list stays a line. */
const VALUE_LENGTH = 60;

/**
 * A moment as Slack shows it to each reader in their own time zone, with the UTC time as the fallback for
 * clients that cannot format dates.
 */
export function slackTime(at: Date): string {
  const seconds = Math.floor(at.getTime() / 1000);
  const fallback = `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  return `<!date^${seconds}^{date_short_pretty} {time}|${fallback}>`;
}

/** Audit rows, newest first, grouped by the request that wrote them; rows of a request stay together. */
export function groupByRequest(entries: HistoryEntry[]): HistoryGroup[] {
  const groups: HistoryGroup[] = [];
  const byRequest = new Map<string, HistoryGroup>();
  for (const entry of entries) {
    const known = byRequest.get(entry.requestId);
    if (known) {
      known.entries.push(entry);
      continue;
    }
    const group = { requestId: entry.requestId, at: entry.at, actor: entry.actor, entries: [entry] };
    byRequest.set(entry.requestId, group);
    groups.push(group);
  }
  return groups;
}

/** The whole sentence: who did what, e.g. "@ada changed the extension of @grace from `1001` to `7777`". */
export function sentence(entry: HistoryEntry): string {
  return `${MRKDWN.actor(entry.actor)} ${predicate(entry)}`;
}

/** What was done, without who did it: the part under a group's time and actor. */
export function predicate(entry: HistoryEntry): string {
  const t = targetName(entry);
  const before = record(entry.before);
  const after = record(entry.after);
  switch (entry.action) {
    case 'extension.changed':
      return `changed the extension of ${t} from ${value(before.extension)} to ${value(after.extension)}`;
    case 'plan.added':
      return `gave ${t} the calling plan ${values(added(before.plans, after.plans))}`;
    case 'plan.removed':
      return `removed the calling plan ${values(added(after.plans, before.plans))} from ${t}`;
    case 'number.assigned':
      return `gave ${t} the number ${values(added(before.numbers, after.numbers))}`;
    case 'number.released':
      return `took the number ${values(added(after.numbers, before.numbers))} from ${t}`;
    case 'user.activated':
      return `activated the phone line of ${t}`;
    case 'user.deactivated':
      return `deactivated the phone line of ${t}`;
    case 'site.moved':
      return `moved ${t} from the site ${value(before.site)} to ${value(after.site)}`;
    case 'license.assigned':
      return `gave ${t} a phone license: extension ${value(after.extension)} at ${value(after.site)}`;
    case 'license.removed':
      return `removed the phone license of ${t}`;
    case 'directory_user.created':
      return `added ${t} to the directory`;
    case 'directory_user.linked':
      return `linked ${t} to their Slack account`;
    case 'admin.added':
      return `made ${personOfId(entry.targetId)} a phone admin`;
    case 'admin.removed':
      return `removed ${personOfId(entry.targetId)} from the phone admins`;
    case 'voicemail_pin.shown':
      return `looked at the voicemail PIN of ${t}`;
    case 'denied':
      return `was refused ${code(`/phone ${showText(entry.targetLabel)}`)}`;
    case 'licenses.total_set':
      return `set the purchased license total from ${value(before.total)} to ${value(after.total)}`;
    case 'plan.inventory_set':
      return `set the count of ${t} licenses from ${value(before.inventory)} to ${value(after.inventory)}`;
    case 'numbers.added':
      return `added ${values(after.numbers)} to the number inventory`;
    case 'numbers.removed':
      return `removed ${values(before.numbers ?? before.number)} from the number inventory`;
    case 'reserved.added':
      return `reserved the extension ${value(after.extension)}`;
    case 'reserved.removed':
      return `released the reserved extension ${value(before.extension)}`;
    case 'site.created':
      return `created the site ${t}`;
    case 'settings.copied_to':
      return `copied the settings of ${t} to ${values(after.to)}`;
    case 'call_queue.membership':
      return membership(t, before, after);
    default:
      return changes(entry.action, t, before, after);
  }
}

/** Joining or leaving a call queue, or becoming or ceasing to be one of its managers. */
function membership(t: string, before: Record<string, unknown>, after: Record<string, unknown>): string {
  const queue = `the call queue ${value(after.queue ?? before.queue)}`;
  if (!before.member && after.member) return `added ${t} to ${queue}${after.manager ? ' as a manager' : ''}`;
  if (before.member && !after.member) return `removed ${t} from ${queue}`;
  return after.manager ? `made ${t} a manager of ${queue}` : `made ${t} no longer a manager of ${queue}`;
}

/**
 * Any other change, field by field: "changed the voicemail greeting of @grace from `a` to `b`". A value that is
 * not plain text or a list of it is named, not shown; the PIN is only ever said to have changed.
 */
function changes(action: string, t: string, before: Record<string, unknown>, after: Record<string, unknown>) {
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
    (field) => isPin(field) || JSON.stringify(before[field]) !== JSON.stringify(after[field]),
  );
  if (fields.length === 0) return `${words(action)} for ${t}`;
  // The person is named once, after the first field: "the hold music of @grace from … and the caller ID name from …".
  const parts = fields.map((field, i) => {
    const name = i === 0 ? `the ${fieldName(field)} of ${t}` : `the ${fieldName(field)}`;
    if (isPin(field) || !shown(before[field]) || !shown(after[field])) return name;
    if (before[field] === undefined || before[field] === null) return `${name} to ${value(after[field])}`;
    return `${name} from ${value(before[field])} to ${value(after[field])}`;
  });
  return `changed ${listing(parts)}`;
}

/** The audit keeps a PIN as "(hidden)"; history says it changed and never quotes even that. */
const isPin = (field: string) => /pin$/i.test(field);

function targetName(entry: HistoryEntry): string {
  if (entry.target) return who(entry.target);
  return showText(entry.targetLabel, VALUE_LENGTH);
}

const personOfId = (id: string) => MRKDWN.actor(id);

function record(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/** What is in `after` and not in `before`: the plan or number a change gave. */
function added(before: unknown, after: unknown): unknown[] {
  const had = new Set(Array.isArray(before) ? before.map(String) : []);
  return (Array.isArray(after) ? after : []).filter((item) => !had.has(String(item)));
}

/** Plain values are shown; objects (a schedule, an address) are named only. */
function shown(v: unknown): boolean {
  if (Array.isArray(v)) return v.every((item) => typeof item !== 'object' || item === null);
  return v === null || v === undefined || typeof v !== 'object';
}

function value(v: unknown): string {
  if (v === null || v === undefined || v === '') return 'nothing';
  if (typeof v === 'boolean') return v ? 'on' : 'off';
  if (Array.isArray(v)) return values(v);
  if (typeof v === 'object') return 'a new value';
  return code(showText(String(v), VALUE_LENGTH));
}

function values(v: unknown): string {
  const items = Array.isArray(v) ? v : v === undefined || v === null ? [] : [v];
  if (items.length === 0) return 'nothing';
  const shownItems = items.slice(0, 5).map((item) => value(item));
  return items.length > 5 ? `${shownItems.join(', ')} and ${items.length - 5} more` : listing(shownItems);
}

/** `voicemailPin` → "voicemail PIN", `forwardNumbers` → "forward numbers". */
export function fieldName(field: string): string {
  const spaced = field
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/_/g, ' ')
    .toLowerCase();
  return escapeText(spaced.replace(/\bpin\b/g, 'PIN').replace(/\bid\b/g, 'ID'));
}

/** `call_queue.created` → "call queue created". */
const words = (action: string) => `made a change (${escapeText(action.replace(/[._]/g, ' '))})`;
