import http from 'node:http';

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** Set-Cookie lines as sent. */
  cookies: string[];
}

export interface RawRequest {
  method: string;
  path: string;
  headers?: Record<string, string>;
  /** Sent with Content-Length unless `chunked`. */
  body?: string | Buffer;
  /** Send the body as chunked transfer encoding, without Content-Length. */
  chunked?: boolean;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });

/**
 * One request over node:http, so the proof controls every header (Host, Origin, Content-Length,
 * Transfer-Encoding) exactly as an attacker would, which fetch does not allow.
 */
export function rawRequest(baseUrl: string, request: RawRequest): Promise<RawResponse> {
  const url = new URL(request.path, baseUrl);
  const headers: Record<string, string | number> = { ...request.headers };
  const body =
    request.body === undefined
      ? undefined
      : Buffer.isBuffer(request.body)
        ? request.body
        : Buffer.from(request.body);
  if (body && !request.chunked) headers['content-length'] = body.length;
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        method: request.method,
        path: `${url.pathname}${url.search}`,
        headers,
        agent,
      },
      (res) => {
        const parts: Buffer[] = [];
        res.on('data', (part: Buffer) => parts.push(part));
        res.on('end', () => {
          const setCookie = res.headers['set-cookie'];
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(parts).toString('utf8'),
            cookies: setCookie ?? [],
          });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (body && request.chunked) {
      // Several chunks, so the server cannot learn the size from the first one.
      for (let at = 0; at < body.length; at += 16_384) req.write(body.subarray(at, at + 16_384));
    } else if (body) {
      req.write(body);
    }
    req.end();
  });
}

/** The `name=value` part of a Set-Cookie line, ready for a Cookie header. */
export const cookiePair = (setCookie: string) => setCookie.split(';')[0] ?? '';
