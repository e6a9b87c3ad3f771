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

/** Node's socket errors when the server cannot be reached or the connection breaks. */
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
/** postgres.js's own codes for a connection that closed, ended or never opened in time. */
const CLIENT_CODES = new Set([
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
]);

/**
 * Whether the database could not be reached or went away (a restart, a failover, a network cut), as opposed to a
 * query it refused: SQLSTATE class 08 (connection exception), 57P01 to 57P03 (the server shutting down or not yet
 * accepting connections), and the socket and client codes of the drivers. Such a request can be tried again later.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
    const code = (current as PgLikeError).code;
    if (typeof code === 'string') {
      if (SOCKET_CODES.has(code) || CLIENT_CODES.has(code)) return true;
      if (code.startsWith('08') || code === '57P01' || code === '57P02' || code === '57P03') return true;
    }
    current = (current as PgLikeError).cause;
  }
  return false;
}
