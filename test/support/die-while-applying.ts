/**
 * Loaded into the app's process with `node --import` by the crash test on the embedded database, whose engine runs
 * inside the process it is killed with: the process kills itself (SIGKILL) as an import's transaction is about to
 * write its first audit rows, that is after it has written its first batch of phone users and before it commits.
 * Nothing in the app knows about it; it watches the statements the app sends to PGlite.
 */
import { PGlite } from '@electric-sql/pglite';

const run = PGlite.prototype.execProtocolRawSync;
let usersWritten = false;

PGlite.prototype.execProtocolRawSync = function (this: PGlite, message: Uint8Array): Uint8Array {
  const statement = Buffer.from(message).toString('utf8');
  if (/insert into "phone_users"/.test(statement)) usersWritten = true;
  else if (usersWritten && /insert into "audit_log"/.test(statement)) process.kill(process.pid, 'SIGKILL');
  return run.call(this, message);
};
