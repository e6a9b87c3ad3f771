import { and, desc, eq, isNotNull, ne } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { type DriftCheckRow, driftChecks } from '../../db/schema/index.ts';
import type { Difference } from '../domain/drift.ts';
import type { AccountSettings } from '../domain/phone-account.ts';

export type { DriftCheckRow };

export async function startDriftCheck(
  db: Executor,
  values: { requestedBy: string | null; system: string; at: Date },
): Promise<DriftCheckRow> {
  const [row] = await db
    .insert(driftChecks)
    .values({
      state: 'running',
      requestedBy: values.requestedBy,
      system: values.system,
      startedAt: values.at,
    })
    .returning();
  if (!row) throw new Error('insert into drift_checks returned nothing');
  return row;
}

/**
 * Checks left `running` by a process that died while reading (the caller holds the only lease, so no other check
 * is running): marked failed, so the Home tab does not show them as under way.
 */
export async function failInterruptedChecks(db: Executor, except: number, at: Date): Promise<void> {
  await db
    .update(driftChecks)
    .set({ state: 'failed', failure: 'The check was interrupted before it finished.', finishedAt: at })
    .where(and(eq(driftChecks.state, 'running'), ne(driftChecks.id, except)));
}

export async function finishDriftCheck(
  db: Executor,
  id: number,
  outcome:
    | {
        state: 'done';
        differences: Difference[];
        settingsCompared: boolean;
        phoneSettings: Record<string, AccountSettings>;
        linesRead: number;
        at: Date;
      }
    | { state: 'failed'; failure: string; at: Date },
): Promise<DriftCheckRow> {
  const values =
    outcome.state === 'done'
      ? {
          state: 'done' as const,
          differences: outcome.differences,
          settingsCompared: outcome.settingsCompared,
          phoneSettings: outcome.phoneSettings,
          linesRead: outcome.linesRead,
        }
      : { state: 'failed' as const, failure: outcome.failure };
  const [row] = await db
    .update(driftChecks)
    .set({ ...values, finishedAt: outcome.at })
    .where(eq(driftChecks.id, id))
    .returning();
  if (!row) throw new Error(`drift check ${id} vanished`);
  // Only the latest check's buttons act: older checks need the phone system's settings (and their PINs) no more.
  await db
    .update(driftChecks)
    .set({ phoneSettings: null })
    .where(and(ne(driftChecks.id, id), isNotNull(driftChecks.phoneSettings)));
  return row;
}

export async function findDriftCheck(db: Executor, id: number): Promise<DriftCheckRow | undefined> {
  const [row] = await db.select().from(driftChecks).where(eq(driftChecks.id, id));
  return row;
}

/** The latest check that finished, done or failed. */
export async function latestDriftCheck(db: Executor): Promise<DriftCheckRow | undefined> {
  const [row] = await db
    .select()
    .from(driftChecks)
    .where(ne(driftChecks.state, 'running'))
    .orderBy(desc(driftChecks.startedAt), desc(driftChecks.id))
    .limit(1);
  return row;
}
