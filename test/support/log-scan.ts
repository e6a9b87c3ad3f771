import { appendFileSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Every line the test suite's processes write (the app's logs, Bolt's, the Slack stand-in's, and the output of the
 * app processes some tests start) is copied here, one file per process, and scanned for secrets when the run ends.
 */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const LOG_DIR = join(ROOT, 'test-artifacts', 'logs');

/** Appends to this process's copy of the suite's output. */
export function teeLog(chunk: string | Uint8Array): void {
  mkdirSync(LOG_DIR, { recursive: true });
  appendFileSync(join(LOG_DIR, `${process.pid}.log`), chunk);
}

export type Secret = { what: string; value: string };

/** Anything shaped like a Slack token, whichever test made it up: bot, user and app-level tokens. */
const TOKEN = /\bxox[a-z]-[A-Za-z0-9-]+|\bxapp-[A-Za-z0-9-]+/g;
/** A signing secret given to the app or the stand-in in a test or a benchmark. */
const SIGNING_SECRET = /signing_?secret\w*['"]?\s*[:=]\s*['"]([^'"]{8,})['"]/gi;
/**
 * A voicemail PIN the tests type or store: `pin=4321` in a command, a PIN field filled with `text('4321')`, or a
 * `voicemailPin`. PINs shorter than 4 digits are left out (they are in every timestamp), and so is 000000, the
 * documented default that every new phone user starts with.
 */
const PIN = /\b(?:voicemail)?pin\b['"]?\s*[=:]\s*(?:text\()?['"]?(\d{4,6})\b/gi;

/** The secrets used anywhere in the suite and the benchmarks, read from their sources so that none is forgotten. */
export function suiteSecrets(sourceDirs = ['test', 'bench', 'src/local']): Secret[] {
  const found = new Map<string, Secret>();
  const add = (what: string, value: string) => {
    if (!found.has(value)) found.set(value, { what, value });
  };
  for (const dir of sourceDirs) {
    for (const file of sourceFiles(join(ROOT, dir))) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(TOKEN)) {
        // `xoxb-` alone is a prefix in a pattern or a message, not a token.
        if (/-[A-Za-z0-9]/.test(match[0].slice(4))) add('a Slack token', match[0]);
      }
      for (const match of text.matchAll(SIGNING_SECRET)) if (match[1]) add('a signing secret', match[1]);
      for (const match of text.matchAll(PIN)) {
        if (match[1] && match[1] !== '000000') add('a voicemail PIN', match[1]);
      }
    }
  }
  return [...found.values()];
}

export type Finding = { file: string; line: number; what: string };

/**
 * Where in the copied output a secret appears; a PIN only as a number of its own, not inside a longer one nor as the
 * decimals of one (a Slack message ts such as 1796393417.482913).
 */
export function scanLogs(secrets: Secret[], dir = LOG_DIR): Finding[] {
  const findings: Finding[] = [];
  const patterns = secrets.map((s) => ({
    what: s.what,
    pattern: new RegExp(/^\d+$/.test(s.value) ? `(?<![\\d.])${s.value}(?!\\d)` : escapeRegExp(s.value)),
  }));
  for (const file of sourceFiles(dir, '.log')) {
    const lines = readFileSync(file, 'utf8').split('\n');
    for (const [index, text] of lines.entries()) {
      for (const { what, pattern } of patterns) {
        if (pattern.test(text)) findings.push({ file: relative(ROOT, file), line: index + 1, what });
      }
    }
  }
  return findings;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function sourceFiles(dir: string, extension = '.ts'): string[] {
  let entries: string[] = [];
  try {
    entries = readdirSync(dir, { recursive: true, encoding: 'utf8' });
  } catch {
    return [];
  }
  return entries.filter((name) => name.endsWith(extension)).map((name) => join(dir, name));
}
