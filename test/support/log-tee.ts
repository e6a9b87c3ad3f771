/**
 * Loaded into every test process before its tests: whatever the process writes to stdout and stderr is also
 * copied for the secret scan at the end of the run (see log-scan.ts).
 */
import { teeLog } from './log-scan.ts';

for (const stream of [process.stdout, process.stderr]) {
  const write = stream.write.bind(stream) as (...args: unknown[]) => boolean;
  stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    teeLog(chunk);
    return write(chunk, ...rest);
  }) as typeof stream.write;
}
