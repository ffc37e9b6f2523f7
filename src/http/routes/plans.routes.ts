import { Hono } from 'hono';
import { listUsers } from '../../accounts/accounts.repository.js';
import { eventLabels } from '../../../workflows/plan.labels.js';
import { listEvents } from '../../plans/plan.repository.js';
import { lastSeenVersion, recordView } from '../../plans/views.repository.js';
import { InvalidInputError, NotAllowedError } from '../../plans/errors.js';
import { mayStartPlans } from '../../../workflows/plan.participants.js';
import { peopleInHistory, presentHistory } from '../../presenters/history.presenter.js';
import { namesOf } from '../../presenters/people.js';
import { peopleIn, presentPlan } from '../../presenters/plan.presenter.js';
import { planDocuments } from '../../documents/plan-documents.js';
import { planTimeline } from '../../planning/plan-timeline.js';
import { timelineView } from '../../planning/timeline.presenter.js';
import { actorOf, type AppEnv } from '../context.js';
import { field, readForm } from '../body.js';
import { planHref } from '../links.js';
import { renderPage, requireUser } from '../render.js';
import type { Context } from 'hono';

// Starting a plan, the plan page and its history.

async function newPlanPage(c: Context<AppEnv>, values: Record<string, string>, errors: Record<string, string>, status = 200) {
  const user = requireUser(c);
  if (!mayStartPlans(actorOf(user))) throw new NotAllowedError('Only a clinician can start a plan.');
  const managers = await listUsers(c.get('services').db.kysely, user.organisationId, 'manager');
  return renderPage(c, 'plan-new', {
    title: 'Start a new plan', values, errors, backLink: { href: '/', text: 'Back to your plans' },
    managers: [{ value: '', text: 'Choose your line manager' }, ...managers.map((m) => ({ value: m.id, text: m.name }))],
  }, status);
}

/** What others did since this person last opened the plan, newest first; opening it now counts as looking. */
async function sinceLastLooked(c: Context<AppEnv>, planId: string, version: number, userId: string) {
  const { db, clock } = c.get('services');
  const seen = await lastSeenVersion(db.kysely, userId, planId);
  if (seen === null || seen < version) await recordView(db.kysely, userId, planId, version, clock().toISOString());
  if (seen === null || seen >= version) return null;
  const events = (await listEvents(db.kysely, planId)).filter((e) => e.seq > seen && e.actor_id !== userId);
  if (!events.length) return null;
  const names = await namesOf(db.kysely, peopleInHistory(events));
  const all = presentHistory(events, names);
  return { items: all.slice(0, 5), more: all.length > 5 ? all.length - 5 : 0 };
}

export const planRoutes = new Hono<AppEnv>()
  .get('/plans/new', (c) => newPlanPage(c, {}, {}))
  .post('/plans', async (c) => {
    const user = requireUser(c);
    const body = await readForm(c);
    const values = { title: field(body, 'title'), managerId: field(body, 'managerId') };
    try {
      const plan = await c.get('services').plans.create(actorOf(user), values);
      return c.redirect(`${planHref(plan.id)}?done=PLAN_CREATED`, 303);
    } catch (error) {
      if (!(error instanceof InvalidInputError)) throw error;
      return newPlanPage(c, values, Object.fromEntries(error.errors.map((e) => [e.path, e.message])), 422);
    }
  })
  .get('/plans/:id', async (c) => {
    const user = requireUser(c);
    const { db, plans, clock, config } = c.get('services');
    const loaded = await plans.load(c.req.param('id'), actorOf(user));
    const { row, snapshot } = loaded;
    const actor = loaded.actor!;
    const names = await namesOf(db.kysely, peopleIn(snapshot));
    const done = c.req.query('done');
    const timing = { dueAt: row.due_at, now: clock(), deadlineWarningWeeks: config.DEADLINE_WARNING_WEEKS };
    const documents = await planDocuments(db.kysely, snapshot, actor, clock().toISOString());
    const plan = presentPlan(snapshot, row.id, row.version, actor, names, timing, documents);
    const news = await sinceLastLooked(c, row.id, row.version, user.id);
    const timeline = timelineView(await planTimeline(db.kysely, snapshot, clock()));
    return renderPage(c, 'plan', {
      title: plan.title, plan, news, timeline, whatIfHref: snapshot.status === 'active' ? `${planHref(row.id)}/what-if` : null,
      flash: done === 'DRAFT_SAVED' ? 'Your answers are saved. Only you can see them: open the form again to finish and send it.'
        : done && done in eventLabels ? eventLabels[done as keyof typeof eventLabels].confirmation : null,
      backLink: { href: '/', text: 'Back to your plans' },
    });
  })
  .get('/plans/:id/history', async (c) => {
    const user = requireUser(c);
    const { db, plans } = c.get('services');
    const { row } = await plans.load(c.req.param('id'), actorOf(user));
    const events = await listEvents(db.kysely, row.id);
    const names = await namesOf(db.kysely, peopleInHistory(events));
    return renderPage(c, 'history', {
      title: `History of ${row.title}`, planTitle: row.title, planHref: planHref(row.id),
      events: presentHistory(events, names), backLink: { href: planHref(row.id), text: 'Back to the plan' },
    });
  });
