import { eq, sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../db/client.ts';
import { IMPORT_LEASES } from '../../../db/leases.ts';
import { imports } from '../../../db/schema/imports.ts';
import {
  applyImport,
  cancelImport,
  claimUpload,
  DEFAULT_IMPORT_LIMITS,
  previewImport,
  recentImports,
  recoverInterruptedImports,
} from '../../../src/services/imports/service.ts';
import { updateAccount } from '../../../src/store/account.ts';
import { testDriver, useTestDatabase } from '../../support/database.ts';
import { refusal, snapshotWithoutAudit, unwrap } from '../../support/fixtures.ts';
import { ADMIN, makeDeps, prepareAccount, previewUpload } from '../../support/services.ts';

const database = useTestDatabase();

let deps: ReturnType<typeof makeDeps>;
beforeEach(async () => {
  deps = makeDeps(database.db);
  await prepareAccount(database.db, { licenses: 10, planInventory: 5 });
});

const FILE = [
  'Email,First Name,Last Name,Site,Extension',
  'ada@example.com,Ada,Lovelace,,',
  'grace@example.com,Grace,Hopper,,',
  'alan@example.com,Alan,Turing,,',
].join('\n');

let files = 0;
async function previewed(text = FILE) {
  files++;
  const { result } = await previewUpload(
    deps,
    ADMIN,
    {
      slackFileId: `FINT${files}`,
      fileName: `people-${files}.csv`,
      channelId: 'C1',
      threadTs: '1.000',
      mode: 'add',
    },
    new TextEncoder().encode(text),
  );
  return unwrap(result).import;
}

async function statusOf(id: number) {
  const [row] = await database.db.select({ status: imports.status }).from(imports).where(eq(imports.id, id));
  return row?.status;
}

/** What an applier that died leaves: `applying` committed, its lease gone with its process. */
async function leftApplying(id: number) {
  await database.db.update(imports).set({ status: 'applying' }).where(eq(imports.id, id));
}

const lease = (id: number) => ({ space: IMPORT_LEASES, id });

describe('an apply cut short', () => {
  it('is found, marked failed with nothing changed, listed as such, and can be applied again', async () => {
    const row = await previewed();
    const before = await snapshotWithoutAudit(database.db);
    await leftApplying(row.id);

    const recovered = await recoverInterruptedImports(deps);
    expect(recovered.map((r) => [r.while, r.import.id, r.import.status])).toEqual([
      [row.id && 'applying', row.id, 'failed'],
    ]);
    expect(await recoverInterruptedImports(deps)).toEqual([]);
    // The snapshot includes the imports table: put the status back to compare everything else.
    await database.db.update(imports).set({ status: 'previewed' }).where(eq(imports.id, row.id));
    expect(await snapshotWithoutAudit(database.db)).toEqual(before);
    await database.db.update(imports).set({ status: 'failed' }).where(eq(imports.id, row.id));

    const listed = unwrap(await recentImports(deps, ADMIN)).find((r) => r.id === row.id);
    expect(listed).toMatchObject({ status: 'failed', appliable: true });

    const applied = unwrap(await applyImport(deps, ADMIN, row.id, 'all'));
    expect(applied.counts).toMatchObject({ create: 3, skipped: 0 });
    expect(await statusOf(row.id)).toBe('applied');
  });

  it('is left alone while its applier holds the lease, and refused to a second applier', async () => {
    const row = await previewed();
    const release = await deps.leases.take(lease(row.id));
    expect(release).toBeDefined();
    await leftApplying(row.id);

    expect(await recoverInterruptedImports(deps)).toEqual([]);
    expect(refusal(await applyImport(deps, ADMIN, row.id, 'all'))).toMatchObject({
      code: 'IMPORT_CLOSED',
      status: 'applying',
    });
    await release?.();
    expect((await recoverInterruptedImports(deps)).map((r) => r.import.id)).toEqual([row.id]);
  });

  it('marks the import failed when the apply throws half way, with nothing of it kept', async () => {
    const row = await previewed();
    const before = await snapshotWithoutAudit(database.db);
    const crash = () => {
      throw new Error('the connection was lost');
    };
    await expect(applyImport(deps, ADMIN, row.id, 'all', crash)).rejects.toThrow('the connection was lost');
    expect(await statusOf(row.id)).toBe('failed');
    await database.db.update(imports).set({ status: 'previewed' }).where(eq(imports.id, row.id));
    expect(await snapshotWithoutAudit(database.db)).toEqual(before);
    expect(await deps.leases.held(lease(row.id))).toBe(false);
  });

  it('puts a refused apply back as it was: a preview stays a preview, a failed import stays failed', async () => {
    const row = await previewed();
    await updateAccount(database.db, { licensesTotal: 1 }, new Date());
    expect(refusal(await applyImport(deps, ADMIN, row.id, 'all'))).toMatchObject({
      code: 'IMPORT_ROWS_INVALID',
    });
    expect(await statusOf(row.id)).toBe('previewed');

    await leftApplying(row.id);
    await recoverInterruptedImports(deps);
    expect(refusal(await applyImport(deps, ADMIN, row.id, 'all'))).toMatchObject({
      code: 'IMPORT_ROWS_INVALID',
    });
    expect(await statusOf(row.id)).toBe('failed');
    expect(unwrap(await applyImport(deps, ADMIN, row.id, 'valid')).counts).toMatchObject({ create: 1 });
  });

  it('is replaced by a new upload of the same admin, like a preview', async () => {
    const first = await previewed();
    await leftApplying(first.id);
    await recoverInterruptedImports(deps);
    await previewed();
    expect(await statusOf(first.id)).toBe('cancelled');
  });

  it('is refused to a non-admin without claiming it', async () => {
    const row = await previewed();
    expect(refusal(await applyImport(deps, { slackUserId: 'USTRANGER' }, row.id, 'all'))).toMatchObject({
      code: 'NOT_ADMIN',
    });
    expect(await statusOf(row.id)).toBe('previewed');
  });
});

describe('a preview cut short', () => {
  let uploads = 0;
  /** An upload claimed and read as far as the preview's message: what a reader that died then leaves. */
  async function readNotShown() {
    uploads++;
    const claimed = unwrap(
      await claimUpload(deps, ADMIN, {
        slackFileId: `FREAD${uploads}`,
        fileName: `read-${uploads}.csv`,
        channelId: 'C1',
        threadTs: '2.000',
        mode: 'add',
      }),
    );
    if (!claimed) throw new Error('not claimed');
    unwrap(await previewImport(deps, claimed, new TextEncoder().encode(FILE), DEFAULT_IMPORT_LIMITS));
    return claimed;
  }

  it('is left alone while its reader holds the lease, taken with the claim, and refused to an applier', async () => {
    const { import: row, release } = await readNotShown();
    expect(await deps.leases.held(lease(row.id))).toBe(true);
    expect(await statusOf(row.id)).toBe('reading');
    expect(await recoverInterruptedImports(deps)).toEqual([]);
    expect(refusal(await applyImport(deps, ADMIN, row.id, 'all'))).toMatchObject({
      code: 'IMPORT_CLOSED',
      status: 'reading',
    });
    await release();
    expect((await recoverInterruptedImports(deps)).map((r) => [r.while, r.import.id])).toEqual([
      ['reading', row.id],
    ]);
  });

  it('is marked failed with nothing of the file kept, and its buttons say to upload it again', async () => {
    const before = await snapshotWithoutAudit(database.db);
    const { import: row, release } = await readNotShown();
    await release();

    const [recovered] = await recoverInterruptedImports(deps);
    expect(recovered?.import).toMatchObject({
      id: row.id,
      status: 'failed',
      failure: 'interrupted',
      content: null,
    });
    expect(await recoverInterruptedImports(deps)).toEqual([]);
    const interrupted = { code: 'IMPORT_READ_INTERRUPTED', fileName: row.fileName };
    expect(refusal(await applyImport(deps, ADMIN, row.id, 'all'))).toEqual(interrupted);
    expect(refusal(await cancelImport(deps, ADMIN, row.id))).toEqual(interrupted);
    expect(await statusOf(row.id)).toBe('failed');
    expect(unwrap(await recentImports(deps, ADMIN)).find((r) => r.id === row.id)).toMatchObject({
      status: 'failed',
      failure: 'interrupted',
      appliable: false,
    });
    await database.db.delete(imports).where(eq(imports.id, row.id));
    expect(await snapshotWithoutAudit(database.db)).toEqual(before);
  });

  it('leaves the earlier previews of its admin alone: only a preview that is shown replaces them', async () => {
    const earlier = await previewed();
    const { release } = await readNotShown();
    await release();
    await recoverInterruptedImports(deps);
    expect(await statusOf(earlier.id)).toBe('previewed');
  });
});

describe.runIf(testDriver === 'postgres')('leases on PostgreSQL', () => {
  it('are seen by every connection, and freed when the holding connection dies', async () => {
    const other = await openDatabase({ databaseUrl: database.url });
    try {
      const release = await other.leases.take(lease(424242));
      expect(release).toBeDefined();
      expect(await database.handle.leases.held(lease(424242))).toBe(true);
      expect(await database.handle.leases.take(lease(424242))).toBeUndefined();
      // The holder's process dies: the server ends its session.
      await database.db.execute(
        sql`select pg_terminate_backend(pid) from pg_locks
            where locktype = 'advisory' and classid = ${IMPORT_LEASES} and objid = 424242`,
      );
      await expect.poll(() => database.handle.leases.held(lease(424242))).toBe(false);
      // Letting go of a lease whose session is gone is harmless.
      await release?.();
      expect(await database.handle.leases.held(lease(424242))).toBe(false);
    } finally {
      await other.close();
    }
  });
});
