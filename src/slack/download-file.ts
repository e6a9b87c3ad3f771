/** Why a Slack file could not be had. `too_large`: the body ran past the cap (`bytes` is what Slack said, or read). */
export type DownloadFailure =
  | { reason: 'login_page' | 'http_error' | 'network' | 'untrusted_host' }
  | { reason: 'too_large'; bytes: number };

export type DownloadResult = { ok: true; content: Buffer } | ({ ok: false } & DownloadFailure);

export type DownloadOptions = {
  /** The bot token: Slack serves `url_private_download` only to `Authorization: Bearer <token>`. */
  token: string;
  /** Origins the token may be sent to: Slack's file host, and the Slack API origin the app is configured with. */
  trustedOrigins: readonly string[];
  maxBytes: number;
  timeoutMs?: number;
  fetch?: typeof fetch;
};

export const SLACK_FILE_ORIGIN = 'https://files.slack.com';

/**
 * Downloads a private Slack file. Slack answers a request it does not accept (no token, a token without
 * `files:read`) with 200 and its HTML sign-in page, so an HTML answer is a failure, never file content. The body
 * is read up to `maxBytes` and no further.
 */
export async function downloadSlackFile(url: string, options: DownloadOptions): Promise<DownloadResult> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, reason: 'untrusted_host' };
  }
  if (!options.trustedOrigins.includes(parsed.origin)) return { ok: false, reason: 'untrusted_host' };
  let response: Response;
  try {
    response = await (options.fetch ?? fetch)(parsed, {
      headers: { Authorization: `Bearer ${options.token}` },
      signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
    });
  } catch {
    return { ok: false, reason: 'network' };
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => {});
    return { ok: false, reason: 'http_error' };
  }
  if (/^text\/html\b/i.test(response.headers.get('content-type') ?? '')) {
    await response.body?.cancel().catch(() => {});
    return { ok: false, reason: 'login_page' };
  }
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (declared > options.maxBytes) {
    await response.body?.cancel().catch(() => {});
    return { ok: false, reason: 'too_large', bytes: declared };
  }
  const body = await readCapped(
    response,
    options.maxBytes,
    Number.isSafeInteger(declared) ? declared : undefined,
  );
  if (!body.ok) return body;
  return looksLikeHtmlPage(body.content) ? { ok: false, reason: 'login_page' } : body;
}

/**
 * Reads the body into one buffer until it ends or passes `maxBytes`, so that a file is held once, never in chunks
 * and again joined. The buffer is the declared length, or the cap when none is declared: the memory of its pages
 * is only taken as bytes arrive.
 */
async function readCapped(response: Response, maxBytes: number, declared?: number): Promise<DownloadResult> {
  const reader = response.body?.getReader();
  if (!reader) return { ok: true, content: Buffer.alloc(0) };
  const into = Buffer.allocUnsafe(Math.min(declared ?? maxBytes, maxBytes));
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (total + value.length > into.length) {
        await reader.cancel().catch(() => {});
        // More than declared (but within the cap) is a broken answer, not a large file.
        return total + value.length > maxBytes
          ? { ok: false, reason: 'too_large', bytes: total + value.length }
          : { ok: false, reason: 'network' };
      }
      into.set(value, total);
      total += value.length;
    }
  } catch {
    return { ok: false, reason: 'network' };
  }
  return { ok: true, content: into.subarray(0, total) };
}

/** A sign-in page served without an HTML content type is still not the file. */
function looksLikeHtmlPage(content: Buffer): boolean {
  const start = content.subarray(0, 256).toString('latin1').trimStart().toLowerCase();
  return start.startsWith('<!doctype html') || start.startsWith('<html');
}
