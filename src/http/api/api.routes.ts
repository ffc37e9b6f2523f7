import { Hono } from 'hono';
import type { AppEnv } from '../context.js';
import { requireUser } from '../render.js';
import { openApiDocument } from './openapi.js';
import { documentsApi } from './documents.api.js';
import { notificationsApi } from './notifications.api.js';
import { plansApi } from './plans.api.js';
import { sessionApi } from './session.api.js';
import { adminApi } from '../../admin/admin.api.js';
import { coverApi } from './cover.api.js';
import { costingApi } from '../../costing/costing.api.js';
import { schemesApi } from '../../schemes/schemes.api.js';
import { reportsApi } from '../../reports/reports.api.js';
import { tokensApi } from '../../tokens/tokens.api.js';
import { webhooksApi } from '../../webhooks/webhooks.api.js';

// The JSON API v1 (DESIGN section 5), mounted at /api. Errors become
// application/problem+json in the app's one error handler (src/http/errors.ts).

export const apiRoutes = new Hono<AppEnv>()
  .get('/openapi.json', (c) => c.json(openApiDocument()))
  // Everything under /v1 needs a session, except signing in; checked once here so no route can forget.
  .use('/v1/*', async (c, next) => {
    if (!(c.req.method === 'POST' && c.req.path === '/api/v1/session')) requireUser(c);
    await next();
  })
  .route('/', sessionApi)
  .route('/', plansApi)
  .route('/', documentsApi)
  .route('/', notificationsApi)
  .route('/', adminApi)
  .route('/', coverApi)
  .route('/', schemesApi)
  .route('/', costingApi)
  .route('/', reportsApi)
  .route('/', tokensApi)
  .route('/', webhooksApi);
