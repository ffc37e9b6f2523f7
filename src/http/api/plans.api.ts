import { Hono } from 'hono';
import { eventEnvelopeSchema, plansQuerySchema, type HistoryEvent, type PlanResponse } from '../../domain/api.js';
import { listPlans } from '../../plans/plan.queries.js';
import { listEvents, type PlanEventRow } from '../../plans/plan.repository.js';
import { availableEvents } from '../../../workflows/plan.decide.js';
import { statusOf } from '../../../workflows/plan.status.js';
import type { Role } from '../../domain/options.js';
import { actorOf, type AppEnv } from '../context.js';
import { requireUser } from '../render.js';
import { agendaData, planData } from './plan-data.js';
import { planChecks } from '../../schemes/checks.js';
import { planTimeline } from '../../planning/plan-timeline.js';
import { parseOrRefuse, readJsonObject } from './request.js';
import { prefersCsv } from '../accepts.js';
import { plansCsvResponse } from '../../reports/plans-export.js';

// Plans over the API. Who may see or change a plan is decided by the plan
// service and the machine, exactly as for the pages; these handlers only
// translate between JSON and the service.

const historyEvent = (row: PlanEventRow): HistoryEvent => ({
  seq: row.seq,
  type: row.type,
  actor: { userId: row.actor_id, role: row.actor_role },
  at: row.at,
  stateBefore: row.state_before,
  stateAfter: row.state_after,
  payload: JSON.parse(row.payload) as Record<string, unknown>,
});

export const plansApi = new Hono<AppEnv>()
  .post('/v1/plans', async (c) => {
    const user = requireUser(c);
    // The service checks the title and that the manager is one of the clinician's own trust.
    const created = await c.get('services').plans.create(actorOf(user), await readJsonObject(c));
    c.header('Location', `/api/v1/plans/${created.id}`);
    return c.json(created, 201);
  })
  .get('/v1/plans', async (c) => {
    const user = requireUser(c);
    const { step, page, perPage } = parseOrRefuse(plansQuerySchema, c.req.query());
    // Accept: text/csv gives every plan the caller may list, in one streamed file, not a page of them.
    if (prefersCsv(c.req.header('accept'))) return plansCsvResponse(c, c.get('services').db.kysely, user, { step }, 'plans.csv');
    const { rows, total } = await listPlans(c.get('services').db.kysely, user, { step, page, perPage });
    // Paging travels in headers so the body stays the documented `{ plans }`.
    c.header('X-Total-Count', String(total));
    if (page * perPage < total) {
      const next = new URL(c.req.url);
      next.searchParams.set('page', String(page + 1));
      c.header('Link', `<${next.pathname}${next.search}>; rel="next"`);
    }
    return c.json({
      plans: rows.map((row) => ({
        id: row.id, title: row.title, state: row.state, version: row.version,
        awaitingRole: row.awaiting_role as Role | null, updatedAt: row.updated_at,
      })),
    });
  })
  .get('/v1/plans/:id', async (c) => {
    const user = requireUser(c);
    const loaded = await c.get('services').plans.load(c.req.param('id'), actorOf(user));
    const { row, snapshot } = loaded;
    const timeline = await planTimeline(c.get('services').db.kysely, snapshot, c.get('services').clock());
    const body: PlanResponse = {
      id: row.id,
      title: snapshot.context.title,
      state: statusOf(snapshot).state,
      version: row.version,
      data: planData(snapshot.context),
      // A token only reads: there is nothing it may send. Someone covering acts as the person they cover.
      availableEvents: c.get('apiToken') ? [] : availableEvents(snapshot, loaded.actor!),
      agenda: agendaData(snapshot.context),
      checks: planChecks(snapshot.context),
      timeline: timeline?.entries ?? [],
    };
    return c.json(body);
  })
  .post('/v1/plans/:id/events', async (c) => {
    const user = requireUser(c);
    const body = await readJsonObject(c);
    parseOrRefuse(eventEnvelopeSchema, body);
    // The fields of the event are the service's to check, against the same schema as the pages.
    const { type, version, ...payload } = body as { type: string; version: number };
    const { row } = await c.get('services').plans.send(c.req.param('id'), actorOf(user), { type, version, payload });
    return c.json({ state: row.state, version: row.version });
  })
  .get('/v1/plans/:id/history', async (c) => {
    const user = requireUser(c);
    const { plans, db } = c.get('services');
    const { row } = await plans.load(c.req.param('id'), actorOf(user));
    const events = await listEvents(db.kysely, row.id);
    return c.json({ events: events.map(historyEvent) });
  });
