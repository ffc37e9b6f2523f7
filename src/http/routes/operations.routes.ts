import { timingSafeEqual } from 'node:crypto';
import { Hono } from 'hono';
import { sql } from 'kysely';
import { pendingMigrations } from '../../db/migrate.js';
import type { AppEnv } from '../context.js';

// For the platform, not for people: is the process alive (/healthz), should
// it be sent traffic (/readyz: the database answers, every migration has
// run, and it is not shutting down), and its Prometheus metrics (/metrics,
// only with METRICS=on; behind METRICS_TOKEN when that is set). None of them
// touches a session, and none says anything about a person or a plan.

export interface Lifecycle {
  /** True once SIGTERM has arrived: /readyz then answers 503 so the load balancer stops sending. */
  draining(): boolean;
}

const sameSecret = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

export function operationsRoutes(lifecycle: Lifecycle) {
  return new Hono<AppEnv>()
    .get('/healthz', async (c) => {
      await sql`select 1`.execute(c.get('services').db.kysely);
      return c.json({ status: 'ok' });
    })
    .get('/readyz', async (c) => {
      const { db } = c.get('services');
      if (lifecycle.draining()) return c.json({ status: 'not ready', reason: 'shutting down' }, 503);
      try {
        await sql`select 1`.execute(db.kysely);
        const pending = await pendingMigrations(db);
        if (pending.length) return c.json({ status: 'not ready', reason: 'migrations pending', pending }, 503);
      } catch {
        return c.json({ status: 'not ready', reason: 'the database does not answer' }, 503);
      }
      return c.json({ status: 'ready' });
    })
    .get('/metrics', async (c) => {
      const { metrics, config } = c.get('services');
      if (!metrics) return c.notFound();
      const token = config.METRICS_TOKEN;
      if (token && !sameSecret(c.req.header('authorization') ?? '', `Bearer ${token}`)) {
        return c.text('Send Authorization: Bearer <METRICS_TOKEN>.', 401, { 'WWW-Authenticate': 'Bearer' });
      }
      return c.body(await metrics.registry.metrics(), 200, { 'Content-Type': metrics.registry.contentType, 'Cache-Control': 'no-store' });
    });
}
