import { and, desc, eq, getTableColumns, inArray, isNotNull, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { type ImportRow, imports } from '../../db/schema/imports.ts';
import type { ImportCounts, ImportStatus } from '../domain/imports.ts';

export type { ImportRow };

export type NewImport = {
  slackFileId: string;
  fileName: string;
  channelId: string;
  threadTs: string;
  mode: 'add' | 'update';
  site: string | null;
  copyFrom: string | null;
  uploadedBy: string;
  createdAt: Date;
};

/** Records an upload as `reading`; undefined when the file is claimed already (its unique index decides). */
export async function insertReadingImport(tx: Executor, values: NewImport): Promise<ImportRow | undefined> {
  const [inserted] = await tx
    .insert(imports)
    .values({
      ...values,
      status: 'reading',
      counts: { rows: 0, create: 0, update: 0, unchanged: 0, invalid: 0 },
    })
    .onConflictDoNothing({ target: imports.slackFileId })
    .returning();
  return inserted;
}

/** A file that could not be read: failed, its text dropped, if it is still being read. */
export async function markFileRefused(db: Executor, id: number) {
  await db
    .update(imports)
    .set({ status: 'failed', failure: 'file_refused', content: null })
    .where(and(eq(imports.id, id), eq(imports.status, 'reading')));
}

export async function keepImportContent(db: Executor, id: number, content: string) {
  await db.update(imports).set({ content }).where(eq(imports.id, id));
}

export async function setImportCounts(db: Executor, id: number, counts: ImportCounts) {
  await db.update(imports).set({ counts }).where(eq(imports.id, id));
}

/** A read import becomes a preview, if it is still being read. */
export async function markPreviewed(db: Executor, id: number, previewTs: string | null) {
  await db
    .update(imports)
    .set({ status: 'previewed', previewTs })
    .where(and(eq(imports.id, id), eq(imports.status, 'reading')));
}

/**
 * Closes the previews (and failed applies still holding their file) of this uploader, channel and mode other than
 * `keep`, returning them.
 */
export async function cancelSupersededImports(
  db: Executor,
  keep: Pick<ImportRow, 'id' | 'uploadedBy' | 'channelId' | 'mode'>,
  at: Date,
): Promise<ImportRow[]> {
  return db
    .update(imports)
    .set({ status: 'cancelled', content: null, closedBy: keep.uploadedBy, closedAt: at })
    .where(
      and(
        or(eq(imports.status, 'previewed'), and(eq(imports.status, 'failed'), isNotNull(imports.content))),
        eq(imports.uploadedBy, keep.uploadedBy),
        eq(imports.channelId, keep.channelId),
        eq(imports.mode, keep.mode),
        sql`${imports.id} <> ${keep.id}`,
      ),
    )
    .returning();
}

/** What deciding whether an import can be applied needs: its status, and whether its file is kept. */
export async function importApplyState(db: Executor, id: number) {
  const [row] = await db
    .select({
      status: imports.status,
      fileName: imports.fileName,
      failure: imports.failure,
      kept: sql<boolean>`content is not null`,
    })
    .from(imports)
    .where(eq(imports.id, id));
  return row;
}

/** Moves an import from `from` to `to`; false when its status is no longer `from`. */
export async function moveImportStatus(
  db: Executor,
  id: number,
  from: ImportStatus,
  to: ImportStatus,
): Promise<boolean> {
  const [moved] = await db
    .update(imports)
    .set({ status: to })
    .where(and(eq(imports.id, id), eq(imports.status, from)))
    .returning({ id: imports.id });
  return moved !== undefined;
}

export async function markImportApplied(
  tx: Executor,
  id: number,
  values: { counts: ImportCounts; undo: unknown; requestId: string; appliedBy: string; appliedAt: Date },
): Promise<ImportRow> {
  const [stored] = await tx
    .update(imports)
    .set({ status: 'applied', content: null, ...values })
    .where(eq(imports.id, id))
    .returning();
  return stored as ImportRow;
}

/** Imports being read or applied, by some instance or by one that died. */
export async function importsInProgress(db: Executor) {
  return db
    .select({ id: imports.id, status: imports.status })
    .from(imports)
    .where(inArray(imports.status, ['reading', 'applying']));
}

/**
 * Marks an import whose reader or applier died failed, if it is still `status` (waiting for the row lock of a
 * transaction still running); an interrupted read keeps no file.
 */
export async function markInterrupted(
  db: Executor,
  id: number,
  status: 'reading' | 'applying',
): Promise<ImportRow | undefined> {
  const [row] = await db
    .update(imports)
    .set({ status: 'failed', failure: 'interrupted', ...(status === 'reading' ? { content: null } : {}) })
    .where(and(eq(imports.id, id), eq(imports.status, status)))
    .returning();
  return row;
}

/** Reads an import and locks its row for the rest of the transaction. */
export async function lockImport(tx: Executor, id: number): Promise<ImportRow | undefined> {
  const [row] = await tx.select().from(imports).where(eq(imports.id, id)).for('update');
  return row;
}

/** Closes an import as `cancelled` (its file dropped) or `undone`. */
export async function closeImport(
  tx: Executor,
  id: number,
  status: 'cancelled' | 'undone',
  closedBy: string,
  at: Date,
): Promise<ImportRow> {
  const [stored] = await tx
    .update(imports)
    .set({
      status,
      ...(status === 'cancelled' ? { content: null } : {}),
      closedBy,
      closedAt: at,
    })
    .where(eq(imports.id, id))
    .returning();
  return stored as ImportRow;
}

/** The latest imports, newest first, without their file's text or undo data but whether they hold them. */
export async function latestImports(db: Executor, limit: number) {
  const { content, undo, ...columns } = getTableColumns(imports);
  return db
    .select({
      ...columns,
      kept: sql<boolean>`${content} is not null`,
      hasUndo: sql<boolean>`${undo} is not null`,
    })
    .from(imports)
    .orderBy(desc(imports.id))
    .limit(limit);
}

export async function findImport(db: Executor, id: number): Promise<ImportRow | undefined> {
  const [row] = await db.select().from(imports).where(eq(imports.id, id));
  return row;
}
