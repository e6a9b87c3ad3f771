import type { CallInfo, CallMatch, FaultHandle, HangHandle } from './types.ts';

export type Fault = { left: number; match?: CallMatch };
export type FailFault = Fault & { status: number; applied: boolean };
export type HangFault = Fault & {
  applied: boolean;
  holding: number;
  released: Promise<void>;
  release(): void;
};

function checkTimes(times: number): void {
  if (!(times === Number.POSITIVE_INFINITY || (Number.isInteger(times) && times > 0)))
    throw new Error(`zoom stand-in: times must be a positive integer or Infinity, not ${times}`);
}

function matches(match: CallMatch | undefined, call: CallInfo): boolean {
  if (match === undefined) return true;
  if (typeof match === 'function') return match(call);
  return match === call.template || match === `${call.method} ${call.template}`;
}

/** Takes the oldest fault in force that matches the call, counting the call against it. */
export function take<F extends Fault>(faults: F[], call: CallInfo): F | undefined {
  const fault = faults.find((f) => f.left > 0 && matches(f.match, call));
  if (fault) fault.left -= 1;
  return fault;
}

export function addFault<F extends Fault>(faults: F[], fault: F): FaultHandle {
  checkTimes(fault.left);
  faults.push(fault);
  return {
    remaining: () => fault.left,
    lift: () => {
      fault.left = 0;
    },
  };
}

export function addHang(
  hangs: HangFault[],
  times: number,
  options: { match?: CallMatch; applied?: boolean },
): HangHandle {
  checkTimes(times);
  let release = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  const hang: HangFault = {
    left: times,
    applied: options.applied ?? false,
    holding: 0,
    released,
    release,
    ...(options.match === undefined ? {} : { match: options.match }),
  };
  hangs.push(hang);
  return {
    holding: () => hang.holding,
    release: () => {
      hang.left = 0;
      hang.release();
    },
  };
}
