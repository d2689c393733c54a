import { createRequire } from 'node:module';

/**
 * autocannon keeps every response body as a string (`body += chunk`, in
 * lib/pipelinedRequestsQueue.js) in case a request asks to see it. For a gzip body that is a
 * UTF-8 decode of binary data, which cost the load generator more CPU than the server spent on
 * the request (a static node:http server sending the segment's 44 KiB gzip body answered 1,356
 * req/s through it, against 12,175 for 44 KiB of ASCII). Our runs never read bodies, so this
 * turns the copy off; byte counts, statuses and timings are unchanged.
 */
export function stopKeepingResponseBodies(): void {
  const require = createRequire(import.meta.url);
  const queue = require('autocannon/lib/pipelinedRequestsQueue.js') as {
    prototype: { addBody: (data: Buffer) => void };
  };
  queue.prototype.addBody = () => undefined;
}
