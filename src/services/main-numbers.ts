import type { Result } from '../domain/result.ts';
import { mainNumbers, setMainNumber, usersShowingCallerId } from '../store/main-numbers.ts';
import { findNumbers } from '../store/numbers.ts';
import { personOfPhoneUser } from '../store/phone-users.ts';
import { type Actor, type Deps, fail, runChange } from './context.ts';
import { typedNumber } from './typed-numbers.ts';

const numbersTarget = { targetType: 'account', targetId: 'numbers', targetLabel: 'numbers' };

export type MainNumbersChange = { number: string; main: string[] };

/**
 * Makes a free number of the inventory a main number: callers see it as the company's, and any phone user may
 * show it as caller ID. A number a user holds cannot be a main number, and a main number is never assigned.
 */
export async function addMainNumber(
  deps: Deps,
  actor: Actor,
  input: string,
): Promise<Result<MainNumbersChange>> {
  return runChange(deps, actor, 'numbers main add', async (tx, rec) => {
    const normalized = await typedNumber(deps, tx, input);
    if (!normalized.ok) return fail(normalized.error);
    const number = normalized.number;
    const [row] = await findNumbers(tx, [number]);
    if (!row) return fail({ code: 'NUMBER_NOT_IN_INVENTORY', number });
    if (row.isMain) fail({ code: 'MAIN_NUMBER_ALREADY', number });
    if (row.phoneUserId !== null) {
      fail({ code: 'NUMBER_TAKEN', number, holder: await personOfPhoneUser(tx, row.phoneUserId) });
    }
    const before = await mainNumbers(tx);
    if (!(await setMainNumber(tx, number, true))) fail({ code: 'CONCURRENT_CHANGE', what: number });
    const main = await mainNumbers(tx);
    rec.audit({ ...numbersTarget, action: 'numbers.main_added', before: { main: before }, after: { main } });
    rec.emit({ kind: 'numbers.main_changed', number, main: true });
    return { number, main };
  });
}

/** Makes a main number an ordinary free number again; refused while someone shows it as caller ID. */
export async function removeMainNumber(
  deps: Deps,
  actor: Actor,
  input: string,
): Promise<Result<MainNumbersChange>> {
  return runChange(deps, actor, 'numbers main remove', async (tx, rec) => {
    const normalized = await typedNumber(deps, tx, input);
    if (!normalized.ok) return fail(normalized.error);
    const number = normalized.number;
    const [row] = await findNumbers(tx, [number]);
    if (!row) return fail({ code: 'NUMBER_NOT_IN_INVENTORY', number });
    if (!row.isMain) fail({ code: 'NOT_MAIN_NUMBER', number });
    const users = await usersShowingCallerId(tx, number);
    if (users.length > 0) fail({ code: 'MAIN_NUMBER_IS_CALLER_ID', number, users });
    const before = await mainNumbers(tx);
    await setMainNumber(tx, number, false);
    const main = await mainNumbers(tx);
    rec.audit({
      ...numbersTarget,
      action: 'numbers.main_removed',
      before: { main: before },
      after: { main },
    });
    rec.emit({ kind: 'numbers.main_changed', number, main: false });
    return { number, main };
  });
}
