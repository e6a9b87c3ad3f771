import type { ZoomAccount } from '../account.ts';
import type { ZoomDocument } from '../contract.ts';
import { type ZoomError, zoomErrors } from '../errors.ts';
import type { PhoneUser } from '../model.ts';

export type Reply = { status: number; body?: unknown };

/** What a handler gets: the account, the parameters as the documents type them, and the parsed JSON body. */
export type RouteContext = {
  account: ZoomAccount;
  params: Record<string, unknown>;
  // biome-ignore lint/suspicious/noExplicitAny: the body has passed the documents' schema before a handler reads it
  body: any;
  accountId: string;
};

export type Route = {
  doc: ZoomDocument;
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  template: string;
  handle(ctx: RouteContext): Reply | ZoomError;
};

export const noContent = (): Reply => ({ status: 204 });
export const ok = (body: unknown, status = 200): Reply => ({ status, body });

export function phoneUserOf(ctx: RouteContext): PhoneUser | ZoomError {
  const ref = String(ctx.params.userId);
  return ctx.account.findPhoneUser(ref) ?? zoomErrors.phoneUserNotFound(ref);
}
