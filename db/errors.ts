/** What a unique or check constraint violation looks like, whichever driver raised it. */
export type ConstraintViolation = { kind: 'unique' | 'check' | 'foreign_key'; constraint: string };

type PgLikeError = { code?: unknown; constraint?: unknown; constraint_name?: unknown; cause?: unknown };

const KINDS: Record<string, ConstraintViolation['kind']> = {
  '23505': 'unique',
  '23514': 'check',
  '23503': 'foreign_key',
};

/** Walks the error chain (drizzle wraps driver errors) and returns the violated constraint, if any. */
export function constraintViolation(error: unknown): ConstraintViolation | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
    const e = current as PgLikeError;
    const kind = typeof e.code === 'string' ? KINDS[e.code] : undefined;
    if (kind) {
      const constraint = String(e.constraint_name ?? e.constraint ?? '');
      return { kind, constraint };
    }
    current = e.cause;
  }
  return undefined;
}

/** Serialization failures and deadlocks: the transaction may simply be tried again. */
export function isRetryableTransactionError(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
    const code = (current as PgLikeError).code;
    if (code === '40001' || code === '40P01') return true;
    current = (current as PgLikeError).cause;
  }
  return false;
}
