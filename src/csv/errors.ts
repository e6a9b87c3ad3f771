import type { CsvFileError } from '../domain/imports.ts';

export type { CsvFileError };

export type CsvFileResult<T> = { ok: true; value: T } | { ok: false; error: CsvFileError };
