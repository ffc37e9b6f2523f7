import { Hono } from 'hono';
import { mayStartPlans } from '../../../workflows/plan.participants.js';
import { documentsAwaiting } from '../../documents/plan-documents.js';
import { stateLabels, stepLabels } from '../../../workflows/plan.labels.js';
import { steps } from '../../../workflows/plan.types.js';
import type { Kysely } from 'kysely';
import { findUserById, toUser, type User } from '../../accounts/accounts.repository.js';
import type { Database } from '../../db/database.js';
import { coveredBy } from '../../plans/covers.repository.js';
import { londonDate } from '../../../workflows/plan.dates.js';
import { listPlans, plansAwaiting, plansNeedingHelp, type PlanListRow } from '../../plans/plan.queries.js';
import { formatDate, formatWait } from '../../presenters/format.js';
import { DOCUMENT_AUTHORISATION, dueAtFor } from '../../notifications/due-dates.js';
import { actorOf, type AppEnv } from '../context.js';
import { planHref } from '../links.js';
import { londonToday } from '../../planning/plan-timeline.js';
import { riskTag } from '../../planning/timeline.presenter.js';
import { renderPage, requireUser } from '../render.js';

// "Waiting for you" and "Your plans"; R&D leads and administrators see every
// plan of their trust, filtered by step.

const PER_PAGE = 25;
/** How far a list is counted beyond the page shown; past it the page says "more than". */
const COUNT_AHEAD = 1000;
const number = (n: number) => n.toLocaleString('en-GB');

/** While someone covers for colleagues, what waits for each of them (their plans, as they would see them). */
async function coveringFor(db: Kysely<Database>, user: User, now: Date) {
  const covers = await coveredBy(db, user.id, londonDate(now.toISOString()));
  return Promise.all(covers.map(async (cover) => {
    const absent = await findUserById(db, cover.userId);
    if (!absent || absent.role !== user.role) return { name: absent?.name ?? 'A colleague', until: formatDate(cover.endsOn), plans: [] };
    const { rows } = await plansAwaiting(db, toUser(absent), { limit: 20 });
    return { name: absent.name, until: formatDate(cover.endsOn), plans: rows };
  }));
}

export const dashboardRoutes = new Hono<AppEnv>()
  .get('/', async (c) => {
    const user = requireUser(c);
    const { db, clock, config } = c.get('services');
    const actor = actorOf(user);
    const now = clock();
    const step = c.req.query('step');
    const filter = step && (step in stepLabels || step === 'closed') ? step : undefined;
    const page = Math.max(1, Number.parseInt(c.req.query('page') ?? '1', 10) || 1);
    const onlyWaiting = c.req.query('waiting') === '1';

    // awaiting_role comes from the machine's state meta, and a test proves that
    // whoever a state waits on can move it on: so the list needs no snapshots.
    const awaiting = await plansAwaiting(db.kysely, user, { countUpTo: COUNT_AHEAD });
    const pointsFor = (row: PlanListRow) => (user.role === 'clinician' ? row.points_for_clinician : user.role === 'manager' ? row.points_for_manager : 0);
    const conditionsFor = (row: PlanListRow) => Number(user.role === 'clinician' ? row.conditions_for_clinician
      : user.role === 'manager' ? row.conditions_for_manager : user.role === 'rdLead' ? row.conditions_for_rd : 0);
    const waiting = awaiting.rows.map((row) => ({
      ...row, waited: row.waiting_since ? formatWait(row.waiting_since, now) : '',
      waitsOnYou: row.awaiting_role === user.role, pointsForYou: Number(pointsFor(row)), conditionsForYou: conditionsFor(row),
    }));
    const covering = await coveringFor(db.kysely, user, now);
    const needingHelp = await plansNeedingHelp(db.kysely, user);
    // Documents this person still has to authorise, from the documents' own columns.
    const documents = await documentsAwaiting(db.kysely, actor);
    const list = await listPlans(db.kysely, user, {
      step: filter, waiting: onlyWaiting, page, perPage: PER_PAGE, countUpTo: (page - 1) * PER_PAGE + COUNT_AHEAD,
    });
    const pages = Math.max(1, Math.ceil(list.total / PER_PAGE));
    const first = (page - 1) * PER_PAGE + 1;
    const counted = `${list.more ? 'more than ' : ''}${number(list.total)} ${list.total === 1 && !list.more ? 'plan' : 'plans'}`;
    const shown = list.rows.length === 1 ? number(first) : `${number(first)} to ${number(first + list.rows.length - 1)}`;
    const query = (p: number) => `/?${new URLSearchParams({ ...(filter ? { step: filter } : {}), ...(onlyWaiting ? { waiting: '1' } : {}), page: String(p) })}`;

    // Due dates come from the due_at column the notifications extension keeps, never from snapshots.
    const dueView = (at: string | null) => (at ? { date: formatDate(at), overdue: Date.parse(at) <= now.getTime() } : null);
    const due = (row: PlanListRow) => (row.awaiting_role ? dueView(row.due_at) : null);
    // At risk or late for the funding call: from the days plan_timelines keeps, compared with today.
    const today = londonToday(now);
    const risk = (row: PlanListRow) => (row.late_on && today >= row.late_on ? riskTag('late')
      : row.at_risk_on && today >= row.at_risk_on ? riskTag('at-risk') : null);
    const describe = (row: PlanListRow) => ({
      title: row.title, href: planHref(row.id), clinician: row.clinician_name, manager: row.manager_name,
      status: stateLabels[row.state]?.status ?? row.state, updated: formatDate(row.updated_at), due: due(row), risk: risk(row),
    });
    return renderPage(c, 'dashboard', {
      title: 'Your plans',
      heading: user.role === 'rdLead' || user.role === 'admin' ? 'Plans in your trust' : 'Your plans',
      mayStartPlans: mayStartPlans(actor),
      seesTrust: user.role === 'rdLead' || user.role === 'admin',
      waiting: waiting.map((row) => ({ ...describe(row), waited: row.waited, waitsOnYou: row.waitsOnYou, pointsForYou: row.pointsForYou, conditionsForYou: row.conditionsForYou })),
      covering: covering.map((cover) => ({ ...cover, plans: cover.plans.map(describe) })),
      needingHelp: needingHelp.map((row) => ({ ...describe(row), askedOn: formatDate(row.rd_help_since!) })),
      disagreementDays: config.DUE_DAYS_DISAGREEMENT,
      waitingTotal: `${awaiting.more ? 'More than ' : ''}${number(awaiting.total)}`,
      waitingMore: awaiting.more || awaiting.total > waiting.length,
      onlyWaiting,
      documentsWaiting: documents.map((d) => ({ ...d, issued: formatDate(d.issuedAt), due: dueView(dueAtFor(DOCUMENT_AUTHORISATION, d.issuedAt, config)) })),
      plans: list.rows.map(describe),
      total: counted,
      pastTheEnd: list.rows.length === 0 && list.total > 0,
      filters: [{ value: '', text: 'All steps' }, ...steps.map((s) => ({ value: s, text: stepLabels[s].title })), { value: 'closed', text: 'Finished or closed' }],
      filter: filter ?? '',
      pagination: {
        previous: page > 1 ? { href: query(page - 1), text: `Page ${page - 1}` } : null,
        next: page < pages || list.more ? { href: query(page + 1), text: `Page ${page + 1}` } : null,
        firstHref: query(1),
        label: `Showing ${shown} of ${counted} (page ${list.more ? page : `${page} of ${pages}`}).`,
      },
    });
  });
