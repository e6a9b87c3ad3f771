import type { Change } from './changes.ts';

/**
 * The changes to a person's line they are told about in a direct message: their license, extension, site,
 * numbers, calling plans, status, a PIN set for them, and delegations they gained or lost. Settings an admin
 * tunes (hours, greetings, hold music…) are not announced; neither is anything on a person's own request.
 */
export type LineChange = Extract<
  Change,
  {
    kind:
      | 'phone_user.assigned'
      | 'phone_user.removed'
      | 'phone_user.extension_changed'
      | 'phone_user.status_changed'
      | 'phone_user.site_changed'
      | 'phone_user.plan_added'
      | 'phone_user.plan_removed'
      | 'phone_user.number_assigned'
      | 'phone_user.number_released'
      | 'phone_user.settings_changed'
      | 'phone_user.assistant_added'
      | 'phone_user.assistant_removed';
  }
>;

const LINE_KINDS: ReadonlySet<Change['kind']> = new Set([
  'phone_user.assigned',
  'phone_user.removed',
  'phone_user.extension_changed',
  'phone_user.status_changed',
  'phone_user.site_changed',
  'phone_user.plan_added',
  'phone_user.plan_removed',
  'phone_user.number_assigned',
  'phone_user.number_released',
  'phone_user.assistant_added',
  'phone_user.assistant_removed',
]);

function isLineChange(change: Change): change is LineChange {
  if (change.kind === 'phone_user.settings_changed') return 'voicemailPin' in change.settings;
  return LINE_KINDS.has(change.kind);
}

/**
 * Groups one request's changes by the person each concerns (a delegation concerns both its owner and its
 * assistant), so that each person gets one message for the whole request, however many fields it touched.
 */
export function lineChangesByPerson(changes: readonly Change[]): Map<number, LineChange[]> {
  const byPerson = new Map<number, LineChange[]>();
  const add = (directoryUserId: number, change: LineChange) => {
    const list = byPerson.get(directoryUserId);
    if (list) list.push(change);
    else byPerson.set(directoryUserId, [change]);
  };
  for (const change of changes) {
    if (!isLineChange(change)) continue;
    add(change.user.directoryUserId, change);
    if (change.kind === 'phone_user.assistant_added' || change.kind === 'phone_user.assistant_removed') {
      add(change.assistant.directoryUserId, change);
    }
  }
  return byPerson;
}

/** One thing to tell a person about their line, in words the message builder renders. */
export type NoticeItem =
  | { what: 'assigned'; extension: string; site: string; plans: string[]; numbers: string[] }
  | { what: 'removed' }
  | { what: 'extension'; from: string; to: string }
  | { what: 'site'; from: string; to: string; extension: string }
  | { what: 'plans_added' | 'plans_removed'; plans: string[] }
  | { what: 'numbers_added' | 'numbers_released'; numbers: string[] }
  | { what: 'status'; status: 'active' | 'inactive'; extension: string }
  | { what: 'pin' }
  /** The recipient's own assistants. */
  | { what: 'assistant_added' | 'assistant_removed'; assistant: NoticePerson }
  /** Someone whose calls the recipient answers, or no longer does. */
  | { what: 'assisting_added' | 'assisting_removed'; owner: NoticePerson };

export type NoticePerson = { name: string; email: string; slackUserId: string | null };

/** What one request changed on one person's line: one direct message. `actor` made the change. */
export type LineNotice = { actor: string; items: NoticeItem[] };

/**
 * Turns a person's change records into the items of their message, several records of a kind (numbers, plans)
 * folded into one item. `names` gives plan names; `person` the people on the other side of a delegation.
 */
export function noticeItems(
  recipient: number,
  changes: readonly LineChange[],
  names: { plan(code: number): string; person(directoryUserId: number): NoticePerson; extension: string },
): NoticeItem[] {
  const items: NoticeItem[] = [];
  const numbersAdded: string[] = [];
  const numbersReleased: string[] = [];
  const plansAdded: string[] = [];
  const plansRemoved: string[] = [];
  let assigned: Extract<NoticeItem, { what: 'assigned' }> | undefined;
  for (const change of changes) {
    switch (change.kind) {
      case 'phone_user.assigned':
        assigned = {
          what: 'assigned',
          extension: change.extension,
          site: change.site,
          plans: change.plans.map(names.plan),
          numbers: [],
        };
        items.push(assigned);
        break;
      case 'phone_user.removed':
        items.unshift({ what: 'removed' });
        break;
      case 'phone_user.extension_changed':
        items.push({ what: 'extension', from: change.from, to: change.to });
        break;
      case 'phone_user.site_changed':
        items.push({ what: 'site', from: change.from, to: change.to, extension: change.extension });
        break;
      case 'phone_user.status_changed':
        items.push({ what: 'status', status: change.status, extension: names.extension });
        break;
      case 'phone_user.plan_added':
        plansAdded.push(names.plan(change.plan));
        break;
      case 'phone_user.plan_removed':
        plansRemoved.push(names.plan(change.plan));
        break;
      case 'phone_user.number_assigned':
        numbersAdded.push(change.number);
        break;
      case 'phone_user.number_released':
        numbersReleased.push(change.number);
        break;
      case 'phone_user.settings_changed':
        items.push({ what: 'pin' });
        break;
      case 'phone_user.assistant_added':
      case 'phone_user.assistant_removed': {
        const added = change.kind === 'phone_user.assistant_added';
        if (change.user.directoryUserId === recipient) {
          const assistant = names.person(change.assistant.directoryUserId);
          items.push({ what: added ? 'assistant_added' : 'assistant_removed', assistant });
        } else {
          const owner = names.person(change.user.directoryUserId);
          items.push({ what: added ? 'assisting_added' : 'assisting_removed', owner });
        }
        break;
      }
    }
  }
  if (assigned) assigned.numbers.push(...numbersAdded);
  else if (numbersAdded.length > 0) items.push({ what: 'numbers_added', numbers: numbersAdded });
  if (numbersReleased.length > 0) items.push({ what: 'numbers_released', numbers: numbersReleased });
  if (plansAdded.length > 0 && !assigned) items.push({ what: 'plans_added', plans: plansAdded });
  if (plansRemoved.length > 0) items.push({ what: 'plans_removed', plans: plansRemoved });
  return items;
}
