/**
 * `npx tsx bench/notices.ts`: how long the app takes to link and tell the people of a large import at Slack's pace.
 * An add file of NOTICE_PEOPLE people (1,000 by default), all members of the Slack stand-in by email and none
 * linked yet, is uploaded and imported; the clock runs from the import's summary to the last person's direct
 * message. Each person costs one users.lookupByEmail (Tier 3: 50 a minute, bursts of 20) and one chat.postMessage.
 *
 * The stand-in enforces Tier 3 on users.lookupByEmail (HTTP 429 with Retry-After past it). NOTICE_SPEEDUP (20 by
 * default) multiplies both that limit and the app's own pacing, so the run is as long as the real one divided by
 * the factor plus the app's own work, which does not shrink: the projection (measured × factor) overstates the
 * real time a little. NOTICE_SPEEDUP=1 measures it at Slack's real rate (about 20 minutes for 1,000 people).
 * DATABASE_URL runs it on PostgreSQL instead of an in-memory PGlite.
 */
import { performance } from 'node:perf_hooks';
import { createScratchDatabase } from '../db/scratch.ts';
import type { Config } from '../src/config.ts';
import { type Message, startFakeSlack } from '../src/local/index.ts';
import { DEFAULT_IMPORT_LIMITS } from '../src/services/imports/service.ts';
import { BACKGROUND_RATES, scaledRates, TIER_3 } from '../src/slack/pacer.ts';
import { updateAccount } from '../src/store/account.ts';
import { countNotices } from '../src/store/notices.ts';
import { startSwitchboard } from '../src/switchboard.ts';

const PEOPLE = Number(process.env.NOTICE_PEOPLE ?? 1000);
const SPEEDUP = Number(process.env.NOTICE_SPEEDUP ?? 20);
const ADMIN = 'UBENCHADM1';
const CHANNEL = 'CBENCH0001';
const TOKEN = 'xoxb-bench-notices';
const SECRET = 'bench-notices-secret';

async function main() {
  const slack = await startFakeSlack({ botToken: TOKEN, signingSecret: SECRET });
  slack.addUser({ id: ADMIN, name: 'admin', realName: 'Bench Admin', email: 'admin@example.com' });
  slack.addChannel({ id: CHANNEL, name: 'bench' });
  const ids: string[] = [];
  for (let i = 0; i < PEOPLE; i++) {
    const id = `UN${String(i).padStart(7, '0')}`;
    ids.push(id);
    slack.addUser({ id, name: `n${i}`, realName: `Notice Person ${i}`, email: `notice${i}@example.com` });
  }
  const scratch = process.env.DATABASE_URL
    ? await createScratchDatabase(process.env.DATABASE_URL)
    : undefined;
  const config: Config = {
    slack: { kind: 'http', botToken: TOKEN, signingSecret: SECRET },
    phoneSystem: { kind: 'none' },
    slackApiUrl: slack.apiUrl,
    databaseUrl: scratch?.url,
    pgliteDir: 'memory://',
    adminUserIds: [ADMIN],
    port: 0,
    logLevel: 'error',
    importLimits: DEFAULT_IMPORT_LIMITS,
    localSlackPort: 0,
    driftCheckMinutes: 0,
  };
  const app = await startSwitchboard(config, {
    clientOptions: { retryConfig: { retries: 0 } },
    backgroundRates: scaledRates(BACKGROUND_RATES, SPEEDUP),
  });
  slack.setRequestUrl(`http://127.0.0.1:${app.port}/slack/events`);
  try {
    await updateAccount(app.deps.db, { licensesTotal: PEOPLE }, new Date());
    const csv = ['Email,First Name,Last Name'];
    for (let i = 0; i < PEOPLE; i++) csv.push(`notice${i}@example.com,Notice,Person ${i}`);
    const uploaded = await slack.uploadFile({
      user: ADMIN,
      channel: CHANNEL,
      filename: 'everyone.csv',
      content: Buffer.from(csv.join('\n'), 'utf8'),
      mimetype: 'text/csv',
      comment: 'import',
    });
    const thread = () => slack.messages(CHANNEL).filter((m) => m.thread_ts === uploaded.ts);
    type Button = { action_id: string; value: string; text: { text: string } };
    const importButton = (m: Message) =>
      ((m.blocks ?? []) as { elements?: Button[] }[])
        .flatMap((block) => block.elements ?? [])
        .find((element) => /^Import/.test(element.text?.text ?? ''));
    // The thread's first answer may be "reading…"; the preview with its Import button replaces it.
    const preview = await slack.waitFor(() => thread().find((m) => importButton(m)), { timeoutMs: 120_000 });
    const button = importButton(preview);
    if (!button) throw new Error(`no Import button: ${preview.text}`);
    // Slack's Tier 3 from here on, scaled: the bucket starts full, as after a quiet spell.
    slack.limitRate('users.lookupByEmail', { perMinute: TIER_3.perMinute * SPEEDUP, burst: TIER_3.burst });
    await slack.click({
      user: ADMIN,
      actionId: button.action_id,
      value: button.value,
      message: { channel: CHANNEL, ts: preview.ts },
    });
    await slack.waitFor(() => thread().find((m) => m.text.includes('imported')), { timeoutMs: 300_000 });
    const start = performance.now();
    const told = () => ids.filter((id) => slack.messages(slack.dmChannel(id)).length > 0).length;
    let last = 0;
    await slack.waitFor(
      () => {
        const n = told();
        if (n - last >= PEOPLE / 10) {
          last = n;
          process.stdout.write(
            `  ${n} of ${PEOPLE} told after ${((performance.now() - start) / 1000).toFixed(1)} s\n`,
          );
        }
        return n === PEOPLE;
      },
      { timeoutMs: 3_600_000 },
    );
    const seconds = (performance.now() - start) / 1000;
    const lookups = slack.apiCalls('users.lookupByEmail');
    const twice = ids.filter((id) => slack.messages(slack.dmChannel(id)).length > 1).length;
    const computed = (Math.max(0, PEOPLE - TIER_3.burst) / TIER_3.perMinute) * 60;
    const jobs = await countNotices(app.deps.db);
    process.stdout.write(
      [
        `${PEOPLE} people linked and told in ${seconds.toFixed(1)} s at ${SPEEDUP}× Tier 3`,
        `  projected at Slack's rate: ${((seconds * SPEEDUP) / 60).toFixed(1)} min (pacing alone: ${(computed / 60).toFixed(1)} min)`,
        `  users.lookupByEmail: ${lookups.filter((c) => c.ok).length} answered, ${lookups.filter((c) => c.error === 'ratelimited').length} rate limited`,
        `  people told twice: ${twice}; jobs pending ${jobs.pending}, done ${jobs.done}`,
        '',
      ].join('\n'),
    );
  } finally {
    await app.stop();
    await slack.stop();
    await scratch?.drop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
