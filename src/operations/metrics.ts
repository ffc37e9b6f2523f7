import { createRequire } from 'node:module';
import type { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Db } from '../db/connect.js';
import { toCount } from '../db/connect.js';
import { dueTimers } from '../notifications/scheduler.js';
import type { Clock } from '../plans/plan.service.js';

// Prometheus metrics (METRICS=on). Labels are route patterns, methods,
// statuses, event types and job names: a bounded set, and nothing about any
// person or plan. Outbox depth and scheduler lag are read from the database
// when scraped, so they are right whichever instance did the work.

export interface Metrics {
  registry: Registry;
  requests: Counter<'method' | 'route' | 'status'>;
  requestSeconds: Histogram<'method' | 'route'>;
  inFlight: Gauge;
  transitions: Counter<'type'>;
  deliveryFailures: Counter<'outcome'>;
  jobRuns: Counter<'job' | 'outcome'>;
  jobSeconds: Histogram<'job'>;
}

export function createMetrics(db: Db, clock: Clock): Metrics {
  // Loaded only with METRICS=on: a server without metrics does not carry it.
  const { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } = createRequire(import.meta.url)('prom-client') as typeof import('prom-client');
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  new Gauge({
    name: 'outbox_pending', help: 'Notifications queued and not yet delivered (email or log)', registers,
    async collect() { this.set(await countDelivery(db, 'pending')); },
  });
  new Gauge({
    name: 'outbox_failed', help: 'Notifications the sender gave up on after MAIL_MAX_ATTEMPTS (kept, never deleted)', registers,
    async collect() { this.set(await countDelivery(db, 'failed')); },
  });
  new Gauge({
    name: 'scheduler_lag_seconds', help: 'How long the oldest reminder or escalation that has come due has been waiting to be sent (0 when none)', registers,
    async collect() {
      const [oldest] = await dueTimers({ db, clock }, 1);
      this.set(oldest ? Math.max(0, (clock().getTime() - Date.parse(oldest.fireAt)) / 1000) : 0);
    },
  });
  return {
    registry,
    requests: new Counter({ name: 'http_requests_total', help: 'HTTP requests answered, by route pattern', labelNames: ['method', 'route', 'status'], registers }),
    requestSeconds: new Histogram({
      name: 'http_request_duration_seconds', help: 'Time to answer an HTTP request, by route pattern', labelNames: ['method', 'route'], registers,
      buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    }),
    inFlight: new Gauge({ name: 'http_requests_in_flight', help: 'HTTP requests being answered now', registers }),
    transitions: new Counter({ name: 'plan_transitions_total', help: 'Plan events recorded by this instance, by event type', labelNames: ['type'], registers }),
    deliveryFailures: new Counter({ name: 'mail_delivery_failures_total', help: 'Failed email deliveries: retrying, or given up', labelNames: ['outcome'], registers }),
    jobRuns: new Counter({ name: 'background_job_runs_total', help: 'Passes of the scheduler and the sender', labelNames: ['job', 'outcome'], registers }),
    jobSeconds: new Histogram({ name: 'background_job_duration_seconds', help: 'Time one pass of a background job took', labelNames: ['job'], registers }),
  };
}

async function countDelivery(db: Db, delivery: string): Promise<number> {
  const row = await db.kysely.selectFrom('notifications').select((eb) => eb.fn.countAll().as('n')).where('delivery', '=', delivery).executeTakeFirst();
  return toCount(row?.n as string | number | undefined);
}
