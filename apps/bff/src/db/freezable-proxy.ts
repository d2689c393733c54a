import net from 'node:net';

/**
 * A TCP proxy in front of a database server that can be "frozen" the way SIGSTOP freezes the
 * server: connections stay open (no reset, no FIN), nothing is forwarded any more, and new
 * connections are accepted but never answered. For tests and fault proofs; not used by the server.
 */
export interface FreezableProxy {
  /** mysql://… URL of the proxy, with the path and query of the target URL. */
  url: string;
  freeze(): void;
  thaw(): void;
  /** Destroys every socket and stops listening. */
  close(): Promise<void>;
}

export async function startFreezableProxy(targetUrl: string): Promise<FreezableProxy> {
  const target = new URL(targetUrl);
  const targetPort = Number(target.port || 3306);
  const sockets = new Set<net.Socket>();
  const pairs: { client: net.Socket; upstream: net.Socket }[] = [];
  let frozen = false;

  const pipe = (client: net.Socket, upstream: net.Socket) => {
    client.pipe(upstream);
    upstream.pipe(client);
  };
  const track = (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  };

  const server = net.createServer((client) => {
    track(client);
    const upstream = net.connect(targetPort, target.hostname);
    track(upstream);
    const pair = { client, upstream };
    pairs.push(pair);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
    if (frozen) {
      client.pause();
      upstream.pause();
    } else pipe(client, upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as net.AddressInfo;
  const url = new URL(targetUrl);
  url.hostname = '127.0.0.1';
  url.port = String(address.port);

  return {
    url: url.toString(),
    freeze() {
      frozen = true;
      for (const { client, upstream } of pairs) {
        client.unpipe(upstream);
        upstream.unpipe(client);
        client.pause();
        upstream.pause();
      }
    },
    thaw() {
      frozen = false;
      for (const { client, upstream } of pairs) if (!client.destroyed) pipe(client, upstream);
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
