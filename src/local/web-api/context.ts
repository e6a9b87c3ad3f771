import type { Rejection } from '../block-kit-validator.ts';
import type { Store } from '../store.ts';

export type ApiArgs = Record<string, unknown>;
export type ApiResult = { ok: boolean; error?: string; [key: string]: unknown };
export type ApiHandler = (store: Store, args: ApiArgs) => ApiResult;

export function ok(body: Record<string, unknown> = {}): ApiResult {
  return { ok: true, ...body };
}

export function fail(error: string, extra: Record<string, unknown> = {}): ApiResult {
  return { ok: false, error, ...extra };
}

/** Slack's answer to a body it refuses; also journaled as a violation, since the app should never send it. */
export function reject(store: Store, method: string, rejection: Rejection): ApiResult {
  store.recordViolation(method, rejection.messages);
  return fail(rejection.error, { response_metadata: { messages: rejection.messages } });
}

/** Form values arrive as strings, JSON values as anything: read both the way Slack does. */
export function str(args: ApiArgs, key: string): string | undefined {
  const value = args[key];
  if (typeof value === 'string') return value.length > 0 ? value : undefined;
  if (typeof value === 'number') return String(value);
  return undefined;
}

export function bool(args: ApiArgs, key: string): boolean {
  const value = args[key];
  return value === true || value === 'true' || value === '1' || value === 1;
}

export function blocksArg(args: ApiArgs): unknown[] | undefined {
  const blocks = args.blocks;
  return Array.isArray(blocks) ? blocks : undefined;
}
