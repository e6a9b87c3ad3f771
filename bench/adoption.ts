/**
 * `/phone adopt` of a Zoom Phone account of `rows` people: the app in its own process reads the local Zoom stand-in
 * (in this process, at the business plan's limits) through the Slack stand-in, and the admin clicks *Adopt*. The
 * figure is the time from the command to the adopted summary, next to the least time Zoom's limits allow for the
 * reads it made (for each label, its calls divided by its rate; the slowest sets the floor). The goal: that floor
 * plus at most 30 s.
 */
import type { ChildProcess } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { startFakeSlack } from '../src/local/index.ts';
import { startZoomStandIn, type ZoomStandIn } from '../src/local/zoom/index.ts';
import { stopAppProcess, zoomEnv } from './app-process.ts';
import {
  ADMIN,
  BOT_TOKEN,
  buttonOf,
  CHANNEL,
  type Engine,
  numberOf,
  SIGNING_SECRET,
  seededDatabase,
  startApp,
} from './imports.ts';
import { floorAtZoomLimits } from './zoom-import.ts';

const MINUTES = 60_000;

export type AdoptionFigures = {
  database: string;
  rows: number;
  /** Command to the preview. */
  previewMs: number;
  /** Adopt click to the adopted summary. */
  applyMs: number;
  totalMs: number;
  /** The least time the reads made allow at Zoom's limits. */
  floorMs: number;
  calls: Record<string, number>;
  summary: string;
};

const WEEKDAYS = ([2, 3, 4, 5, 6] as const).map((weekday) => ({
  weekday,
  type: 2 as const,
  from: '09:00',
  to: '17:00',
}));

/** `rows` people with lines in Zoom: each with an extension, a plan and settings, every other one with a number. */
function seedZoom(zoom: ZoomStandIn, rows: number) {
  zoom.seedPlans([{ type: 200, subscribed: rows }]);
  const numbers = [];
  for (let i = 0; i < rows; i += 2) numbers.push(numberOf(i));
  zoom.seedNumbers(numbers);
  const people = [];
  for (let i = 0; i < rows; i++) {
    people.push({
      email: `person${i}@example.com`,
      firstName: `First${i}`,
      lastName: `Last${i}`,
      zoomPhone: {
        extensionNumber: String(100_000 + i),
        plans: [200],
        ...(i % 2 === 0 ? { numbers: [numberOf(i)] } : {}),
        // Settings as a portal leaves them: everyone a PIN, a fifth weekday hours, a tenth a blocked number.
        settings: {
          pinCode: String(1000 + (i % 9000)),
          ...(i % 5 === 0
            ? { businessHours: { business_hour_type: 2 as const, business_hours: WEEKDAYS } }
            : {}),
          ...(i % 10 === 0 ? { blocked: [`+1900555${String(i % 10_000).padStart(4, '0')}`] } : {}),
        },
      },
    });
  }
  zoom.seedUsers(people);
}

export async function benchAdoption(engine: Engine, rows: number): Promise<AdoptionFigures> {
  const database = await seededDatabase(engine, 0);
  const zoom = await startZoomStandIn({ mainSiteExtensionLength: 6 });
  seedZoom(zoom, rows);
  const slack = await startFakeSlack({ botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET });
  slack.addUser({ id: ADMIN, name: 'admin', realName: 'Bench Admin', email: 'admin@example.com' });
  slack.addChannel({ id: CHANNEL, name: 'phone-admins' });
  let child: ChildProcess | undefined;
  try {
    child = await startApp(slack, database, zoomEnv(zoom));
    const start = performance.now();
    const ack = await slack.slash({ user: ADMIN, channel: CHANNEL, text: 'adopt' });
    if (ack.status !== 200) throw new Error(`/phone adopt answered ${ack.status}`);
    const preview = await slack.waitFor(
      () => slack.ephemerals(ADMIN, CHANNEL).find((e) => e.text.includes('Adopting')),
      { timeoutMs: 60 * MINUTES },
    );
    const previewMs = performance.now() - start;
    const button = buttonOf(preview, /^Adopt [\d,]+$/);
    if (!button) throw new Error(`no Adopt button on the preview: ${preview.text.slice(0, 500)}`);
    const clicked = performance.now();
    await slack.click({
      user: ADMIN,
      actionId: button.action_id,
      value: button.value,
      message: { ephemeralId: preview.id },
    });
    const summary = await slack.waitFor(
      () => slack.ephemerals(ADMIN, CHANNEL).find((e) => e.text.includes('Adopted')),
      { timeoutMs: 60 * MINUTES },
    );
    const applyMs = performance.now() - clicked;
    const { calls, floorMs } = floorAtZoomLimits(zoom);
    return {
      database: engine.name,
      rows,
      previewMs,
      applyMs,
      totalMs: previewMs + applyMs,
      floorMs,
      calls,
      summary: summary.text,
    };
  } finally {
    if (child) await stopAppProcess(child);
    await slack.stop();
    await zoom.stop();
    await database.drop();
  }
}
