import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, constants, openSync, rmSync, writeSync } from 'node:fs';
import { Socket } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { z } from 'zod';

/**
 * Who is registered on the SIP server, asked of Kamailio itself: its usrloc table (`ul.dump`) over the JSON-RPC
 * FIFO that kamailio.cfg opens (jsonrpcs). Each request gets its own reply FIFO, so concurrent readers never read
 * each other's answers.
 */

export type Registration = {
  /** The SIP username the phone signed in with: a person's apps or one of their desk phones. */
  user: string;
  contact: string;
  /** Seconds until the registration lapses unless the phone renews it. */
  expiresInSeconds: number;
  userAgent: string | undefined;
};

export type RpcEndpoint = { fifo: string; replyDir: string };

const run = promisify(execFile);

const contactSchema = z.object({
  Contact: z.object({ Address: z.string(), Expires: z.number(), 'User-Agent': z.string().optional() }),
});
const dumpSchema = z.object({
  result: z.object({
    Domains: z.array(
      z.object({
        Domain: z.object({
          AoRs: z.array(z.object({ Info: z.object({ AoR: z.string(), Contacts: z.array(contactSchema) }) })),
        }),
      }),
    ),
  }),
});

/** One JSON-RPC call; rejects when Kamailio does not read the FIFO, answers an error, or not within `timeoutMs`. */
export async function kamailioRpc(endpoint: RpcEndpoint, method: string, timeoutMs = 3000): Promise<unknown> {
  const replyName = `reply-${randomBytes(8).toString('hex')}`;
  const replyPath = join(endpoint.replyDir, replyName);
  await run('mkfifo', ['-m', '600', replyPath]);
  try {
    // Non-blocking, so a reader that never gets a writer still times out instead of holding a thread forever.
    const socket = new Socket({
      fd: openSync(replyPath, constants.O_RDONLY | constants.O_NONBLOCK),
      readable: true,
      writable: false,
    });
    const reply = new Promise<string>((resolve, reject) => {
      let text = '';
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new Error(`the SIP server did not answer ${method} within ${timeoutMs} ms`));
      }, timeoutMs);
      socket.setEncoding('utf8');
      socket.on('data', (chunk: string) => {
        text += chunk;
      });
      socket.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      socket.on('end', () => {
        clearTimeout(timer);
        socket.destroy();
        resolve(text);
      });
    });
    let fd: number;
    try {
      fd = openSync(endpoint.fifo, constants.O_WRONLY | constants.O_NONBLOCK);
    } catch (error) {
      socket.destroy();
      const code = (error as NodeJS.ErrnoException).code;
      throw new Error(
        code === 'ENXIO' || code === 'ENOENT'
          ? 'the SIP server is not running (nobody reads its control FIFO)'
          : `cannot reach the SIP server's control FIFO: ${code ?? error}`,
      );
    }
    try {
      writeSync(fd, `${JSON.stringify({ jsonrpc: '2.0', method, id: 1, reply_name: replyName })}\n`);
    } finally {
      closeSync(fd);
    }
    const parsed = JSON.parse(await reply) as { result?: unknown; error?: { message?: string } };
    if (parsed.error) throw new Error(`the SIP server refused ${method}: ${parsed.error.message ?? 'error'}`);
    return parsed;
  } finally {
    rmSync(replyPath, { force: true });
  }
}

/** Kamailio writes a header the phone did not send as "n/a" or "[not set]". */
function unset(value: string | undefined): string | undefined {
  return value === undefined || value === '' || value === 'n/a' || value === '[not set]' ? undefined : value;
}

/** Every contact registered now, by user then contact. */
export async function readRegistrations(endpoint: RpcEndpoint): Promise<Registration[]> {
  const dump = dumpSchema.safeParse(await kamailioRpc(endpoint, 'ul.dump'));
  if (!dump.success)
    throw new Error(
      `the SIP server's ul.dump answer has an unexpected shape: ${dump.error.issues[0]?.message}`,
    );
  const registrations = dump.data.result.Domains.flatMap(({ Domain }) =>
    Domain.AoRs.flatMap(({ Info }) =>
      Info.Contacts.map(({ Contact }) => ({
        user: Info.AoR,
        contact: Contact.Address,
        expiresInSeconds: Contact.Expires,
        userAgent: unset(Contact['User-Agent']),
      })),
    ),
  );
  return registrations.sort((a, b) => a.user.localeCompare(b.user) || a.contact.localeCompare(b.contact));
}
