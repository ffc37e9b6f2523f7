import { randomUUID } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import type { AppEnv } from '../context.js';

// One log line per request: method, route pattern (never the path, which
// names plans and documents), status, duration and request id; and the same
// as metrics when they are on. The request id is the caller's X-Request-Id
// when it is a plain token (a proxy's or a load balancer's), else a new
// UUID, and is sent back in X-Request-Id.

const REQUEST_ID = /^[A-Za-z0-9._:@=+/-]{1,128}$/;

/** The route pattern that matched (`/plans/:id`), or `unmatched`: a small, fixed set of values. */
export function routePattern(c: Context): string {
  const routes = matchedRoutes(c);
  const handler = routes.findLast((r) => r.method !== 'ALL');
  if (handler) return handler.path;
  const mounted = routes.findLast((r) => r.path !== '*' && r.path !== '/*');
  return mounted?.path ?? 'unmatched';
}

export const requestLog = (): MiddlewareHandler<AppEnv> => async (c, next) => {
  const { logger, metrics } = c.get('services');
  const started = performance.now();
  const incoming = c.req.header('x-request-id');
  const requestId = incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID();
  c.set('requestId', requestId);
  logger.debug({ reqId: requestId, method: c.req.method, route: routePattern(c) }, 'request started');
  metrics?.inFlight.inc();
  try {
    await next();
  } finally {
    metrics?.inFlight.dec();
  }
  c.res.headers.set('X-Request-Id', requestId);
  const seconds = (performance.now() - started) / 1000;
  const route = routePattern(c);
  const { method } = c.req;
  const { status } = c.res;
  logger.info({ reqId: requestId, method, route, status, ms: Math.round(seconds * 10_000) / 10 }, 'request');
  metrics?.requests.inc({ method, route, status });
  metrics?.requestSeconds.observe({ method, route }, seconds);
};
