import { Hono } from 'hono';
import type { AppEnv } from '../http/context.js';
import { parseOrRefuse, readJsonObject } from '../http/api/request.js';
import { requireUser } from '../http/render.js';
import { costingRequestSchema } from './costing.schema.js';
import { costingResult } from './costing.service.js';

// POST /api/v1/costing (DESIGN section 10): a signed-in write like any other
// (the CSRF middleware checks X-CSRF-Token), though it changes nothing stored.

export const costingApi = new Hono<AppEnv>()
  .post('/v1/costing', async (c) => {
    requireUser(c);
    const request = parseOrRefuse(costingRequestSchema, await readJsonObject(c));
    return c.json(costingResult(request, c.get('services').clock()));
  });
