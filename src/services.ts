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
import { notificationsExtension } from './notifications/notifications.extension.js';
import { createLogger, type Logger } from './operations/logger.js';
import { createMetrics } from './operations/metrics.js';
import { metricsExtension } from './operations/metrics.extension.js';
import { PlanService, type Clock, type PlanExtensions } from './plans/plan.service.js';

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
    ...(metrics ? [metricsExtension(metrics)] : []),
  ];
  const merged: PlanExtensions = {
    lookups: Object.assign({}, ...extensions.map((e) => e.lookups ?? {})),
    onTransition: extensions.flatMap((e) => e.onTransition ?? []),
    onCreate: extensions.flatMap((e) => e.onCreate ?? []),
  };
  return { db, config, clock, views, logger, metrics, plans: new PlanService(db, clock, merged) };
}
