import { getRequestListener, RequestError } from '@hono/node-server';
import type { Hono } from 'hono';
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { ErrorCode, ErrorEnvelope } from '@watchfloor/shared/errors';

export interface Listener {
  address(): AddressInfo | string | null;
  close(): Promise<void>;
  server: Server;
}

/** Node's default limit on the request line plus headers (--max-http-header-size). */
const MAX_HEADER_BYTES = 16 * 1024;

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  408: 'Request Timeout',
  421: 'Misdirected Request',
  431: 'Request Header Fields Too Large',
};

/**
 * Serves the app over node:http. Requests refused before Hono sees them — by node's parser (a URL
 * or headers over 16 KB, a malformed request line) or by the adapter (a Host that is not a host
 * name) — still get the JSON error envelope and the security headers, not a bare status line.
 */
export async function listen(
  app: Pick<Hono, 'fetch'>,
  options: { hostname: string; port: number; https?: boolean },
): Promise<Listener> {
  const https = options.https ?? false;
  const hono = getRequestListener(app.fetch, {
    hostname: options.hostname,
    // Called only when no Request could be built from what the client sent; the app renders the rest.
    errorHandler: (error) => {
      const answer = requestErrorAnswer(error);
      const { headers, body } = errorAnswer(answer, https);
      return new Response(body, { status: answer.status, headers });
    },
  });
  const server = createServer((incoming, outgoing) => {
    const host = incoming.headers.host;
    // Not a host name at all (`a@b`, `a, b`): no URL can be built from it, and it is no allowed host.
    if (host !== undefined && !HOST_SYNTAX.test(host)) {
      const { headers, body } = errorAnswer(MISDIRECTED, https);
      outgoing.writeHead(MISDIRECTED.status, { ...headers, Connection: 'close' }).end(body);
      return;
    }
    void hono(incoming, outgoing);
  });
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) =>
    answerClientError(error, socket, https),
  );
  await new Promise<void>((resolve) => server.listen(options.port, options.hostname, resolve));
  return {
    server,
    address: () => server.address(),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

interface Answer {
  status: number;
  code: ErrorCode;
  message: string;
}

/** `name[:port]` or `[v6][:port]`; anything else cannot name this server. */
const HOST_SYNTAX = /^(\[[0-9a-f:.]+\]|[a-z0-9._-]+)(:\d{1,5})?$/i;

const MISDIRECTED: Answer = {
  status: 421,
  code: 'misdirected_request',
  message: 'This server does not answer to that Host name (see WATCHFLOOR_ALLOWED_HOSTS)',
};

function requestErrorAnswer(error: unknown): Answer {
  const message = error instanceof RequestError ? error.message : '';
  if (/host header/i.test(message)) return MISDIRECTED;
  return { status: 400, code: 'validation_failed', message: 'The request target is not valid' };
}

function errorAnswer(
  answer: Answer,
  https: boolean,
): { headers: Record<string, string>; body: string } {
  const requestId = randomUUID();
  const envelope: ErrorEnvelope = {
    error: { code: answer.code, message: answer.message, requestId },
  };
  return {
    body: JSON.stringify(envelope),
    headers: {
      'Content-Type': 'application/json; charset=UTF-8',
      // The headers securityHeaders() puts on every answer of the app, for a body of JSON only.
      'Content-Security-Policy': "default-src 'self'; frame-ancestors 'none'",
      'X-Content-Type-Options': 'nosniff',
      'X-Frame-Options': 'DENY',
      'Referrer-Policy': 'strict-origin-when-cross-origin',
      'Cross-Origin-Opener-Policy': 'same-origin',
      ...(https ? { 'Strict-Transport-Security': 'max-age=31536000; includeSubDomains' } : {}),
      'Cache-Control': 'no-store',
      'X-Request-Id': requestId,
    },
  };
}

function answerClientError(error: NodeJS.ErrnoException, socket: Socket, https: boolean): void {
  // A peer that went away, or a response already started: there is no one to answer.
  if (
    error.code === 'ECONNRESET' ||
    !socket.writable ||
    (socket as { _httpMessage?: unknown })._httpMessage
  ) {
    socket.destroy();
    return;
  }
  const answer: Answer =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? {
          status: 431,
          code: 'payload_too_large',
          message: `The request URL and headers exceed ${MAX_HEADER_BYTES / 1024} KB`,
        }
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? {
            status: 408,
            code: 'validation_failed',
            message: 'The request was not received in time',
          }
        : { status: 400, code: 'validation_failed', message: 'The request is not valid HTTP' };
  const { headers, body } = errorAnswer(answer, https);
  socket.end(
    [
      `HTTP/1.1 ${answer.status} ${REASONS[answer.status]}`,
      ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
      `Content-Length: ${Buffer.byteLength(body)}`,
      'Connection: close',
      '',
      body,
    ].join('\r\n'),
  );
}
