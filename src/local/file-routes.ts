import type { IncomingMessage, ServerResponse } from 'node:http';
import { bearerToken, mediaType, parseMultipart, readBody, sendText } from './http-io.ts';
import type { Store } from './store.ts';

/** What Slack serves to a browser without a session: the page an app must never parse as file content. */
const LOGIN_PAGE = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Sign in | Slack</title></head>
<body><h1>Sign in to your workspace</h1><p>You need to sign in to see this page.</p></body></html>`;

/**
 * `POST /upload/v1/<ticket>`: the upload_url of files.getUploadURLExternal. web-api v8 sends multipart with one
 * part named `body`; other clients send raw bytes. Either way Slack answers 200 `OK - <bytes>`.
 */
export async function handleUpload(store: Store, ticket: string, req: IncomingMessage, res: ServerResponse) {
  const body = await readBody(req);
  const file = store.files.get(store.uploadTickets.get(ticket) ?? '');
  if (!file) return sendText(res, 404, 'upload ticket not found');
  let bytes = body;
  if (mediaType(req) === 'multipart/form-data') {
    const form = await parseMultipart(req, body);
    const part = [...form.values()].find((value) => typeof value !== 'string');
    if (!part || typeof part === 'string') return sendText(res, 400, 'no file part in the multipart body');
    bytes = Buffer.from(await part.arrayBuffer());
  }
  file.bytes = bytes;
  store.uploadTickets.delete(ticket);
  sendText(res, 200, `OK - ${bytes.length}`);
}

/** `GET /files-pri/<team>-<file>/[download/]<name>`: a bearer token is required, else the login page with 200. */
export function handleDownload(store: Store, teamAndFile: string, req: IncomingMessage, res: ServerResponse) {
  if (bearerToken(req) !== store.identity.botToken) {
    return sendText(res, 200, LOGIN_PAGE, 'text/html; charset=utf-8');
  }
  const fileId = teamAndFile.slice(store.identity.teamId.length + 1);
  const file = store.files.get(fileId);
  if (!teamAndFile.startsWith(`${store.identity.teamId}-`) || !file?.completed || !file.bytes) {
    return sendText(res, 404, 'file not found');
  }
  store.downloads.set(fileId, (store.downloads.get(fileId) ?? 0) + 1);
  res.writeHead(200, {
    'content-type': file.mimetype,
    'content-length': String(file.bytes.length),
    'content-disposition': `attachment; filename="${encodeURIComponent(file.name)}"`,
  });
  res.end(file.bytes);
}
