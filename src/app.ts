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
import { sessionRoutes } from './http/routes/sessions.routes.js';
import { authRoutes } from './http/routes/auth.routes.js';
import { dashboardRoutes } from './http/routes/dashboard.routes.js';
import { operationsRoutes, type Lifecycle } from './http/routes/operations.routes.js';
import { planRoutes } from './http/routes/plans.routes.js';
import { stepRoutes } from './http/routes/steps.routes.js';
import { agendaRoutes } from './http/routes/agenda.routes.js';
import { processRoutes } from './http/routes/process.routes.js';
import { coverRoutes } from './http/routes/cover.routes.js';
import { documentRoutes } from './http/routes/documents.routes.js';
import { notificationRoutes } from './http/routes/notifications.routes.js';
import { apiRoutes } from './http/api/api.routes.js';
import { accountRoutes } from './http/routes/account.routes.js';
import { oidcRoutes } from './oidc/oidc.routes.js';
import { adminRoutes } from './admin/admin.routes.js';
import { leadTimesRoutes } from './planning/lead-times.routes.js';
import { whatIfRoutes } from './what-if/what-if.routes.js';
import { bearerTokens } from './tokens/bearer.middleware.js';
import { reportRoutes } from './reports/reports.routes.js';
import { tokenRoutes } from './tokens/tokens.routes.js';
import { webhookRoutes } from './webhooks/webhooks.routes.js';
import { servicePageRoutes } from './service-pages/service-pages.routes.js';
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
  app.use('/api/v1/*', bearerTokens());
  app.use(csrf());

  app.route('/', authRoutes);
  app.route('/', sessionRoutes);
  app.route('/', dashboardRoutes);
  app.route('/', servicePageRoutes);
  app.route('/', planRoutes);
  app.route('/', stepRoutes);
  app.route('/', agendaRoutes);
  app.route('/', processRoutes);
  app.route('/', coverRoutes);
  app.route('/', documentRoutes);
  app.route('/', notificationRoutes);
  app.route('/', accountRoutes);
  app.route('/', oidcRoutes);
  app.route('/', adminRoutes);
  app.route('/', leadTimesRoutes);
  app.route('/', whatIfRoutes);
  app.route('/', reportRoutes);
  app.route('/', tokenRoutes);
  app.route('/', webhookRoutes);
  app.route('/api', apiRoutes);

  app.notFound((c) => errorPage(c, 404, 'Page not found', 'If you typed the web address, check it is correct.'));
  app.onError(handleError);
  return app;
}
