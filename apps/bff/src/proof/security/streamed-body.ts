import net from 'node:net';
import type { RawResponse } from './raw-http.ts';

export interface StreamedResult {
  response: RawResponse | null;
  /** Body bytes written before the answer arrived (or in total, when none did). */
  sentBytes: number;
}

/**
 * Streams a large body over a raw socket, a piece at a time, and stops as soon as the server
 * answers: shows whether a body limit answers before the body is read to its end.
 */
export async function streamUntilAnswered(
  baseUrl: string,
  request: {
    method: string;
    path: string;
    headers: Record<string, string>;
    totalBytes: number;
    chunked: boolean;
    declaredLength?: number;
  },
): Promise<StreamedResult> {
  const url = new URL(baseUrl);
  const socket = net.connect(Number(url.port), url.hostname);
  await new Promise<void>((resolve, reject) =>
    socket.once('connect', resolve).once('error', reject),
  );
  let received = Buffer.alloc(0);
  let answered = false;
  socket.on('data', (part: Buffer) => {
    received = Buffer.concat([received, part]);
    answered = true;
  });
  socket.on('error', () => undefined);
  const framing = request.chunked
    ? { 'transfer-encoding': 'chunked' }
    : { 'content-length': String(request.declaredLength ?? request.totalBytes) };
  const head = Object.entries({
    host: url.host,
    connection: 'close',
    ...request.headers,
    ...framing,
  })
    .map(([k, v]) => `${k}: ${v}`)
    .join('\r\n');
  socket.write(`${request.method} ${request.path} HTTP/1.1\r\n${head}\r\n\r\n`);
  // A declared length can be refused from the header alone: give the server that chance before any body byte.
  if (!request.chunked)
    for (let waited = 0; waited < 300 && !answered; waited += 10)
      await new Promise((resolve) => setTimeout(resolve, 10));
  const piece = Buffer.alloc(16_384, 0x20);
  piece[0] = 0x5b;
  let sentBytes = 0;
  while (sentBytes < request.totalBytes && !answered && !socket.destroyed) {
    const frame = request.chunked
      ? Buffer.concat([Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from('\r\n')])
      : piece;
    const flushed = socket.write(frame);
    sentBytes += piece.length;
    if (!flushed)
      await new Promise<void>((resolve) => {
        socket.once('drain', resolve);
        socket.once('close', resolve);
      });
    // Let the server read and answer between pieces, as a slow client would: a server that closes
    // while a fast client is still writing resets the connection, and the reset discards its answer.
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  if (!answered && !socket.destroyed && request.chunked) socket.write('0\r\n\r\n');
  const deadline = Date.now() + 10_000;
  while (!complete(received) && Date.now() < deadline && !socket.destroyed)
    await new Promise((resolve) => setTimeout(resolve, 20));
  socket.destroy();
  return { response: parse(received), sentBytes };
}

function complete(buffer: Buffer): boolean {
  const end = buffer.indexOf('\r\n\r\n');
  if (end < 0) return false;
  const length = /content-length:\s*(\d+)/i.exec(buffer.subarray(0, end).toString('latin1'))?.[1];
  return length !== undefined && buffer.length >= end + 4 + Number(length);
}

function parse(buffer: Buffer): RawResponse | null {
  const end = buffer.indexOf('\r\n\r\n');
  if (end < 0) return null;
  const [statusLine, ...lines] = buffer.subarray(0, end).toString('latin1').split('\r\n');
  const headers: Record<string, string> = {};
  const cookies: string[] = [];
  for (const line of lines) {
    const at = line.indexOf(':');
    const name = line.slice(0, at).trim().toLowerCase();
    const value = line.slice(at + 1).trim();
    if (name === 'set-cookie') cookies.push(value);
    headers[name] = value;
  }
  return {
    status: Number(statusLine?.split(' ')[1] ?? 0),
    headers,
    body: buffer.subarray(end + 4).toString('utf8'),
    cookies,
  };
}
