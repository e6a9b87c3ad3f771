import { type NoticePerson, noticeItems } from '../domain/notices.ts';
import type { Database } from '../store/database.ts';
import { findDirectoryUsersByIds } from '../store/directory.ts';
import {
  claimNotice,
  finishNotice,
  type NoticeJob,
  nextNoticeDue,
  reopenNotice,
  retryNotice,
} from '../store/notices.ts';
import { cardByDirectoryUser, personOf } from '../store/phone-users.ts';
import { planCatalog } from '../store/plans.ts';
import { linkableProfile, linkDirectoryUser } from './linking.ts';
import { type Clock, type Messenger, type Profiles, Refused, TryLater } from './ports.ts';

export type NoticeWorkerOptions = {
  db: Database;
  clock: Clock;
  /** Profiles over a client that reports a rate limit at once (TryLater) instead of waiting inside the call. */
  profiles: Profiles;
  messenger: Messenger;
  log: { info(message: string): void; warn(message: string): void };
  /** How long a claimed job stays with its worker before another may take it over (the worker died). */
  leaseMs?: number;
  /** The longest sleep with nothing due: jobs written by another instance are found this late at worst. */
  idleMs?: number;
};

export type NoticeWorker = {
  /** A change that leaves notices has committed: look now rather than at the next poll. */
  wake(): void;
  stop(): Promise<void>;
  /** Resolves once the worker has nothing due (jobs waiting for a later retry do not count). */
  idle(): Promise<void>;
};

const DEFAULT_LEASE_MS = 60_000;
const DEFAULT_IDLE_MS = 2_000;
/** After a failure that is not Slack asking to wait (a database hiccup, a network error while looking up). */
const BACKOFF_MS = [1_000, 5_000, 30_000, 120_000, 600_000];
/** A job failing this often gives up, so that one bad row never keeps a worker busy forever. */
const MAX_ATTEMPTS = 12;
const STOP_WAIT_MS = 5_000;

/**
 * Works through the notice jobs one at a time, at the pace the messenger and profiles keep (Slack's rate limits):
 * links each person without a chat account by their email (users.lookupByEmail), then sends them one direct
 * message about the request. Never in a request's way: the change committed long before, and a restart, a second
 * instance or a rate limit only delays the message.
 *
 * At most once, not at least once: a job is marked sent in the database before the message is posted, and a
 * worker posts only if that mark was its own. Slack's chat.postMessage has no idempotency key, so a worker that
 * died after posting but before recording it could not tell, on restart, whether the person got the message; at
 * least once would then send it twice, and a person told twice that their line changed distrusts both. Marking
 * first loses at most the one message in flight when a process dies (logged as such by nothing: the process is
 * gone), and a refusal or rate limit Slack answers before posting reopens the job, so those are still retried.
 * Linking needs no such care: it is a lookup and an idempotent, audited update, safe to repeat.
 */
export function startNoticeWorker(options: NoticeWorkerOptions): NoticeWorker {
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const idleMs = options.idleMs ?? DEFAULT_IDLE_MS;
  let stopped = false;
  let rung = false;
  /** Until the worker has looked and found nothing due. */
  let busy = true;
  let wakeUp: (() => void) | undefined;
  let idleWaiters: (() => void)[] = [];

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, Math.max(0, ms));
      timer.unref();
      function done() {
        clearTimeout(timer);
        wakeUp = undefined;
        resolve();
      }
      wakeUp = done;
    });

  const settle = () => {
    busy = false;
    for (const resolve of idleWaiters) resolve();
    idleWaiters = [];
  };

  const loop = async () => {
    while (!stopped) {
      rung = false;
      let job: NoticeJob | undefined;
      try {
        job = await claimNotice(options.db, options.clock.now(), leaseMs);
        if (job) await work(options, job);
      } catch (error) {
        if (stopped) break;
        options.log.warn(`Notice worker: ${error instanceof Error ? error.message : String(error)}`);
        if (job) await giveBack(options, job, error).catch(() => {});
        else await sleep(BACKOFF_MS[0] ?? 1000);
        continue;
      }
      if (job || rung) continue;
      const due = await nextNoticeDue(options.db).catch(() => undefined);
      if (rung || stopped) continue;
      settle();
      const untilDue = due ? due.getTime() - options.clock.now().getTime() : idleMs;
      await sleep(Math.min(idleMs, Math.max(untilDue, 50)));
      busy = true;
    }
    settle();
  };
  const running = loop();

  return {
    wake() {
      rung = true;
      busy = true;
      wakeUp?.();
    },
    async stop() {
      stopped = true;
      wakeUp?.();
      // A job cut short is safe (its claim runs out, the message is marked before it goes); do not hold a shutdown
      // for a call that waits on Slack's pace.
      await Promise.race([running, new Promise((resolve) => setTimeout(resolve, STOP_WAIT_MS).unref())]);
    },
    idle: () => (busy ? new Promise<void>((resolve) => idleWaiters.push(resolve)) : Promise.resolve()),
  };
}

async function giveBack(options: NoticeWorkerOptions, job: NoticeJob, error: unknown): Promise<void> {
  const message = error instanceof Error ? error.message : String(error);
  const now = options.clock.now();
  // Slack asking to wait is no failure of the job: only other errors count towards giving up.
  if (!(error instanceof TryLater) && job.attempts >= MAX_ATTEMPTS) {
    await finishNotice(options.db, job, 'failed', now, message);
    return;
  }
  const pause =
    error instanceof TryLater
      ? error.retryAfterMs
      : (BACKOFF_MS[Math.min(job.attempts - 1, BACKOFF_MS.length - 1)] ?? 1000);
  await retryNotice(options.db, job, new Date(now.getTime() + pause), message);
}

/** One job: link the person if they have no chat account, then tell them, unless the change was their own. */
async function work(options: NoticeWorkerOptions, job: NoticeJob): Promise<void> {
  const { db, clock } = options;
  let [person] = await findDirectoryUsersByIds(db, [job.directoryUserId]);
  // Gone since (an import undone, say): nobody to tell.
  if (!person) return void (await finishNotice(db, job, 'no_person', clock.now()));
  if (!person.slackUserId) {
    const profile = await options.profiles.byEmail(person.email);
    if (linkableProfile(profile, person.email)) {
      const meta = { requestId: job.requestId, actor: job.actor, at: clock.now() };
      const linked = await linkDirectoryUser({ db }, meta, person, profile);
      // Not linked: someone linked them meanwhile, or the account is another entry's; read what is there now.
      person = linked ?? (await findDirectoryUsersByIds(db, [job.directoryUserId]))[0];
    }
  }
  const slackUserId = person?.slackUserId;
  if (!person || !slackUserId) return void (await finishNotice(db, job, 'not_in_slack', clock.now()));
  // Someone changing their own line already saw the confirmation.
  if (slackUserId === job.actor) return void (await finishNotice(db, job, 'own_change', clock.now()));

  const notice = { actor: job.actor, items: await itemsOf(db, job) };
  if (notice.items.length === 0) return void (await finishNotice(db, job, 'nothing', clock.now()));
  if (!(await finishNotice(db, job, 'sent', clock.now()))) return;
  try {
    await options.messenger.tell(slackUserId, notice);
  } catch (error) {
    // Slack answered without posting: the message may and should be tried again (or given up on, if refused).
    if (error instanceof TryLater) {
      const runAfter = new Date(clock.now().getTime() + error.retryAfterMs);
      await reopenNotice(db, job, { runAfter }, error.message);
    } else if (error instanceof Refused) {
      options.log.warn(`Slack refused a direct message to ${slackUserId}: ${error.message}`);
      await reopenNotice(db, job, { refused: clock.now() }, error.message);
    } else {
      options.log.warn(
        `A direct message to ${slackUserId} may not have arrived (${error instanceof Error ? error.message : String(error)}); it is not sent again.`,
      );
    }
  }
}

async function itemsOf(db: Database, job: NoticeJob) {
  const plans = new Map((await planCatalog(db)).map((plan) => [plan.code, plan.shortName]));
  const others = job.changes.flatMap((change) =>
    'assistant' in change ? [change.user.directoryUserId, change.assistant.directoryUserId] : [],
  );
  const people = new Map((await findDirectoryUsersByIds(db, others)).map((user) => [user.id, user]));
  const card = await cardByDirectoryUser(db, job.directoryUserId);
  return noticeItems(job.directoryUserId, job.changes, {
    plan: (code) => plans.get(code) ?? String(code),
    person: (id): NoticePerson => {
      const user = people.get(id);
      return user ? personOf(user) : { name: `#${id}`, email: '', slackUserId: null };
    },
    extension: card?.extension ?? '',
  });
}
