import { randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';

export type OptionsAnswer = { ok: true; status: number } | { ok: false; reason: string };

/**
 * Sends one SIP OPTIONS to host:port over UDP and waits up to `timeoutMs` for a final answer: the way to tell that
 * the SIP server is up and routing (it answers only once its configuration and database connection are ready).
 */
export function probeOptions(
  target: { host: string; port: number },
  timeoutMs = 2000,
): Promise<OptionsAnswer> {
  return new Promise((resolve) => {
    const socket = createSocket(target.host.includes(':') ? 'udp6' : 'udp4');
    const callId = randomBytes(8).toString('hex');
    const branch = `z9hG4bK${randomBytes(6).toString('hex')}`;
    let settled = false;
    const finish = (answer: OptionsAnswer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.close();
      resolve(answer);
    };
    const timer = setTimeout(
      () => finish({ ok: false, reason: `no answer to OPTIONS from udp:${target.host}:${target.port}` }),
      timeoutMs,
    );
    socket.on('error', (error) => finish({ ok: false, reason: error.message }));
    socket.on('message', (data) => {
      const text = data.toString('utf8');
      const status = /^SIP\/2\.0 (\d{3})/.exec(text)?.[1];
      if (!status || !text.includes(callId) || Number(status) < 200) return;
      finish({ ok: true, status: Number(status) });
    });
    socket.bind(0, () => {
      const local = socket.address();
      const hostPort = `${target.host}:${target.port}`;
      const message = [
        `OPTIONS sip:${hostPort} SIP/2.0`,
        `Via: SIP/2.0/UDP ${local.address === '0.0.0.0' ? '127.0.0.1' : local.address}:${local.port};branch=${branch};rport`,
        'Max-Forwards: 70',
        `From: <sip:probe@${hostPort}>;tag=${randomBytes(4).toString('hex')}`,
        `To: <sip:${hostPort}>`,
        `Call-ID: ${callId}`,
        'CSeq: 1 OPTIONS',
        'Content-Length: 0',
        '',
        '',
      ].join('\r\n');
      socket.send(message, target.port, target.host, (error) => {
        if (error) finish({ ok: false, reason: error.message });
      });
    });
  });
}
