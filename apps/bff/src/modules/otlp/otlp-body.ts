import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';

const gunzipCapped = promisify(gunzip);

/** Largest request body, measured after decompression. */
export const OTLP_MAX_BYTES = 8 * 1024 * 1024;

export type OtlpEncoding = 'protobuf' | 'json';

/** A body the protocol refuses before decoding, with the HTTP status it gets. */
export class BodyRefused extends Error {
  constructor(
    readonly status: 400 | 413 | 415,
    message: string,
  ) {
    super(message);
  }
}

/** The request's media type, or a 415 for anything OTLP/HTTP does not define. */
export function requestEncoding(contentType: string | undefined): OtlpEncoding {
  const media = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (media === 'application/x-protobuf') return 'protobuf';
  if (media === 'application/json') return 'json';
  throw new BodyRefused(
    415,
    `Content-Type must be application/x-protobuf or application/json, not "${media.slice(0, 64)}"`,
  );
}

/**
 * Reads the body, gunzipping it when Content-Encoding says gzip, and refuses it as soon as either
 * the bytes received or the bytes inflated pass the limit: zlib stops inflating at the cap, so a
 * small gzip bomb costs no more memory than an honest body of the limit.
 */
export async function readOtlpBody(request: Request, limit = OTLP_MAX_BYTES): Promise<Uint8Array> {
  const encoding = (request.headers.get('content-encoding') ?? 'identity').trim().toLowerCase();
  if (encoding !== 'gzip' && encoding !== 'identity')
    throw new BodyRefused(415, `Content-Encoding must be gzip or absent, not "${encoding}"`);
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > limit) throw tooLarge(limit);
  const raw = await readCapped(request, limit);
  if (encoding === 'identity') return raw;
  try {
    return await gunzipCapped(raw, { maxOutputLength: limit });
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge(limit);
    throw new BodyRefused(400, 'The body is not valid gzip');
  }
}

async function readCapped(request: Request, limit: number): Promise<Buffer> {
  if (!request.body) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, size);
}

const tooLarge = (limit: number) =>
  new BodyRefused(413, `The request body exceeds ${limit / 1_048_576} MiB after decompression`);
