import { sql } from 'drizzle-orm';
import {
  check,
  index,
  jsonb,
  pgTable,
  serial,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { ImportCounts, ImportFailure, ImportStatus } from '../../src/domain/imports.ts';

/**
 * One CSV file uploaded for import. The file's text is kept until it is applied or cancelled, because the apply
 * validates it again against the account as it is then. `slackFileId` is unique, so Slack delivering one upload
 * several times yields one preview; `status` moves from `previewed` only once, under a row lock, so two clicks or
 * two app instances apply one import once.
 */
export const imports = pgTable(
  'imports',
  {
    id: serial('id').primaryKey(),
    slackFileId: text('slack_file_id').notNull(),
    fileName: text('file_name').notNull(),
    mode: text('mode', { enum: ['add', 'update'] }).notNull(),
    uploadedBy: text('uploaded_by').notNull(),
    channelId: text('channel_id').notNull(),
    threadTs: text('thread_ts').notNull(),
    previewTs: text('preview_ts'),
    site: text('site'),
    copyFrom: text('copy_from'),
    content: text('content'),
    status: text('status', {
      enum: ['reading', 'previewed', 'applying', 'applied', 'cancelled', 'undone', 'failed'],
    })
      .$type<ImportStatus>()
      .notNull()
      .default('previewed'),
    failure: text('failure', { enum: ['file_refused', 'interrupted'] }).$type<ImportFailure>(),
    counts: jsonb('counts').$type<ImportCounts>().notNull(),
    /** How to take the import back: see src/services/imports/undo.ts. */
    undo: jsonb('undo'),
    requestId: uuid('request_id'),
    appliedBy: text('applied_by'),
    appliedAt: timestamp('applied_at', { withTimezone: true }),
    closedBy: text('closed_by'),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('imports_slack_file_unique').on(t.slackFileId),
    index('imports_created_idx').on(t.createdAt),
    check(
      'imports_status',
      sql`${t.status} in ('reading', 'previewed', 'applying', 'applied', 'cancelled', 'undone', 'failed')`,
    ),
    check('imports_failure', sql`${t.failure} in ('file_refused', 'interrupted')`),
    check('imports_mode', sql`${t.mode} in ('add', 'update')`),
  ],
);

export type ImportRow = typeof imports.$inferSelect;
