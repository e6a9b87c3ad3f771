import { setTimeout as sleep } from 'node:timers/promises';
import { decodeCsvBytes } from '../../csv/decode.ts';
import type { ColumnKey, CsvMode, UnknownHeader } from '../../csv/headers.ts';
import { type CsvTable, readCsv } from '../../csv/read.ts';
import type { Dependent, SharedAudio } from '../../domain/dependents.ts';
import type { DomainError } from '../../domain/errors.ts';
import type { ImportCounts, ImportFileProblem, ImportStatus } from '../../domain/imports.ts';
import type { UserFields } from '../../domain/phone-user-fields.ts';
import { err, ok, type Result } from '../../domain/result.ts';
import { type AccountSettingsRow, readAccount } from '../../store/account.ts';
import { type Executor, IMPORT_LEASES, type Transaction } from '../../store/database.ts';
import { dependentsOf, sharedAudioOf } from '../../store/dependents.ts';
import {
  deletePhoneUsers,
  deleteUnlicensedDirectoryUsers,
  phoneUserFieldsOf,
  usersChangedSince,
} from '../../store/import-rows.ts';
import {
  cancelSupersededImports,
  closeImport,
  findImport as findImportRow,
  type ImportRow,
  importApplyState,
  importsInProgress,
  insertReadingImport,
  keepImportContent,
  latestImports,
  lockImport,
  markFileRefused,
  markImportApplied,
  markInterrupted,
  markPreviewed,
  moveImportStatus,
  setImportCounts,
} from '../../store/imports.ts';
import { refreshUserStatistics } from '../../store/maintenance.ts';
import { planCatalog } from '../../store/plans.ts';
import { listSites } from '../../store/sites.ts';
import {
  type Actor,
  catchDomain,
  type Deps,
  fail,
  type Recorder,
  requireAdmin,
  runChange,
} from '../context.ts';
import { type Applied, applyPlan, type Progress } from './apply.ts';
import { updateCells } from './cells.ts';
import { loadAccountView } from './load.ts';
import { fromFile, type ImportPlan, type PlannedRow, planImport, type SourceRow } from './plan.ts';

export type ImportLimits = { maxBytes: number; maxRows: number };
export const DEFAULT_IMPORT_LIMITS: ImportLimits = { maxBytes: 20 * 1024 * 1024, maxRows: 100_000 };

/** How long an applied import can be undone. */
export const UNDO_HOURS = 24;

export type Upload = {
  slackFileId: string;
  fileName: string;
  channelId: string;
  threadTs: string;
  mode: CsvMode;
  site?: string | undefined;
  copyFrom?: string | undefined;
};

/**
 * An upload being read: its import, and the lease that tells every instance its reader is alive. The lease goes
 * when the import leaves `reading` (refused, or shown as a preview); `release` lets go of it earlier, on the way
 * out of an error, and does nothing the second time.
 */
export type Claim = { import: ImportRow; release: () => Promise<void> };

/**
 * Claims an upload before anything is read, so that the second delivery of the same file (Slack sends a message
 * event and a file_shared event, and retries both) finds it claimed: the database's unique index decides.
 * Returns undefined for a file already claimed.
 *
 * The import is `reading` under its lease until its preview is posted: the lease is taken before the claim
 * commits, so no instance ever sees it `reading` without a live reader unless that reader died, and then
 * `recoverInterruptedImports` marks it failed and its thread is told.
 */
export async function claimUpload(
  deps: Deps,
  actor: Actor,
  upload: Upload,
): Promise<Result<Claim | undefined>> {
  const allowed = await requireAdmin(deps, actor, 'import');
  if (!allowed.ok) return allowed;
  let release: (() => Promise<void>) | undefined;
  try {
    const row = await deps.db.transaction(async (tx) => {
      const inserted = await insertReadingImport(tx, {
        ...upload,
        site: upload.site ?? null,
        copyFrom: upload.copyFrom ?? null,
        uploadedBy: actor.slackUserId,
        createdAt: deps.clock.now(),
      });
      if (!inserted) return undefined;
      const letGo = await deps.leases.take({ space: IMPORT_LEASES, id: inserted.id });
      if (!letGo) throw new Error(`the lease of the new import ${inserted.id} is held already`);
      release = once(letGo);
      return inserted;
    });
    return ok(row && release ? { import: row, release } : undefined);
  } catch (error) {
    await release?.();
    throw error;
  }
}

export type Preview = {
  import: ImportRow;
  plan: ImportPlan;
  unknownHeaders: UnknownHeader[];
  /** The file's rows, for the errors file. */
  rows: SourceRow[];
};

const once = (release: () => Promise<void>) => {
  let done: Promise<void> | undefined;
  return () => {
    done ??= release();
    return done;
  };
};

/** A file that cannot be read is recorded as failed, with the reason, and refused; its reading ends. */
export async function refuseFile(deps: Deps, claim: Claim, problem: ImportFileProblem) {
  await markFileRefused(deps.db, claim.import.id);
  await claim.release();
  return err({ code: 'IMPORT_FILE_INVALID' as const, fileName: claim.import.fileName, problem });
}

/**
 * Reads and checks a claimed upload against the account, changing nothing but the import's own row: the preview
 * counts, and the file's text kept for the apply (which checks it again, as the account may change meanwhile).
 */
export async function previewImport(
  deps: Deps,
  claim: Claim,
  bytes: Uint8Array,
  limits: ImportLimits,
): Promise<Result<Preview>> {
  const claimed = claim.import;
  if (bytes.length > limits.maxBytes) {
    return refuseFile(deps, claim, tooLarge(limits));
  }
  const decoded = decodeCsvBytes(bytes);
  if (!decoded.ok) return refuseFile(deps, claim, decoded.error);
  const table = readCsv(decoded.value, claimed.mode, limits);
  if (!table.ok) return refuseFile(deps, claim, table.error);
  // Kept for the apply before the rows are checked, so that the text is not held while they are; not read back.
  await keepImportContent(deps.db, claimed.id, decoded.value);
  const plan = await planFor(deps.db, await readAccount(deps.db), claimed, table.value, deps.defaultCountry);
  await setImportCounts(deps.db, claimed.id, plan.counts);
  return ok({
    import: { ...claimed, counts: plan.counts },
    plan,
    unknownHeaders: table.value.unknownHeaders,
    rows: table.value.rows,
  });
}

/**
 * Makes a read upload a preview once its message is posted (`ts`, so that later messages can replace it), which
 * ends its reading, and closes the earlier previews of the same admin, channel and mode, which it replaces.
 */
export async function publishPreview(
  deps: Deps,
  claim: Claim,
  ts: string | undefined,
): Promise<{ import: ImportRow; superseded: ImportRow[] }> {
  const claimed = claim.import;
  const previewTs = ts ?? null;
  await markPreviewed(deps.db, claimed.id, previewTs);
  await claim.release();
  const superseded = await cancelSupersededImports(deps.db, claimed, deps.clock.now());
  return { import: { ...claimed, status: 'previewed', previewTs }, superseded };
}

/** Why a file over the size limit is refused, whoever noticed it first (the event's size, the download, the bytes). */
export const tooLarge = (limits: ImportLimits): ImportFileProblem => ({
  code: 'FILE_TOO_LARGE',
  maxBytes: limits.maxBytes,
});

/** Checks a file's rows against the account as `db` sees it: outside a transaction for a preview, inside for apply. */
async function planFor(
  db: Executor,
  account: AccountSettingsRow,
  row: Pick<ImportRow, 'mode' | 'site' | 'copyFrom'>,
  table: CsvTable<ColumnKey>,
  defaultCountry: string | undefined,
) {
  const options = { site: row.site ?? undefined, copyFrom: row.copyFrom ?? undefined };
  const rows = table.rows.map(fromFile);
  const view = await loadAccountView(db, account, rows, options, defaultCountry);
  return planImport(rows, row.mode, options, view);
}

export type ApplyChoice = 'all' | 'valid';
/**
 * An applied import: its counts, and every row of the plan as applied (a new user's extension as handed out), for
 * the summary and its results file.
 */
export type ImportApplied = { import: ImportRow; counts: ImportCounts; rows: readonly PlannedRow[] };

type UndoData = {
  created: Applied['created'];
  createdDirectoryUsers: number[];
  updated: { directoryUserId: number; email: string; before: UserFields }[];
};

/**
 * Applies a previewed import: every chosen row in one transaction, or none.
 *
 * The applier first takes the import's lease, then commits `applying`, then applies under the import's row lock
 * and writes the outcome: so a second click, or a second app instance, finds it busy or applied, and an import
 * whose applier died (its lease freed with the process) is found by `recoverInterruptedImports` and marked failed,
 * to be applied again. A refusal (rows that became invalid, say) puts it back as it was.
 */
export async function applyImport(
  deps: Deps,
  actor: Actor,
  importId: number,
  choice: ApplyChoice,
  progress: Progress = () => {},
): Promise<Result<ImportApplied>> {
  const allowed = await requireAdmin(deps, actor, 'import');
  if (!allowed.ok) return allowed;
  const release = await deps.leases.take({ space: IMPORT_LEASES, id: importId });
  if (!release) return busy(deps, importId);
  try {
    const claimed = await claimForApply(deps, importId);
    if (!claimed.ok) return claimed;
    let result: Result<ImportApplied>;
    try {
      result = await runChange(deps, actor, 'import', (tx, rec, account) =>
        applyLocked(tx, rec, account, actor, importId, choice, progress, deps.defaultCountry),
      );
    } catch (error) {
      await settleApply(deps, importId, 'failed').catch(() => {});
      throw error;
    }
    if (!result.ok) await settleApply(deps, importId, claimed.value);
    if (result.ok && result.value.counts.create + result.value.counts.update >= REFRESH_STATISTICS_AFTER) {
      await refreshUserStatistics(deps.db);
    }
    return result;
  } finally {
    await release();
  }
}

/** Whether an import's buttons can still apply it: a preview, or an apply that failed with its file kept. */
export function canApply(status: ImportStatus, fileKept: boolean): boolean {
  return status === 'previewed' || (status === 'failed' && fileKept);
}

/** Why the buttons of an import that cannot be applied do nothing. */
export function notAppliable(row: Pick<ImportRow, 'fileName' | 'status' | 'failure'>): DomainError {
  if (row.status === 'failed' && row.failure === 'interrupted') {
    return { code: 'IMPORT_READ_INTERRUPTED', fileName: row.fileName };
  }
  return { code: 'IMPORT_CLOSED', fileName: row.fileName, status: row.status };
}

/** Marks an appliable import `applying`, returning the status to put back if the apply is refused. */
async function claimForApply(deps: Deps, importId: number): Promise<Result<ImportStatus>> {
  const row = await importApplyState(deps.db, importId);
  if (!row) return err({ code: 'IMPORT_NOT_FOUND' });
  const claimed =
    canApply(row.status, row.kept) && (await moveImportStatus(deps.db, importId, row.status, 'applying'));
  if (!claimed) return err(notAppliable(row));
  return ok(row.status);
}

/** Someone else holds the import's lease: it is being read (its preview just posted) or applied right now. */
async function busy(deps: Deps, importId: number): Promise<Result<never>> {
  const row = await findImport(deps, importId);
  if (!row) return err({ code: 'IMPORT_NOT_FOUND' });
  return err({
    code: 'IMPORT_CLOSED',
    fileName: row.fileName,
    status: row.status === 'reading' ? 'reading' : 'applying',
  });
}

/** Ends an apply that did not commit: back to what it was after a refusal, `failed` after an error. */
async function settleApply(deps: Deps, importId: number, status: ImportStatus) {
  await moveImportStatus(deps.db, importId, 'applying', status);
}

async function applyLocked(
  tx: Transaction,
  rec: Recorder,
  account: AccountSettingsRow,
  actor: Actor,
  importId: number,
  choice: ApplyChoice,
  progress: Progress,
  defaultCountry: string | undefined,
): Promise<ImportApplied> {
  const { row, plan } = await lockAndPlan(tx, account, importId, defaultCountry);
  const valid = plan.counts.create + plan.counts.update + plan.counts.unchanged;
  if (choice === 'all' && plan.counts.invalid > 0) {
    fail({ code: 'IMPORT_ROWS_INVALID', fileName: row.fileName, invalid: plan.counts.invalid, valid });
  }
  if (valid === 0) fail({ code: 'IMPORT_NOTHING_TO_APPLY', fileName: row.fileName });
  const applied = await applyPlan(tx, rec, account, plan.rows, progress);
  const counts: ImportCounts = { ...plan.counts, skipped: plan.counts.invalid };
  rec.audit({
    action: 'import.applied',
    targetType: 'import',
    targetId: String(row.id),
    targetLabel: row.fileName,
    before: null,
    after: {
      mode: row.mode,
      created: counts.create,
      updated: counts.update,
      unchanged: counts.unchanged,
      skipped: counts.skipped,
    },
  });
  const undo: UndoData = applied;
  const stored = await markImportApplied(tx, row.id, {
    counts,
    undo,
    requestId: rec.requestId,
    appliedBy: actor.slackUserId,
    appliedAt: rec.at,
  });
  return { import: stored, counts, rows: plan.rows };
}

/** An import whose reader or applier died: what it was doing, and the import as it is now (failed). */
export type Interrupted = { while: 'reading' | 'applying'; import: ImportRow };

/**
 * Finds imports left `reading` or `applying` by a process that died (their lease is free: the process that held
 * it is gone) and marks them failed. An interrupted apply never committed, so nothing of it is in the account, and
 * its file is kept: it can be applied again. An interrupted preview keeps nothing: its file is uploaded again.
 * Every instance runs this when it starts and now and then after.
 */
export async function recoverInterruptedImports(deps: Deps): Promise<Interrupted[]> {
  const stuck = await importsInProgress(deps.db);
  const recovered: Interrupted[] = [];
  for (const { id, status } of stuck) {
    if (status !== 'reading' && status !== 'applying') continue;
    if (await deps.leases.held({ space: IMPORT_LEASES, id })) continue;
    // Waits for the row lock if a transaction that lost its lease is still running; finds it applied after.
    const row = await markInterrupted(deps.db, id, status);
    if (row) recovered.push({ while: status, import: row });
  }
  return recovered;
}

/**
 * Past this many rows, an import refreshes the planner's statistics of the tables it wrote: until the server
 * gets round to it (the embedded database never does), queries on them are planned as if they were still small.
 */
const REFRESH_STATISTICS_AFTER = 1000;

/**
 * Locks a previewed import and checks its file again against the account as it is now. Only the plan leaves this
 * function: the file's text and parsed rows (tens of megabytes for a large file) can be collected while the plan
 * is applied.
 */
async function lockAndPlan(
  tx: Transaction,
  account: AccountSettingsRow,
  importId: number,
  defaultCountry: string | undefined,
) {
  const locked = await lockImport(tx, importId);
  if (!locked) return fail({ code: 'IMPORT_NOT_FOUND' });
  const { content, ...row } = locked;
  if (row.status !== 'applying' || content === null) {
    return fail({ code: 'IMPORT_CLOSED', fileName: row.fileName, status: row.status });
  }
  const table = readCsv(content, row.mode);
  if (!table.ok) {
    return fail({
      code: 'IMPORT_FILE_INVALID',
      fileName: row.fileName,
      problem: table.error,
    });
  }
  return { row, plan: await planFor(tx, account, row, table.value, defaultCountry) };
}

/** Drops a preview: nothing was changed and nothing will be. */
export async function cancelImport(deps: Deps, actor: Actor, importId: number): Promise<Result<ImportRow>> {
  return runChange(deps, actor, 'import', async (tx, rec) => {
    const row = await lockImport(tx, importId);
    if (!row) return fail({ code: 'IMPORT_NOT_FOUND' });
    if (!canApply(row.status, row.content !== null)) return fail(notAppliable(row));
    return closeImport(tx, row.id, 'cancelled', actor.slackUserId, rec.at);
  });
}

/** A user an undo left alone because something else now depends on them, and what. */
export type KeptInUse = { email: string; dependents: Dependent[]; sharedAudio: SharedAudio[] };

export type UndoResult = {
  import: ImportRow;
  /** New phone users the undo took the license back from. */
  removed: number;
  /** Updated phone users given their earlier values back. */
  restored: number;
  /**
   * New users something else came to depend on after the import (a queue, an auto receptionist, a colleague's
   * delegation, audio others play): deleting them would end that too, so they stay, named with what.
   */
  keptInUse: KeptInUse[];
  /** Users someone changed after the import: left as they are, named so the admin can look. */
  keptChanged: string[];
  /** Users whose earlier values can no longer be restored (say, a number someone else holds now). */
  notRestorable: { email: string; line: number }[];
};

/** What an undo would do if confirmed now: the same counts and names as its result, nothing changed yet. */
export type UndoPreview = UndoResult;

/** Whether an import can still be undone at `now`: applied, with what its undo needs, within UNDO_HOURS. */
export function canUndo(
  row: Pick<ImportRow, 'status' | 'appliedAt' | 'requestId'> & { hasUndo: boolean },
  now: Date,
): boolean {
  return (
    row.status === 'applied' &&
    row.hasUndo &&
    row.appliedAt !== null &&
    row.requestId !== null &&
    now.getTime() - row.appliedAt.getTime() <= UNDO_HOURS * 3600_000
  );
}

/** Why an import cannot be undone (it never was applied, or was undone already, or too long ago). */
function notUndoable(row: ImportRow, now: Date): DomainError {
  if (row.status === 'applied' && row.appliedAt) {
    if (now.getTime() - row.appliedAt.getTime() > UNDO_HOURS * 3600_000) {
      return { code: 'IMPORT_UNDO_EXPIRED', fileName: row.fileName, hours: UNDO_HOURS };
    }
  }
  return { code: 'IMPORT_NOT_UNDOABLE', fileName: row.fileName, status: row.status, closedBy: row.closedBy };
}

type UndoScope = {
  row: ImportRow;
  undo: UndoData;
  removable: Applied['created'];
  keptInUse: KeptInUse[];
  keptChanged: string[];
  restorable: ImportPlan | undefined;
  notRestorable: UndoResult['notRestorable'];
};

/**
 * What undoing an import would do, read as the account is now: which new users can go (not one something else
 * depends on now, which the database would otherwise end along with them, unrecorded, nor one someone changed
 * since), and the update plan that gives the updated users their earlier values, every rule checked again.
 */
async function undoScope(
  db: Executor,
  account: AccountSettingsRow,
  row: ImportRow,
  now: Date,
): Promise<UndoScope> {
  if (!canUndo({ ...row, hasUndo: row.undo !== null }, now)) return fail(notUndoable(row, now));
  const undo = row.undo as UndoData;
  const changedSince = await usersChangedSince(
    db,
    [...undo.created.map((u) => u.directoryUserId), ...undo.updated.map((u) => u.directoryUserId)],
    row.requestId as string,
  );
  const keptChanged: string[] = [];
  const createdIds = undo.created.map((u) => u.phoneUserId);
  const dependents = await dependentsOf(db, createdIds);
  const shared = await sharedAudioOf(db, createdIds);
  const keptInUse: KeptInUse[] = [];
  const removable = undo.created.filter((u) => {
    const links = dependents.get(u.phoneUserId) ?? [];
    const audio = shared.get(u.phoneUserId) ?? [];
    if (links.length > 0 || audio.length > 0) {
      keptInUse.push({ email: u.email, dependents: links, sharedAudio: audio });
      return false;
    }
    if (!changedSince.has(u.directoryUserId)) return true;
    keptChanged.push(u.email);
    return false;
  });
  const updated = undo.updated.filter((u) => {
    if (!changedSince.has(u.directoryUserId)) return true;
    keptChanged.push(u.email);
    return false;
  });
  let restorable: ImportPlan | undefined;
  const notRestorable: UndoResult['notRestorable'] = [];
  if (updated.length > 0) {
    const sites = new Map((await listSites(db)).map((site) => [site.id, site.name]));
    const plans = new Map((await planCatalog(db)).map((plan) => [plan.code, plan.shortName]));
    const rows = updated.map((u, index) => ({
      line: index + 2,
      cells: updateCells({ ...u.before, email: u.email }, sites, plans, 'clear'),
    }));
    const view = await loadAccountView(db, account, rows, {});
    restorable = planImport(rows, 'update', {}, view);
    for (const planned of restorable.rows) {
      if (planned.kind === 'invalid') notRestorable.push({ email: planned.email, line: planned.line });
    }
  }
  return { row, undo, removable, keptInUse, keptChanged, restorable, notRestorable };
}

const restoredCount = (plan: ImportPlan | undefined) =>
  plan ? plan.counts.update + plan.counts.unchanged : 0;

/** What undoing an import would do now, for the admin to confirm; changes nothing. */
export async function previewUndo(deps: Deps, actor: Actor, importId: number): Promise<Result<UndoPreview>> {
  const allowed = await requireAdmin(deps, actor, 'import');
  if (!allowed.ok) return allowed;
  const row = Number.isSafeInteger(importId) ? await findImport(deps, importId) : undefined;
  if (!row) return err({ code: 'IMPORT_NOT_FOUND' });
  return catchDomain(async () => {
    const scope = await undoScope(deps.db, await readAccount(deps.db), row, deps.clock.now());
    return {
      import: row,
      removed: scope.removable.length,
      restored: restoredCount(scope.restorable),
      keptInUse: scope.keptInUse,
      keptChanged: scope.keptChanged,
      notRestorable: scope.notRestorable,
    };
  });
}

/**
 * Takes an import back within 24 hours: new phone users lose their license again (and directory entries the
 * import created go), updated users get their earlier values. A new user something else now depends on is left
 * alone and named with what depends on them; so is a user someone changed since the import, since undoing would
 * also undo that later change.
 */
export async function undoImport(deps: Deps, actor: Actor, importId: number): Promise<Result<UndoResult>> {
  return runChange(deps, actor, 'import', async (tx, rec, account) => {
    const row = await lockImport(tx, importId);
    if (!row) return fail({ code: 'IMPORT_NOT_FOUND' });
    const scope = await undoScope(tx, account, row, rec.at);
    const { removable, keptInUse, keptChanged, notRestorable } = scope;
    if (removable.length > 0) {
      const ids = removable.map((u) => u.phoneUserId);
      const before = await phoneUserFieldsOf(tx, ids);
      await deletePhoneUsers(tx, ids);
      const created = new Set(scope.undo.createdDirectoryUsers);
      await deleteUnlicensedDirectoryUsers(
        tx,
        removable.filter((u) => created.has(u.directoryUserId)).map((u) => u.directoryUserId),
      );
      for (const user of before) {
        const ref = { directoryUserId: user.directoryUserId, email: user.email };
        rec.audit({
          action: 'license.removed',
          targetType: 'user',
          targetId: String(user.directoryUserId),
          targetLabel: user.email,
          before: {
            site: user.site,
            extension: user.extension,
            plans: user.planNames,
            numbers: user.numbers,
            deskPhones: user.deskPhones,
            personalAddress: user.address !== null,
          },
          after: { reason: `import of ${row.fileName} undone` },
        });
        rec.emit({
          kind: 'phone_user.removed',
          user: ref,
          extension: user.extension,
          releasedNumbers: user.numbers,
        });
        if (created.has(user.directoryUserId)) rec.emit({ kind: 'directory_user.deleted', user: ref });
      }
    }
    if (scope.restorable) await applyPlan(tx, rec, account, scope.restorable.rows, () => {});
    const removed = removable.length;
    const restored = restoredCount(scope.restorable);

    rec.audit({
      action: 'import.undone',
      targetType: 'import',
      targetId: String(row.id),
      targetLabel: row.fileName,
      before: { status: 'applied' },
      after: {
        status: 'undone',
        removed,
        restored,
        keptInUse: keptInUse.map((u) => u.email),
        keptChanged,
        notRestorable: notRestorable.map((r) => r.email),
      },
    });
    const stored = await closeImport(tx, row.id, 'undone', actor.slackUserId, rec.at);
    return { import: stored, removed, restored, keptInUse, keptChanged, notRestorable };
  });
}

export const IMPORTS_LISTED = 15;

/** An import as listed: without its file's text or undo data, and whether it can still be applied or undone. */
export type ImportSummary = Omit<ImportRow, 'content' | 'undo'> & { appliable: boolean; undoable: boolean };

/** The latest imports, newest first. */
export async function recentImports(deps: Deps, actor: Actor): Promise<Result<ImportSummary[]>> {
  const allowed = await requireAdmin(deps, actor, 'imports');
  if (!allowed.ok) return allowed;
  const rows = await latestImports(deps.db, IMPORTS_LISTED);
  const now = deps.clock.now();
  return ok(
    rows.map(({ kept, hasUndo, ...row }) => ({
      ...row,
      appliable: canApply(row.status, kept),
      undoable: canUndo({ ...row, hasUndo }, now),
    })),
  );
}

/**
 * The import an Import button names, for an admin. Anyone else is refused, and audited, before it is looked up:
 * a button made by hand tells them nothing about the import and makes the app post nothing in its thread.
 */
export async function importForAdmin(deps: Deps, actor: Actor, id: number): Promise<Result<ImportRow>> {
  const allowed = await requireAdmin(deps, actor, 'import');
  if (!allowed.ok) return allowed;
  const row = Number.isSafeInteger(id) ? await findImport(deps, id) : undefined;
  return row ? ok(row) : err({ code: 'IMPORT_NOT_FOUND' });
}

/** How long a click on a preview's button waits for the preview to be recorded (it is, just after it is posted). */
const PREVIEW_RECORDED_WAIT_MS = 10_000;

/**
 * The import a preview's button names, for the admin who clicked it. The preview's message is posted while the
 * file is still `reading`, and recorded as previewed just after: a click in between waits for that, rather than
 * being told the file is still being read while its buttons are on the screen.
 */
export async function importToApply(deps: Deps, actor: Actor, id: number): Promise<Result<ImportRow>> {
  const deadline = Date.now() + PREVIEW_RECORDED_WAIT_MS;
  for (;;) {
    const found = await importForAdmin(deps, actor, id);
    if (!found.ok || found.value.status !== 'reading' || Date.now() >= deadline) return found;
    await sleep(100);
  }
}

export async function findImport(deps: Deps, id: number): Promise<ImportRow | undefined> {
  return findImportRow(deps.db, id);
}
