import { createRequire } from 'node:module';
import path from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv, Services } from './http/context.js';
import { errorPage, handleError } from './http/errors.js';
import { csrf } from './http/middleware/csrf.js';
import { requestLog } from './http/middleware/request-log.js';
import { securityHeaders } from './http/middleware/security.js';
import { session } from './http/middleware/session.js';
import { accountRoutes } from './http/routes/account.routes.js';
import { authRoutes } from './http/routes/auth.routes.js';
import { dashboardRoutes } from './http/routes/dashboard.routes.js';
import { operationsRoutes, type Lifecycle } from './http/routes/operations.routes.js';
import { planRoutes } from './http/routes/plans.routes.js';
import { stepRoutes } from './http/routes/steps.routes.js';
import { documentRoutes } from './http/routes/documents.routes.js';
import { notificationRoutes } from './http/routes/notifications.routes.js';
import { apiRoutes } from './http/api/api.routes.js';
import { ROOT } from './paths.js';

export { ROOT };
const NHS_ASSETS = path.join(path.dirname(createRequire(import.meta.url).resolve('nhsuk-frontend/package.json')), 'dist', 'nhsuk');

/** The whole web application, built from its services: read top to bottom, it is the order a request takes. */
export function createApp(services: Services, lifecycle: Lifecycle = { draining: () => false }) {
  const app = new Hono<AppEnv>();

  app.use(async (c, next) => { c.set('services', services); await next(); });
  app.use(requestLog());
  app.use(securityHeaders());
  app.route('/', operationsRoutes(lifecycle));

  app.get('/assets/app.js', serveStatic({ root: path.join(ROOT, 'public'), rewriteRequestPath: () => '/app.js' }));
  app.use('/assets/*', serveStatic({
    root: NHS_ASSETS,
    rewriteRequestPath: (p) => (p.startsWith('/assets/images/') ? p : p.replace(/^\/assets/, '')),
  }));

  const limitBody = bodyLimit({ maxSize: services.config.BODY_LIMIT_KB * 1024, onError: (c) => errorPage(c as never, 413, 'Too much data', 'What you sent is larger than this service accepts.') });
  // Only where a body is read: asking a GET for its body makes the Node adapter build a whole Request.
  app.use((c, next) => (c.req.method === 'GET' || c.req.method === 'HEAD' ? next() : limitBody(c, next)));
  app.use(session());
  app.use(csrf());

  app.route('/', authRoutes);
  app.route('/', accountRoutes);
  app.route('/', dashboardRoutes);
  app.route('/', planRoutes);
  app.route('/', stepRoutes);
  app.route('/', documentRoutes);
  app.route('/', notificationRoutes);
  app.route('/api', apiRoutes);

  app.notFound((c) => errorPage(c, 404, 'Page not found', 'If you typed the web address, check it is correct.'));
  app.onError(handleError);
  return app;
}
