import type { IncomingMessage } from 'node:http';
import type { Clock } from '../clock.ts';
import type { ZoomIds } from './ids.ts';

/** The classic scopes an admin-level Server-to-Server app holds for phone users. */
const SCOPE = 'phone:read:admin phone:write:admin user:read:admin user:write:admin';

/** Zoom's OAuth endpoint answers in its own shape, `{reason, error}`, not the REST API's `{code, message}`. */
export type TokenAnswer = { status: number; body: Record<string, unknown> };

/** Server-to-Server OAuth: account credentials in, bearer tokens with a lifetime out. */
export class TokenIssuer {
  private readonly tokens = new Map<string, number>();
  /** Every token issued, expired ones included, with its place in the order of issue. */
  private readonly order = new Map<string, number>();

  constructor(
    private readonly ids: ZoomIds,
    private readonly clock: Clock,
    private readonly credentials: { accountId: string; clientId: string; clientSecret: string },
    private readonly lifetimeSeconds: number,
  ) {}

  issue(req: IncomingMessage, form: URLSearchParams): TokenAnswer {
    const basic = /^Basic\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const [id, secret] = Buffer.from(basic ?? '', 'base64')
      .toString('utf8')
      .split(':', 2);
    const { accountId, clientId, clientSecret } = this.credentials;
    if (id !== clientId || secret !== clientSecret)
      return { status: 401, body: { reason: 'Invalid client_id or client_secret', error: 'invalid_client' } };
    if (form.get('grant_type') !== 'account_credentials')
      return { status: 400, body: { reason: 'Unsupported grant type', error: 'unsupported_grant_type' } };
    if (form.get('account_id') !== accountId)
      return {
        status: 400,
        body: { reason: 'Invalid request : Invalid account_id', error: 'invalid_request' },
      };
    const token = this.ids.token();
    this.tokens.set(token, this.clock.now() + this.lifetimeSeconds * 1000);
    this.order.set(token, this.order.size + 1);
    return {
      status: 200,
      body: { access_token: token, token_type: 'bearer', expires_in: this.lifetimeSeconds, scope: SCOPE },
    };
  }

  /** Which token a request carries, by the order they were issued (1 for the first); 0 for none known. */
  ordinal(req: IncomingMessage): number {
    const token = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    return token === undefined ? 0 : (this.order.get(token) ?? 0);
  }

  isValid(req: IncomingMessage): boolean {
    const token = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const expiresAt = token === undefined ? undefined : this.tokens.get(token);
    return expiresAt !== undefined && this.clock.now() < expiresAt;
  }

  expireAll(): void {
    this.tokens.clear();
  }
}
