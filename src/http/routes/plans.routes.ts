import { Hono } from 'hono';
import { listUsers } from '../../accounts/accounts.repository.js';
import { listEvents } from '../../plans/plan.repository.js';
import { lastSeenVersion, recordView } from '../../plans/views.repository.js';
import { InvalidInputError, NotAllowedError, PlanNotFoundError } from '../../plans/errors.js';
import { mayStartPlans } from '../../../workflows/plan.participants.js';
import type { PlanSnapshot } from '../../../workflows/plan.status.js';
import type { Actor } from '../../../workflows/plan.types.js';
import { peopleInHistory, presentHistory, type HistoryReader } from '../../presenters/history.presenter.js';
import { namesOf, type Names } from '../../presenters/people.js';
import { confirmationOf, peopleIn, presentPlan } from '../../presenters/plan.presenter.js';
import { readerOf } from '../../presenters/plan-summary.presenter.js';
import { stepPage } from '../../presenters/step-page.presenter.js';
import { hasRecords, isStep } from '../../presenters/steps.presenter.js';
import { planDocuments } from '../../documents/plan-documents.js';
import { planTimeline } from '../../planning/plan-timeline.js';
import { timelineView } from '../../planning/timeline.presenter.js';
import { actorOf, type AppEnv } from '../context.js';
import { field, readForm } from '../body.js';
import { planHref } from '../links.js';
import { renderPage, requireUser } from '../render.js';
import type { Context } from 'hono';

// Starting a plan, the plan page, each step's own page and the plan's history.

async function newPlanPage(c: Context<AppEnv>, values: Record<string, string>, errors: Record<string, string>, status = 200) {
  const user = requireUser(c);
  if (!mayStartPlans(actorOf(user))) throw new NotAllowedError('Only a clinician can start a plan.');
  const managers = await listUsers(c.get('services').db.kysely, user.organisationId, 'manager');
  return renderPage(c, 'plan-new', {
    title: 'Start a new plan', values, errors, backLink: { href: '/', text: 'Back to your plans' },
    managers: [{ value: '', text: 'Choose your line manager' }, ...managers.map((m) => ({ value: m.id, text: m.name }))],
  }, status);
}

/** The history's reader: their own events read "you", and statuses are in their words. */
const historyReader = (s: PlanSnapshot, actor: Actor, names: Names): HistoryReader => ({ userId: actor.userId, words: readerOf(s, actor, names) });

/** What others did since this person last opened the plan, newest first; opening it now counts as looking. */
async function sinceLastLooked(c: Context<AppEnv>, s: PlanSnapshot, version: number, actor: Actor) {
  const { db, clock } = c.get('services');
  const planId = s.context.planId;
  const seen = await lastSeenVersion(db.kysely, actor.userId, planId);
  if (seen === null || seen < version) await recordView(db.kysely, actor.userId, planId, version, clock().toISOString());
  if (seen === null || seen >= version) return null;
  const events = (await listEvents(db.kysely, planId)).filter((e) => e.seq > seen && e.actor_id !== actor.userId);
  if (!events.length) return null;
  const names = await namesOf(db.kysely, [...peopleInHistory(events), ...peopleIn(s)]);
  const all = presentHistory(events, names, historyReader(s, actor, names));
  return { items: all.slice(0, 5), more: all.length > 5 ? all.length - 5 : 0 };
}

/** The funding call's timeline matters until the application is sent; after that it is history. */
const plansForTheCall = (s: PlanSnapshot) => s.status === 'active' && !s.matches({ application: 'submitted' }) && !s.matches('awarded');

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
    const timing = { dueAt: row.due_at, now: clock(), deadlineWarningWeeks: config.DEADLINE_WARNING_WEEKS };
    const documents = await planDocuments(db.kysely, snapshot, actor, clock().toISOString());
    const plan = presentPlan(snapshot, row.id, row.version, actor, names, timing, documents);
    const news = await sinceLastLooked(c, snapshot, row.version, actor);
    const timeline = plansForTheCall(snapshot) ? timelineView(await planTimeline(db.kysely, snapshot, clock())) : null;
    return renderPage(c, 'plan', {
      title: plan.title, plan, news, timeline, whatIfHref: snapshot.status === 'active' ? `${planHref(row.id)}/what-if` : null,
      confirmation: confirmationOf(c.req.query('done'), plan),
      backLink: { href: '/', text: 'Back to your plans' },
    });
  })
  .get('/plans/:id/steps/:step', async (c) => {
    const user = requireUser(c);
    const { db, plans } = c.get('services');
    const { row, snapshot, actor } = await plans.load(c.req.param('id'), actorOf(user));
    const step = c.req.param('step');
    if (!isStep(step) || !hasRecords(snapshot, step)) throw new PlanNotFoundError();
    const names = await namesOf(db.kysely, peopleIn(snapshot));
    const page = stepPage(snapshot, step, row.id, actor!, names);
    return renderPage(c, 'plan-step', {
      title: `${page.title}: ${row.title}`, heading: page.title, planTitle: row.title, page,
      backLink: { href: planHref(row.id), text: 'Back to the plan' },
    });
  })
  .get('/plans/:id/history', async (c) => {
    const user = requireUser(c);
    const { db, plans } = c.get('services');
    const { row, snapshot, actor } = await plans.load(c.req.param('id'), actorOf(user));
    const events = await listEvents(db.kysely, row.id);
    const names = await namesOf(db.kysely, [...peopleInHistory(events), ...peopleIn(snapshot)]);
    return renderPage(c, 'history', {
      title: `History of ${row.title}`, planTitle: row.title, planHref: planHref(row.id),
      events: presentHistory(events, names, historyReader(snapshot, actor!, names)), backLink: { href: planHref(row.id), text: 'Back to the plan' },
    });
  });
