import { inspect } from 'node:util';
import { type Logger, LogLevel } from '@slack/bolt';

const TOKEN_PATTERN = /\bxox[a-z]-[A-Za-z0-9-]+|\bxapp-[A-Za-z0-9-]+/g;

/**
 * A logger that never writes a secret: known secrets (bot token, signing secret, app token) and anything shaped
 * like a Slack token are replaced before a line is written, whoever logs it (our code, Bolt or the Web API client).
 */
export function createLogger(
  level: 'debug' | 'info' | 'warn' | 'error',
  secrets: (string | undefined)[],
  name = 'switchboard',
): Logger {
  const known = secrets.filter((s): s is string => typeof s === 'string' && s.length >= 6);
  let current = toLogLevel(level);
  const redact = (text: string) => {
    let out = text.replace(TOKEN_PATTERN, '[redacted]');
    for (const secret of known) out = out.split(secret).join('[redacted]');
    return out;
  };
  // Query errors carry their parameters, which can hold a voicemail PIN: parameters are never written. The indent
  // is looked for within the line: `\s*` would run on across blank lines, from each of them, in quadratic time.
  const format = (parts: unknown[]) =>
    redact(
      parts
        .map((p) => (typeof p === 'string' ? p : inspect(withoutParams(p), { depth: 4, breakLength: 160 })))
        .join(' '),
    ).replace(/^([^\S\n\r\u2028\u2029]*)params: .*$/gm, '$1params: [not logged]');
  const order = [LogLevel.DEBUG, LogLevel.INFO, LogLevel.WARN, LogLevel.ERROR];
  const enabled = (l: LogLevel) => order.indexOf(l) >= order.indexOf(current);
  const write = (l: LogLevel, parts: unknown[]) => {
    if (!enabled(l)) return;
    const line = `${new Date().toISOString()} ${l.toUpperCase()} [${name}] ${format(parts)}\n`;
    (l === LogLevel.ERROR || l === LogLevel.WARN ? process.stderr : process.stdout).write(line);
  };
  return {
    debug: (...m) => write(LogLevel.DEBUG, m),
    info: (...m) => write(LogLevel.INFO, m),
    warn: (...m) => write(LogLevel.WARN, m),
    error: (...m) => write(LogLevel.ERROR, m),
    setLevel: (l) => {
      current = l;
    },
    getLevel: () => current,
    setName: (n) => {
      name = n;
    },
  };
}

/** A copy of an error chain without the `params` of failed queries (drizzle puts them on the error and its text). */
function withoutParams(value: unknown, depth = 0): unknown {
  if (!(value instanceof Error) || depth > 5) return value;
  const copy = new Error(value.message.replace(/\nparams: [\s\S]*$/, '\nparams: [not logged]'));
  copy.name = value.name;
  copy.stack = value.stack?.replace(/\nparams: [^\n]*/g, '\nparams: [not logged]');
  if ('cause' in value && value.cause !== undefined) copy.cause = withoutParams(value.cause, depth + 1);
  const code = (value as { code?: unknown }).code;
  if (code !== undefined) Object.assign(copy, { code });
  return copy;
}

function toLogLevel(level: 'debug' | 'info' | 'warn' | 'error'): LogLevel {
  return { debug: LogLevel.DEBUG, info: LogLevel.INFO, warn: LogLevel.WARN, error: LogLevel.ERROR }[level];
}
