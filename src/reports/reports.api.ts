import { Hono } from 'hono';
import { NotAllowedError } from '../plans/errors.js';
import type { AppEnv } from '../http/context.js';
import { parseOrRefuse } from '../http/api/request.js';
import { requireUser } from '../http/render.js';
import { pipelineReport } from './pipeline.js';
import { reportRangeSchema } from './report-range.js';
import { seesReports } from './reports-access.js';

// GET /api/v1/reports/pipeline (DESIGN section 13): the caller's own trust only.

export const reportsApi = new Hono<AppEnv>()
  .get('/v1/reports/pipeline', async (c) => {
    const user = requireUser(c);
    if (!seesReports(user)) throw new NotAllowedError("Reports are for the trust's R&D leads and administrators.");
    const range = parseOrRefuse(reportRangeSchema, c.req.query());
    const { db, clock } = c.get('services');
    return c.json(await pipelineReport(db.kysely, user.organisationId, range, clock()));
  });
