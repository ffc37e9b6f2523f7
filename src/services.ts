import path from 'node:path';
import { ROOT } from './paths.js';
import type { AuditKeys } from './audit/audit-keys.js';
import { auditExtension } from './audit/audit.extension.js';
import { loadAuditKeys } from './audit/load-audit-keys.js';
import type { Config } from './config.js';
import type { Db } from './db/connect.js';
import { documentsExtension } from './documents/documents.extension.js';
import type { Services } from './http/context.js';
import { createViews } from './http/view.js';
import { costingExtension } from './costing/costing.extension.js';
import { planningExtension } from './planning/planning.extension.js';
import { notificationsExtension } from './notifications/notifications.extension.js';
import { createLogger, type Logger } from './operations/logger.js';
import { createMetrics } from './operations/metrics.js';
import { metricsExtension } from './operations/metrics.extension.js';
import { PlanService, type Clock, type Lookup, type PlanExtensions } from './plans/plan.service.js';
import { reportsExtension } from './reports/reports.extension.js';
import { webhooksExtension } from './webhooks/webhooks.extension.js';

// Everything the application runs on, built once: by the server, and by the
// tests on a temporary database. Extensions join the plan service here.

export interface ServiceOptions {
  logger?: Logger;
  /** The audit keys, when the caller has loaded them already (the server, to anchor the history first). */
  keys?: AuditKeys;
}

export function createServices(db: Db, config: Config, clock: Clock = () => new Date(), options: ServiceOptions = {}): Services {
  const logger = options.logger ?? createLogger(config);
  const keys = options.keys ?? loadAuditKeys(config, logger);
  const metrics = config.METRICS === 'on' ? createMetrics(db, clock) : null;
  const views = createViews(path.join(ROOT, 'templates'));
  const extensions = [
    auditExtension({ keys }), documentsExtension({ settings: config }), notificationsExtension({ config }),
    costingExtension({ clock }), planningExtension({ clock }), reportsExtension(), webhooksExtension(),
    ...(metrics ? [metricsExtension(metrics)] : []),
  ];
  const merged: PlanExtensions = {
    lookups: composeLookups(extensions),
    onTransition: extensions.flatMap((e) => e.onTransition ?? []),
    onCreate: extensions.flatMap((e) => e.onCreate ?? []),
  };
  return { db, config, clock, views, logger, metrics, plans: new PlanService(db, clock, merged) };
}

/** Several extensions may look facts up for the same event: each one's facts are added, none replaces another's lookup. */
function composeLookups(extensions: PlanExtensions[]): PlanExtensions['lookups'] {
  const byType = new Map<string, Lookup[]>();
  for (const extension of extensions) {
    for (const [type, lookup] of Object.entries(extension.lookups ?? {})) byType.set(type, [...(byType.get(type) ?? []), lookup]);
  }
  return Object.fromEntries([...byType].map(([type, lookups]) => [type, (async (trx, plan, payload, actor) => {
    const facts = {};
    for (const lookup of lookups) Object.assign(facts, await lookup(trx, plan, payload, actor));
    return facts;
  }) satisfies Lookup]));
}
