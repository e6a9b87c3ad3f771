import { getTableColumns, getTableName, type SQL, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { type Executor, queryRows } from './client.ts';

/**
 * Inserts many rows with one statement and one parameter: the rows travel as a JSON array that
 * `json_to_recordset` turns back into typed columns. A VALUES list of thousands of parameters costs far more to
 * build in the app and to bind in the server than a JSON text costs to parse, and a statement cannot carry more
 * than 65,535 parameters anyway.
 *
 * Rows are keyed like the table's columns in the schema (`createdAt`, not `created_at`); every row gives the
 * same keys (a missing value is NULL). Dates travel as ISO text; a jsonb column takes the nested value as it is.
 */
export async function insertRecords<R extends Record<string, unknown>>(
  db: Executor,
  table: PgTable,
  rows: readonly Record<string, unknown>[],
  returning: Record<keyof R, PgColumn> | undefined = undefined,
): Promise<R[]> {
  const [first] = rows;
  if (first === undefined) return [];
  const columns = getTableColumns(table);
  const keys = Object.keys(first);
  const picked = keys.map((key) => {
    const column = columns[key];
    if (!column) throw new Error(`${getTableName(table)} has no column ${key}`);
    return column;
  });
  // The recordset's columns carry the schema's keys, so the rows are sent as they are (a Date as ISO text).
  const payload = JSON.stringify(rows);
  const names = sql.raw(picked.map((column) => `"${column.name}"`).join(', '));
  const fields = sql.raw(keys.map((key) => `"${key}"`).join(', '));
  const shape = sql.raw(keys.map((key, i) => `"${key}" ${(picked[i] as PgColumn).getSQLType()}`).join(', '));
  const returned: SQL = returning
    ? sql` returning ${sql.raw(
        Object.entries(returning as Record<string, PgColumn>)
          .map(([alias, column]) => `"${column.name}" as "${alias}"`)
          .join(', '),
      )}`
    : sql``;
  return queryRows<R>(
    db,
    sql`insert into ${table} (${names}) select ${fields} from json_to_recordset(${payload}::json) as r(${shape})${returned}`,
  );
}
