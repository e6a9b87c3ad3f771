import type { EmailProblem } from '../domain/email.ts';
import type { LineNotice } from '../domain/notices.ts';

/** Narrow interfaces the use cases receive: time, ids, and what they need to know of Slack profiles. */

export interface Clock {
  now(): Date;
}

export interface Ids {
  requestId(): string;
}

export type SlackProfile = {
  slackUserId: string;
  /** The profile's email as `parseEmail` reads it; undefined when the profile has none or one it refuses. */
  email: string | undefined;
  /** An email the profile holds that the directory cannot keep, and why. */
  refusedEmail?: { input: string; problem: EmailProblem } | undefined;
  realName: string;
  firstName: string | undefined;
  lastName: string | undefined;
  timezone: string | undefined;
  isBot: boolean;
  deleted: boolean;
  /**
   * A member of another organization seen through a shared channel (Slack Connect): they belong to someone
   * else's company and phone system, so they get no license here.
   */
  external: boolean;
};

/** Who is who in the chat workspace. Implemented over the Web API; never called inside a transaction. */
export interface Profiles {
  bySlackId(slackUserId: string): Promise<SlackProfile | undefined>;
  byEmail(email: string): Promise<SlackProfile | undefined>;
}

export const systemClock: Clock = { now: () => new Date() };
export const randomIds: Ids = { requestId: () => crypto.randomUUID() };

/** Direct messages about a person's line, for the notice worker: one call, the step that happens at most once. */
export interface Messenger {
  /** Posts the notice in the app's direct conversation with the person. */
  tell(slackUserId: string, notice: LineNotice): Promise<void>;
}

/** Slack did not run the call and asks to be called again later (rate limited, or down for a moment). */
export class TryLater extends Error {
  constructor(
    readonly retryAfterMs: number,
    message: string,
  ) {
    super(message);
  }
}

/** Slack answered the call with a refusal (an account deactivated, a DM not allowed): nothing was done. */
export class Refused extends Error {}
