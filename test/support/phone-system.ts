import { isDeepStrictEqual } from 'node:util';
import type { DesiredLine, Line } from '../../src/domain/desired-line.ts';
import type { ConnectionCheck, PhoneSystem, SyncOutcome } from '../../src/services/phone-system.ts';

/** What the phone system holds for one person: a user found by email, with a line or without. */
export type HeldUser = { email: string; firstName: string; lastName: string; line: Line | null };

/** A call that changed what the phone system holds. */
export type Write = { email: string; op: 'create' | 'update' | 'remove' };

/**
 * A phone system in memory, with the behaviour the sync relies on: it holds users by email, `reconcile` changes
 * only what differs (so a second call for the same desired line writes nothing), and it can be told to refuse a
 * person, to be unreachable, to need a few more passes, or to hold a reconcile open while the test changes the
 * database. It notes every reconcile that starts while another one for the same person is still running.
 */
export class InMemoryPhoneSystem implements PhoneSystem {
  readonly name = 'Test Phone';
  readonly users = new Map<string, HeldUser>();
  readonly writes: Write[] = [];
  /** Every reconcile asked for, by email, in the order they started. */
  readonly calls: string[] = [];
  /** People for whom a reconcile started while one was already running. */
  readonly overlaps: string[] = [];
  /** The most reconciles that ran at once, for all people together. */
  mostAtOnce = 0;
  private readonly running = new Map<string, number>();
  private readonly refusals = new Map<string, { code: string; message: string }>();
  private readonly passesNeeded = new Map<string, number>();
  private unreachableCalls = 0;
  private readonly holds = new Map<string, { reached: () => void; release: Promise<void> }>();
  /** How long each reconcile takes, in real time: lets calls of several workers meet. */
  delayMs = 0;
  private meeting: { size: number; arrived: number; all: Promise<void>; open: () => void } | undefined;

  /** The next `size` reconciles wait for each other before going on, so that they certainly run at once. */
  meet(size: number) {
    let open!: () => void;
    const all = new Promise<void>((resolve) => {
      open = resolve;
    });
    this.meeting = { size, arrived: 0, all, open };
  }

  refuse(email: string, code: string, message: string) {
    this.refusals.set(key(email), { code, message });
  }
  accept(email: string) {
    this.refusals.delete(key(email));
  }
  /** The next `calls` reconciles, whoever they are for, cannot reach the phone system. */
  unreachableFor(calls: number) {
    this.unreachableCalls = calls;
  }
  /** The person's next `passes` reconciles answer that the line is still being set up. */
  stillSettingUp(email: string, passes: number) {
    this.passesNeeded.set(key(email), passes);
  }
  /**
   * Holds the person's next reconcile after it has read the desired line and before it answers: `reached`
   * resolves once it is held, `release()` lets it go on.
   */
  hold(email: string): { reached: Promise<void>; release: () => void } {
    let reached!: () => void;
    let release!: () => void;
    const reachedPromise = new Promise<void>((resolve) => {
      reached = resolve;
    });
    const releasePromise = new Promise<void>((resolve) => {
      release = resolve;
    });
    this.holds.set(key(email), { reached, release: releasePromise });
    return { reached: reachedPromise, release };
  }
  callsFor(email: string): number {
    return this.calls.filter((each) => each === key(email)).length;
  }
  writesFor(email: string): Write[] {
    return this.writes.filter((each) => each.email === key(email));
  }

  async reconcile(desired: DesiredLine): Promise<SyncOutcome> {
    const email = key(desired.email);
    this.calls.push(email);
    const already = this.running.get(email) ?? 0;
    if (already > 0) this.overlaps.push(email);
    this.running.set(email, already + 1);
    this.mostAtOnce = Math.max(
      this.mostAtOnce,
      [...this.running.values()].reduce((a, b) => a + b, 0),
    );
    try {
      const meeting = this.meeting;
      if (meeting && meeting.arrived < meeting.size) {
        meeting.arrived += 1;
        if (meeting.arrived === meeting.size) meeting.open();
        await meeting.all;
      }
      const held = this.holds.get(email);
      if (held) {
        this.holds.delete(email);
        held.reached();
        await held.release;
      }
      if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
      if (this.unreachableCalls > 0) {
        this.unreachableCalls -= 1;
        throw new Error('connect ECONNREFUSED 127.0.0.1:443');
      }
      const refusal = this.refusals.get(email);
      if (refusal)
        return { state: 'failed', ...refusal, reason: `${this.name} refused ${email}: ${refusal.message}` };
      this.apply(email, desired);
      const passes = this.passesNeeded.get(email) ?? 0;
      if (passes > 0) {
        this.passesNeeded.set(email, passes - 1);
        return { state: 'pending', reason: 'The line is still being set up', retryInMs: 30_000 };
      }
      return { state: 'in_sync' };
    } finally {
      this.running.set(email, (this.running.get(email) ?? 1) - 1);
    }
  }

  async connection(): Promise<ConnectionCheck> {
    return { ok: true, account: 'in-memory', detail: `${this.users.size} users` };
  }

  /** Only what differs is written, as an adapter does after reading the phone system. */
  private apply(email: string, desired: DesiredLine) {
    const held = this.users.get(email);
    if (desired.line === null) {
      if (held?.line) {
        this.users.set(email, { ...held, line: null });
        this.writes.push({ email, op: 'remove' });
      }
      return;
    }
    const wanted: HeldUser = {
      email,
      firstName: desired.firstName,
      lastName: desired.lastName,
      line: structuredClone(desired.line),
    };
    if (held && isDeepStrictEqual(held, wanted)) return;
    this.users.set(email, wanted);
    this.writes.push({ email, op: held?.line ? 'update' : 'create' });
  }
}

const key = (email: string) => email.toLowerCase();
