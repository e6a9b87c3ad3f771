/**
 * What the layers above the store may know of the database: the handle and transaction types they pass back in,
 * the lease spaces they hold, and how a failure of the database reads. The driver, the schema and SQL stay here.
 */
export type { Database, Executor, Transaction } from '../../db/client.ts';
export {
  type ConstraintViolation,
  constraintViolation,
  isDatabaseUnavailable,
  isRetryableTransactionError,
} from '../../db/errors.ts';
export { DRIFT_LEASES, IMPORT_LEASES, type LeaseKey, type Leases } from '../../db/leases.ts';
