import { createMiddleware } from 'hono/factory';
import { randomUUID } from 'node:crypto';
import type { Logger } from '../logger.ts';
import type { Metrics } from '../observability/metrics.ts';
import type { AppEnv } from './app-env.ts';

/**
 * Gives every request an id (echoed as X-Request-Id), a logger that stamps it on every line, and
 * a duration observation labelled by route template, so metrics stay low-cardinality.
 */
export function requestContext(logger: Logger, metrics: Metrics) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const incoming = c.req.header('x-request-id');
    const requestId = incoming && /^[\w.-]{8,64}$/.test(incoming) ? incoming : randomUUID();
    const started = performance.now();
    c.set('requestId', requestId);
    c.set('logger', logger.child({ requestId }));
    c.header('X-Request-Id', requestId);
    await next();
    const seconds = (performance.now() - started) / 1000;
    const route = c.req.routePath && c.req.routePath !== '/*' ? c.req.routePath : 'unmatched';
    metrics.httpDuration.observe(
      { method: c.req.method, route, status: String(c.res.status) },
      seconds,
    );
    c.get('logger').info(
      {
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round(seconds * 1000),
      },
      'request',
    );
  });
}
