import type { Store } from '../store.ts';
import type { CallHold, HoldHandle } from '../types.ts';
import type { ApiArgs } from './context.ts';

/** A hold in force: the rule, how many more calls it takes, the calls it holds now, and their release. */
export type ActiveHold = {
  rule: CallHold;
  left: number;
  holding: number;
  released: Promise<void>;
  release: () => void;
};

/**
 * Holds the answers of matching calls until released: Slack has done the work (a message is posted), but its
 * answer is late, as on a slow network. Holds are consulted oldest first; `reset()` releases every one.
 */
export function addHold(store: Store, rule: CallHold): HoldHandle {
  const times = rule.times ?? 1;
  if (!(times === Number.POSITIVE_INFINITY || (Number.isInteger(times) && times > 0))) {
    throw new Error(`fake-slack: holdCalls times must be a positive integer or Infinity, not ${times}`);
  }
  let release = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  const hold: ActiveHold = { rule, left: times, holding: 0, released, release };
  store.holds.push(hold);
  return {
    holding: () => hold.holding,
    release: () => {
      hold.left = 0;
      hold.release();
    },
  };
}

/** The hold that takes this call, counting the call against it; none if no hold matches. */
export function takeHold(store: Store, method: string, args: ApiArgs): ActiveHold | undefined {
  const hold = store.holds.find(
    ({ rule, left }) => left > 0 && rule.method === method && (rule.when?.(args) ?? true),
  );
  if (!hold) return undefined;
  hold.left -= 1;
  hold.holding += 1;
  store.notify();
  return hold;
}
