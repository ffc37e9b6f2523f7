import path from 'node:path';
import { ROOT } from './app.js';
import type { Config } from './config.js';
import type { Db } from './db/connect.js';
import { documentsExtension } from './documents/documents.extension.js';
import type { Services } from './http/context.js';
import { createViews } from './http/view.js';
import { notificationsExtension } from './notifications/notifications.extension.js';
import { PlanService, type Clock, type PlanExtensions } from './plans/plan.service.js';
import { reportsExtension } from './reports/reports.extension.js';
import { webhooksExtension } from './webhooks/webhooks.extension.js';

// Everything the application runs on, built once: by the server, and by the
// tests on a temporary database. Extensions join the plan service here.

export function createServices(db: Db, config: Config, clock: Clock = () => new Date()): Services {
  const views = createViews(path.join(ROOT, 'templates'));
  const extensions = [documentsExtension({ settings: config }), notificationsExtension({ config }), reportsExtension(), webhooksExtension()];
  const merged: PlanExtensions = {
    lookups: Object.assign({}, ...extensions.map((e) => e.lookups ?? {})),
    onTransition: extensions.flatMap((e) => e.onTransition ?? []),
    onCreate: extensions.flatMap((e) => e.onCreate ?? []),
  };
  return { db, config, clock, views, plans: new PlanService(db, clock, merged) };
}
