import { connect, createServer, type Server, type Socket } from 'node:net';

export type TcpProxy = {
  /** The port the proxy listens on, on 127.0.0.1; it stays the same across `cut` and `restore`. */
  port: number;
  /** What a server restart looks like from outside: open connections break and new ones are refused. */
  cut(): Promise<void>;
  /** The server is back: connections are accepted and passed on again. */
  restore(): Promise<void>;
  close(): Promise<void>;
};

/**
 * A TCP pass-through to `host:port`, so that a test can take a server away from the app and give it back without
 * stopping the server itself, which other test files may be using.
 */
export async function startTcpProxy(host: string, targetPort: number): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  };
  const newServer = () =>
    createServer((client) => {
      const upstream = connect(targetPort, host);
      track(client);
      track(upstream);
      client.pipe(upstream);
      upstream.pipe(client);
      client.once('error', () => upstream.destroy());
      upstream.once('error', () => client.destroy());
      client.once('close', () => upstream.destroy());
      upstream.once('close', () => client.destroy());
    });
  const listen = (server: Server, port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        const address = server.address();
        resolve(typeof address === 'object' && address ? address.port : port);
      });
    });
  const shut = (server: Server) =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      for (const socket of sockets) socket.destroy();
    });

  let server: Server | undefined = newServer();
  const port = await listen(server, 0);
  return {
    port,
    async cut() {
      if (!server) return;
      const closing = server;
      server = undefined;
      await shut(closing);
    },
    async restore() {
      if (server) return;
      server = newServer();
      await listen(server, port);
    },
    async close() {
      if (server) await shut(server);
      server = undefined;
    },
  };
}
