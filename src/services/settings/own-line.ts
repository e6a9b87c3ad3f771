import type { DomainError } from '../../domain/errors.ts';
import { err, type Result } from '../../domain/result.ts';

/**
 * The settings gate refuses a phone user acting for someone else (and audits it as a denial). For
 * commands a phone user may run on their own line, that refusal is worded as what it is: not their line.
 */
export async function ownLineOnly<T>(result: Promise<Result<T>>, refusal: DomainError): Promise<Result<T>> {
  const settled = await result;
  const notTheirs =
    !settled.ok && (settled.error.code === 'NOT_ADMIN' || settled.error.code === 'NOT_OWN_SETTINGS');
  return notTheirs ? err(refusal) : settled;
}
