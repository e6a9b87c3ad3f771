/**
 * An upload is `reading` from its claim until its preview is posted, `previewed` after; `applying` is committed
 * before the apply's own transaction starts. Both `reading` and `applying` are held under the import's lease
 * (db/leases.ts): an import left in either with its lease free was interrupted, and is marked `failed`. A failed
 * import that still has its file can be applied again; one whose file could not be read cannot.
 */
export type ImportStatus =
  | 'reading'
  | 'previewed'
  | 'applying'
  | 'applied'
  | 'cancelled'
  | 'undone'
  | 'failed';

/**
 * Why a failed import failed, where it matters to the admin: its file was refused (unreadable, or over a limit),
 * or Switchboard stopped while reading or applying it.
 */
export type ImportFailure = 'file_refused' | 'interrupted';

/** What a preview counted, and after an apply what happened to the rows. */
export type ImportCounts = {
  rows: number;
  create: number;
  update: number;
  unchanged: number;
  invalid: number;
  /** Rows left out when the admin chose to import only the valid ones; set once applied. */
  skipped?: number;
};
