/**
 * Vitest's global setup: the copied output starts empty, and when the run ends it must hold no bot token, signing
 * secret or voicemail PIN that the suite used; otherwise the run fails with where each one was written.
 */
import { rmSync } from 'node:fs';
import { LOG_DIR, scanLogs, suiteSecrets } from './log-scan.ts';

export function setup(): () => void {
  rmSync(LOG_DIR, { recursive: true, force: true });
  return () => {
    const findings = scanLogs(suiteSecrets());
    if (findings.length === 0) return;
    const where = findings.slice(0, 20).map((f) => `${f.file}:${f.line}: ${f.what}`);
    process.stderr.write(`\nSecrets were written to the test output:\n${where.join('\n')}\n`);
    // Vitest reports an error thrown here but keeps the run's exit code; the exit code is what CI reads.
    process.exitCode = 1;
  };
}
