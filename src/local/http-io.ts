import type { IncomingMessage, ServerResponse } from 'node:http';

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}

export function sendText(
  res: ServerResponse,
  status: number,
  body: string | Buffer,
  contentType = 'text/plain',
): void {
  res.writeHead(status, { 'content-type': contentType });
  res.end(body);
}

export function bearerToken(req: IncomingMessage): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  return match?.[1];
}

export function mediaType(req: IncomingMessage): string {
  return (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/** Multipart bodies go through the WHATWG parser that Node ships, so no dependency is needed. */
export async function parseMultipart(req: IncomingMessage, body: Buffer): Promise<FormData> {
  return new Request('http://fake-slack.local', {
    method: 'POST',
    headers: { 'content-type': req.headers['content-type'] ?? '' },
    body,
  }).formData();
}

/** The WebClient JSON-stringifies nested arguments inside form fields; these are the ones the fake reads back. */
const JSON_FIELDS = new Set(['blocks', 'view', 'attachments', 'files', 'metadata']);

function decodeField(key: string, value: string): unknown {
  if (!JSON_FIELDS.has(key)) return value;
  try {
    return JSON.parse(value);
  } catch {
    // kept as a string so that handlers can answer invalid_blocks_format / invalid_arguments
    return value;
  }
}

export type ParsedArgs = { args: Record<string, unknown>; formToken?: string };

/** Web API arguments from any of the three encodings the real API accepts. */
export async function parseApiArgs(
  req: IncomingMessage,
  body: Buffer,
): Promise<ParsedArgs | 'invalid_json' | 'invalid_post_type'> {
  const type = mediaType(req);
  const args: Record<string, unknown> = {};
  if (type === 'application/json') {
    if (body.length === 0) return { args };
    try {
      const parsed: unknown = JSON.parse(body.toString('utf8'));
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return 'invalid_json';
      // JSON bodies must authenticate with the header; a token inside the body is ignored, as Slack does.
      const { token: _ignored, ...rest } = parsed as Record<string, unknown>;
      return { args: rest };
    } catch {
      return 'invalid_json';
    }
  }
  let entries: [string, string][];
  if (type === 'multipart/form-data') {
    const form = await parseMultipart(req, body);
    entries = [...form.entries()].flatMap(([k, v]) =>
      typeof v === 'string' ? [[k, v] as [string, string]] : [],
    );
  } else if (type === 'application/x-www-form-urlencoded' || type === '') {
    entries = [...new URLSearchParams(body.toString('utf8')).entries()];
  } else {
    return 'invalid_post_type';
  }
  let formToken: string | undefined;
  for (const [key, value] of entries) {
    if (key === 'token') formToken = value;
    else args[key] = decodeField(key, value);
  }
  return formToken === undefined ? { args } : { args, formToken };
}
