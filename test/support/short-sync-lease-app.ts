/**
 * The app as `npm start` runs it, with the sync worker's lease given in the first argument instead of a minute, so
 * that a test that kills the process sees its people taken up again without waiting for a minute to pass.
 */
import { loadConfig } from '../../src/config.ts';
import { startSwitchboard } from '../../src/switchboard.ts';

const syncLeaseMs = Number(process.argv[2]);
if (!(Number.isInteger(syncLeaseMs) && syncLeaseMs > 0))
  throw new Error('usage: short-sync-lease-app <lease ms>');
const app = await startSwitchboard(loadConfig(), { syncLeaseMs });
process.once('SIGTERM', () => {
  app.stop().then(
    () => process.exit(0),
    () => process.exit(1),
  );
});
