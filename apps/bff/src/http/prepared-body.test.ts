import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { acceptsGzip, PreparedBody } from './prepared-body.ts';

const bigHead = `{"data":{"points":[${Array.from({ length: 5_000 }, (_, i) => `[${1_800_000_000_000 + i * 60_000},${i % 97},${i % 5}]`).join(',')}]},"meta":{"requestId":`;

describe('PreparedBody', () => {
  it('gzips the shared head once and each response decompresses to its own complete JSON', async () => {
    const body = new PreparedBody(Buffer.from(bigHead));
    const first = await body.render('"req-1"}}', true);
    const second = await body.render('"req-2-ü"}}', true);
    expect(first.gzip).toBe(true);
    expect(first.body.length).toBeLessThan(bigHead.length / 3);
    const a = JSON.parse(gunzipSync(first.body).toString()) as {
      data: { points: number[][] };
      meta: { requestId: string };
    };
    const b = JSON.parse(gunzipSync(second.body).toString()) as { meta: { requestId: string } };
    expect(a.data.points).toHaveLength(5_000);
    expect(a.meta.requestId).toBe('req-1');
    expect(b.meta.requestId).toBe('req-2-ü');
  });

  it('sends identity bytes when gzip is not accepted or the body is tiny', async () => {
    const plain = await new PreparedBody(Buffer.from(bigHead)).render('"r"}}', false);
    expect(plain.gzip).toBe(false);
    expect(JSON.parse(plain.body.toString()).meta.requestId).toBe('r');
    const tiny = await new PreparedBody(Buffer.from('{"meta":{"requestId":')).render('"r"}}', true);
    expect(tiny.gzip).toBe(false);
    expect(tiny.body.toString()).toBe('{"meta":{"requestId":"r"}}');
  });
});

describe('acceptsGzip', () => {
  it('reads what browsers and tools send, honouring q=0', () => {
    expect(acceptsGzip('gzip, deflate, br, zstd')).toBe(true);
    expect(acceptsGzip('br;q=1.0, gzip;q=0.8, *;q=0.1')).toBe(true);
    expect(acceptsGzip('*')).toBe(true);
    expect(acceptsGzip('gzip;q=0')).toBe(false);
    expect(acceptsGzip('identity')).toBe(false);
    expect(acceptsGzip('br')).toBe(false);
    expect(acceptsGzip(undefined)).toBe(false);
  });
});
