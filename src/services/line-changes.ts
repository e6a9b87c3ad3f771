import { MAX_NUMBERS_PER_USER, normalizeE164 } from '../domain/phone-numbers.ts';
import type { Result } from '../domain/result.ts';
import type { UserRef } from '../domain/user-ref.ts';
import type { AccountSettingsRow } from '../store/account.ts';
import { auditSince } from '../store/audit.ts';
import type { Transaction } from '../store/database.ts';
import { assignNumber, externalForwardsOf, findNumbers, releaseNumbers } from '../store/numbers.ts';
import {
  cardByDirectoryUser,
  type PhoneUserCard,
  personOf,
  personOfPhoneUser,
  updatePhoneUser,
} from '../store/phone-users.ts';
import { addUserPlans, removeUserPlans } from '../store/plans.ts';
import { findSiteById } from '../store/sites.ts';
import { type Actor, type Deps, fail, type Recorder, runChange } from './context.ts';
import { findPhoneUser } from './find-phone-user.ts';
import { resolvePlanForUse } from './licenses.ts';
import { refuseOtherSite, type UserChange } from './phone-user-changes.ts';
import { openedForm } from './settings/core.ts';
import {
  checkRequestedExtension,
  extensionAtSite,
  extensionState,
  resolvePlan,
  resolveSite,
} from './site-rules.ts';
import { auditTarget, phoneUserSnapshot, userRef } from './snapshots.ts';

/** The line as the settings form asks for it: every part whole, as the admin left it. */
export type LineInput = {
  site: string;
  /** The extension within the site, as typed. */
  extension: string;
  plans: string[];
  numbers: string[];
  status: 'active' | 'inactive';
};

export type LineChange = UserChange<{ changed: ('site' | 'extension' | 'plans' | 'numbers' | 'status')[] }>;

/**
 * Brings a phone user's line to what the settings form asks, in one transaction: all of it or, at the first
 * refusal, none of it. The steps run in the order that keeps each rule true on the way: site (which may change the
 * extension), extension, plans added, numbers released, plans removed, numbers given, status. Each step is
 * audited and recorded as the single command for it would be, so sync and notices see the same changes.
 */
export async function changeLine(
  deps: Deps,
  actor: Actor,
  ref: UserRef,
  input: LineInput,
): Promise<Result<LineChange>> {
  return runChange(deps, actor, 'settings', async (tx, rec, account) => {
    const first = await findPhoneUser(tx, ref);
    await refuseIfChangedSinceOpened(tx, first);
    const changed: LineChange['changed'] = [];
    let card = first;
    const step = async (name: LineChange['changed'][number], run: () => Promise<boolean>) => {
      if (await run()) {
        if (!changed.includes(name)) changed.push(name);
        card = await reload(tx, card);
      }
    };
    await step('site', () => moveTo(tx, rec, account, card, input.site));
    await step('extension', () => renumber(tx, rec, account, card, first, input.extension));
    const wanted = await wantedPlans(tx, input.plans);
    const numbers = wantedNumbers(input.numbers);
    if (wanted.length === 0 && numbers.length > 0) fail({ code: 'NUMBER_NEEDS_PLAN', user: personOf(card) });
    await step('plans', () => addPlans(tx, rec, card, wanted));
    await step('numbers', () => releaseUnwanted(tx, rec, card, numbers));
    await step('plans', () => removePlans(tx, rec, card, wanted));
    await step('numbers', () => giveNumbers(tx, rec, card, numbers));
    await step('status', () => setStatusTo(tx, rec, card, input.status));
    return { before: first, after: card, changed };
  });
}

/**
 * The form's "changed since you opened it": anything audited on this person after the form opened (a line change
 * does not move the settings version, so the audit log is what tells).
 */
async function refuseIfChangedSinceOpened(tx: Transaction, card: PhoneUserCard) {
  const opened = openedForm();
  if (!opened) return;
  const since = await auditSince(tx, 'user', String(card.directoryUserId), opened.openedAt);
  if (since.length > 0) {
    fail({
      code: 'SETTINGS_STALE',
      user: personOf(card),
      changes: since.map((entry) => ({ action: entry.action, actor: entry.actor, at: entry.at })),
    });
  }
}

async function reload(tx: Transaction, card: PhoneUserCard): Promise<PhoneUserCard> {
  const after = await cardByDirectoryUser(tx, card.directoryUserId);
  if (!after) throw new Error(`phone user ${card.directoryUserId} vanished inside its own transaction`);
  return after;
}

function audit(rec: Recorder, action: string, before: PhoneUserCard, after: PhoneUserCard) {
  rec.audit({
    action,
    ...auditTarget(before),
    before: phoneUserSnapshot(before),
    after: phoneUserSnapshot(after),
  });
}

async function moveTo(
  tx: Transaction,
  rec: Recorder,
  account: AccountSettingsRow,
  card: PhoneUserCard,
  siteInput: string,
): Promise<boolean> {
  const site = await resolveSite(tx, siteInput);
  if (site.id === card.siteId) return false;
  const { full, short } = await extensionAtSite(tx, card, site, { siteCodes: account.siteCodesEnabled });
  await updatePhoneUser(
    tx,
    card.phoneUserId,
    { siteId: site.id, extension: full, shortExtension: short },
    rec.at,
  );
  audit(rec, 'site.moved', card, await reload(tx, card));
  rec.emit({
    kind: 'phone_user.site_changed',
    user: userRef(card),
    from: card.site,
    to: site.name,
    extension: full,
  });
  return true;
}

/** The extension as typed, unless it is the one the form showed: a move alone then keeps what the move gave. */
async function renumber(
  tx: Transaction,
  rec: Recorder,
  account: AccountSettingsRow,
  card: PhoneUserCard,
  shown: PhoneUserCard,
  input: string,
): Promise<boolean> {
  const typed = input.trim();
  if (typed === shown.shortExtension || typed === shown.extension) return false;
  const site = await findSiteById(tx, card.siteId);
  if (!site) throw new Error(`site ${card.siteId} is missing`);
  const rules = { siteCodes: account.siteCodesEnabled };
  const wanted = checkRequestedExtension(typed, site, rules, await extensionState(tx), card.extension);
  if (wanted.full === card.extension) return false;
  await updatePhoneUser(
    tx,
    card.phoneUserId,
    { extension: wanted.full, shortExtension: wanted.short },
    rec.at,
  );
  audit(rec, 'extension.changed', card, await reload(tx, card));
  rec.emit({
    kind: 'phone_user.extension_changed',
    user: userRef(card),
    from: card.extension,
    to: wanted.full,
  });
  return true;
}

async function wantedPlans(tx: Transaction, inputs: string[]) {
  const plans: Awaited<ReturnType<typeof resolvePlan>>[] = [];
  for (const input of inputs) {
    const plan = await resolvePlan(tx, input);
    if (!plans.some((p) => p.code === plan.code)) plans.push(plan);
  }
  return plans;
}

function wantedNumbers(inputs: string[]): string[] {
  const numbers: string[] = [];
  for (const input of inputs) {
    const normalized = normalizeE164(input);
    if (!normalized.ok) return fail(normalized.error);
    if (!numbers.includes(normalized.number)) numbers.push(normalized.number);
  }
  return numbers;
}

async function addPlans(
  tx: Transaction,
  rec: Recorder,
  card: PhoneUserCard,
  wanted: { code: number; shortName: string }[],
): Promise<boolean> {
  const adding = wanted.filter((plan) => !card.plans.some((p) => p.code === plan.code));
  if (adding.length === 0) return false;
  for (const plan of adding) await resolvePlanForUse(tx, plan.shortName, 1);
  await addUserPlans(
    tx,
    adding.map((plan) => ({ phoneUserId: card.phoneUserId, planCode: plan.code, at: rec.at })),
  );
  audit(rec, 'plan.added', card, await reload(tx, card));
  for (const plan of adding)
    rec.emit({ kind: 'phone_user.plan_added', user: userRef(card), plan: plan.code });
  return true;
}

async function removePlans(
  tx: Transaction,
  rec: Recorder,
  card: PhoneUserCard,
  wanted: { code: number }[],
): Promise<boolean> {
  const codes = card.plans.filter((p) => !wanted.some((w) => w.code === p.code)).map((p) => p.code);
  if (codes.length === 0) return false;
  if (codes.length === card.plans.length) {
    // Forwarding outside the account is an outbound call: the last plan stays while someone forwards out.
    const external = (await externalForwardsOf(tx, [card.phoneUserId])).get(card.phoneUserId) ?? [];
    if (external.length > 0)
      fail({ code: 'PLAN_NEEDED_FOR_FORWARD', user: personOf(card), numbers: external });
  }
  await removeUserPlans(tx, card.phoneUserId, codes);
  audit(rec, 'plan.removed', card, await reload(tx, card));
  for (const code of codes) rec.emit({ kind: 'phone_user.plan_removed', user: userRef(card), plan: code });
  return true;
}

async function releaseUnwanted(
  tx: Transaction,
  rec: Recorder,
  card: PhoneUserCard,
  wanted: string[],
): Promise<boolean> {
  const releasing = card.numbers.filter((n) => !wanted.includes(n));
  if (releasing.length === 0) return false;
  const released = await releaseNumbers(tx, card.phoneUserId, releasing);
  audit(rec, 'number.released', card, await reload(tx, card));
  for (const number of released)
    rec.emit({ kind: 'phone_user.number_released', user: userRef(card), number });
  return true;
}

async function giveNumbers(
  tx: Transaction,
  rec: Recorder,
  card: PhoneUserCard,
  wanted: string[],
): Promise<boolean> {
  const adding = wanted.filter((n) => !card.numbers.includes(n));
  if (adding.length === 0) return false;
  const person = personOf(card);
  if (card.numbers.length + adding.length > MAX_NUMBERS_PER_USER)
    fail({ code: 'NUMBER_LIMIT', user: person, max: MAX_NUMBERS_PER_USER });
  const rows = await findNumbers(tx, adding);
  for (const number of adding) {
    const row = rows.find((r) => r.number === number);
    if (!row) fail({ code: 'NUMBER_NOT_IN_INVENTORY', number });
    if (row.isMain) fail({ code: 'NUMBER_IS_MAIN', number, action: 'assign' });
    if (row.phoneUserId !== null)
      fail({ code: 'NUMBER_TAKEN', number, holder: await personOfPhoneUser(tx, row.phoneUserId) });
    refuseOtherSite(row, card);
    if (!(await assignNumber(tx, number, card.phoneUserId)))
      fail({ code: 'CONCURRENT_CHANGE', what: number });
  }
  audit(rec, 'number.assigned', card, await reload(tx, card));
  for (const number of adding) rec.emit({ kind: 'phone_user.number_assigned', user: userRef(card), number });
  return true;
}

async function setStatusTo(
  tx: Transaction,
  rec: Recorder,
  card: PhoneUserCard,
  status: 'active' | 'inactive',
): Promise<boolean> {
  if (card.status === status) return false;
  await updatePhoneUser(tx, card.phoneUserId, { status }, rec.at);
  audit(rec, status === 'active' ? 'user.activated' : 'user.deactivated', card, await reload(tx, card));
  rec.emit({ kind: 'phone_user.status_changed', user: userRef(card), status });
  return true;
}
