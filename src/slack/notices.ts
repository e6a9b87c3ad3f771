import { ErrorCode, WebClient, type WebClientOptions } from '@slack/web-api';
import { type Messenger, type Profiles, Refused, TryLater } from '../services/ports.ts';
import { lineNoticeMessage } from './blocks/line-notice.ts';
import { BACKGROUND_RATES, Pacer, type Rate } from './pacer.ts';
import { slackProfiles } from './profiles.ts';

/** After Slack could not be reached or answered 5xx: it did not run the call. */
const UNAVAILABLE_RETRY_MS = 10_000;

/**
 * Turns the Web API's failures into what the notice worker decides on: Slack asked to wait or was briefly down
 * (TryLater: nothing was done), Slack refused (Refused: nothing was done). Anything else (a timeout, a broken
 * connection after the request left) is left as it is: the call may have been run.
 */
function translate(error: unknown, method: string, pacer: Pacer, read: boolean): unknown {
  const e = error as { code?: string; retryAfter?: number; statusCode?: number; data?: { error?: string } };
  if (e.code === ErrorCode.RateLimitedError) {
    const ms = Math.max(1, e.retryAfter ?? 1) * 1000;
    pacer.hold(method, ms);
    return new TryLater(ms, `${method}: ratelimited, retry after ${ms / 1000} s`);
  }
  // A 5xx may come after Slack posted: only a read is safe to call again.
  if (read && e.code === ErrorCode.HTTPError && (e.statusCode ?? 0) >= 500)
    return new TryLater(UNAVAILABLE_RETRY_MS, `${method}: HTTP ${e.statusCode}`);
  if (e.code === ErrorCode.PlatformError) return new Refused(`${method}: ${e.data?.error ?? 'refused'}`);
  return error;
}

/**
 * The Slack side of the notice worker: a Web API client of its own that reports a rate limit at once instead of
 * sleeping inside the call (the job is rescheduled in the database, so a restart keeps the wait), each method
 * paced to its tier.
 */
export function backgroundSlack(
  token: string,
  options: WebClientOptions,
  rates: Record<string, Rate> = BACKGROUND_RATES,
): { profiles: Profiles; messenger: Messenger } {
  const client = new WebClient(token, {
    ...options,
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
    timeout: 30_000,
  });
  const pacer = new Pacer(rates);
  const paced = async <T>(method: string, call: () => Promise<T>, read = true): Promise<T> => {
    await pacer.take(method);
    try {
      return await call();
    } catch (error) {
      throw translate(error, method, pacer, read);
    }
  };
  const profiles = slackProfiles(client);
  return {
    profiles: {
      bySlackId: (id) => paced('users.info', () => profiles.bySlackId(id)),
      byEmail: (email) => paced('users.lookupByEmail', () => profiles.byEmail(email)),
    },
    messenger: {
      // A user id as the channel posts in the app's DM with them: no conversations.open (Tier 3) first.
      async tell(slackUserId, notice) {
        const message = lineNoticeMessage(notice);
        const post = () => client.chat.postMessage({ channel: slackUserId, ...message });
        await paced('chat.postMessage', post, false);
      },
    },
  };
}
