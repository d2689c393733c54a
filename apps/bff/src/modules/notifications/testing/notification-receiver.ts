import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { NOTIFICATION_ID_HEADER } from '../notification-signature.ts';

export interface ReceivedNotification {
  headers: IncomingHttpHeaders;
  /** The raw body, as signed. */
  body: string;
  status: number;
}

/**
 * A real HTTP receiver on a random local port: records every POST and answers 200, except that
 * `failFirst(id, n)` makes it answer 500 to the first n deliveries of notification `id`.
 */
export async function startReceiver() {
  const received: ReceivedNotification[] = [];
  const failures = new Map<string, number>();
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const id = String(request.headers[NOTIFICATION_ID_HEADER] ?? '');
      const left = failures.get(id) ?? 0;
      if (left > 0) failures.set(id, left - 1);
      const status = left > 0 || failures.get('*') ? 500 : 200;
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString(), status });
      response
        .writeHead(status, { 'content-type': 'text/plain' })
        .end(status === 200 ? 'ok' : 'down');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    /** Deliveries of one notification id, in arrival order. */
    deliveriesOf: (id: string) => received.filter((r) => r.headers[NOTIFICATION_ID_HEADER] === id),
    failFirst: (id: string, times: number) => failures.set(id, times),
    /** Answer 500 to everything until told otherwise. */
    failAll: (on: boolean) => failures.set('*', on ? 1 : 0),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type Receiver = Awaited<ReturnType<typeof startReceiver>>;
