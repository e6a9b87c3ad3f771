import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request as the server saw it; `at` is when it arrived (epoch ms), before its body was read. */
export type Received = {
  method: string;
  path: string;
  at: number;
  headers: IncomingHttpHeaders;
  body: string;
};

/** `hang`: never answer; `hang-after-headers`: send the status line and headers, then never the body. */
export type Reply =
  | { status: number; headers?: Record<string, string>; body?: unknown }
  | 'hang'
  | 'hang-after-headers';

export type ZoomServer = {
  apiUrl: string;
  oauthUrl: string;
  /** Requests to the API, in order of arrival. */
  received: Received[];
  tokenRequests: Received[];
  close(): Promise<void>;
};

/**
 * A real HTTP server standing in for Zoom's API (under /v2) and its token endpoint (/oauth/token), so the client's
 * own fetch, timeouts and retries run as they would against Zoom. By default tokens are `token-1`, `token-2`...
 * for an hour each.
 */
export async function startZoomServer(
  api: (request: Received, index: number) => Reply | Promise<Reply>,
  token: (request: Received, index: number) => Reply = (_request, index) => ({
    status: 200,
    body: {
      access_token: `token-${index + 1}`,
      token_type: 'bearer',
      expires_in: 3600,
      scope: 'phone:read:admin',
    },
  }),
): Promise<ZoomServer> {
  const received: Received[] = [];
  const tokenRequests: Received[] = [];
  const server = createServer((req, res) => {
    const at = Date.now();
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const request: Received = {
        method: req.method ?? '',
        path: `${url.pathname}${url.search}`,
        at,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      let reply: Reply;
      if (url.pathname === '/oauth/token') {
        tokenRequests.push(request);
        reply = token(request, tokenRequests.length - 1);
      } else {
        received.push(request);
        reply = await api(request, received.length - 1);
      }
      if (reply === 'hang') return;
      if (reply === 'hang-after-headers') {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
        res.write('{"id":');
        return;
      }
      const body = reply.body === undefined ? '' : JSON.stringify(reply.body);
      res.writeHead(reply.status, {
        ...(body ? { 'content-type': 'application/json' } : {}),
        'x-zm-trackingid': `track-${received.length}`,
        ...reply.headers,
      });
      res.end(body);
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    apiUrl: `http://127.0.0.1:${port}/v2`,
    oauthUrl: `http://127.0.0.1:${port}/oauth/token`,
    received,
    tokenRequests,
    close: async () => {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}

/** A logger that keeps every line, to look for what must never be written. */
export function captureLog() {
  const lines: string[] = [];
  const write = (...message: unknown[]) => {
    lines.push(message.map(String).join(' '));
  };
  return { lines, logger: { debug: write, info: write, warn: write, error: write } };
}
