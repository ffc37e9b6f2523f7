import { Hono, type Context } from 'hono';
import { getCookie } from 'hono/cookie';
import type { Kysely } from 'kysely';
import { findUserById, toUser, type User } from '../../accounts/accounts.repository.js';
import { awardsSettingUp } from '../../dashboard/awards.queries.js';
import { dueDays, planRow, settingUpRow, waitingCard, type Today } from '../../dashboard/dashboard.presenter.js';
import type { Database } from '../../db/database.js';
import { agendaKeys } from '../../domain/options.js';
import { documentsAwaiting } from '../../documents/plan-documents.js';
import { DOCUMENT_AUTHORISATION, dueAtFor } from '../../notifications/due-dates.js';
import { leadTimesOf } from '../../planning/lead-times.repository.js';
import { londonToday } from '../../planning/plan-timeline.js';
import { coveredBy } from '../../plans/covers.repository.js';
import { listPlans, plansAwaiting, plansNeedingHelp } from '../../plans/plan.queries.js';
import { formatDate } from '../../presenters/format.js';
import { daysBeforeDeadline, journeySteps } from '../../service-pages/journey.js';
import { renderStartPage } from '../../service-pages/service-pages.routes.js';
import { londonDate } from '../../../workflows/plan.dates.js';
import { stepLabels } from '../../../workflows/plan.labels.js';
import { mayStartPlans } from '../../../workflows/plan.participants.js';
import { steps } from '../../../workflows/plan.types.js';
import { actorOf, type AppEnv } from '../context.js';
import { SESSION_COOKIE } from '../middleware/session.js';
import { renderPage, SignInRequiredError } from '../render.js';

// "/": the start page for visitors; for someone signed in, what waits for
// them (plans, documents to authorise, conditions to confirm), what waits for
// a colleague they cover for, and every plan they take part in. R&D leads and
// administrators see every plan of their trust, filtered by step, with the
// plans R&D was asked to help with and the awards still being set up. Someone
// with no plans yet is told what the service does and what will come to them.

const PER_PAGE = 25;
/** How far a list is counted beyond the page shown; past it the page says "more than". */
const COUNT_AHEAD = 1000;
const number = (n: number) => n.toLocaleString('en-GB');

/** While someone covers for colleagues, what waits for each of them (their plans, as they would see them). */
async function coveringFor(db: Kysely<Database>, user: User, today: Today) {
  const covers = await coveredBy(db, user.id, londonDate(today.now.toISOString()));
  return Promise.all(covers.map(async (cover) => {
    const absent = await findUserById(db, cover.userId);
    if (!absent || absent.role !== user.role) return { name: absent?.name ?? 'A colleague', until: formatDate(cover.endsOn), plans: [] };
    const { rows } = await plansAwaiting(db, toUser(absent), { limit: 20 });
    return { name: absent.name, until: formatDate(cover.endsOn), plans: rows.map((row) => planRow(user, row, today)) };
  }));
}

async function dashboard(c: Context<AppEnv>, user: User) {
  const { db, clock, config } = c.get('services');
  const actor = actorOf(user);
  const now = clock();
  const today: Today = { now, day: londonToday(now) };
  const step = c.req.query('step');
  const filter = step && (step in stepLabels || step === 'closed') ? step : undefined;
  const page = Math.max(1, Number.parseInt(c.req.query('page') ?? '1', 10) || 1);
  const onlyWaiting = c.req.query('waiting') === '1';
  const seesTrust = user.role === 'rdLead' || user.role === 'admin';

  // awaiting_role comes from the machine's state meta, and a test proves that
  // whoever a state waits on can move it on: so the list needs no snapshots.
  const awaiting = await plansAwaiting(db.kysely, user, { countUpTo: COUNT_AHEAD });
  const covering = await coveringFor(db.kysely, user, today);
  const needingHelp = await plansNeedingHelp(db.kysely, user);
  const settingUp = await awardsSettingUp(db.kysely, user);
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
  // Nothing at all yet: no plan they take part in, nothing to sign, nobody to cover for.
  const firstTime = list.total === 0 && !filter && !onlyWaiting && page === 1 && documents.length === 0 && covering.length === 0;
  const lead = firstTime ? await leadTimesOf(db.kysely, user.organisationId) : null;
  const dueView = (at: string | null) => (at ? { date: formatDate(at), overdue: Date.parse(at) <= now.getTime() } : null);

  return renderPage(c, 'dashboard', {
    title: 'Your plans',
    heading: seesTrust ? 'Plans in your trust' : 'Your plans',
    role: user.role,
    firstTime: firstTime ? {
      steps: user.role === 'clinician' ? journeySteps('clinician', lead!) : null,
      before: daysBeforeDeadline(lead!),
      due: dueDays(config),
      points: agendaKeys.length,
    } : null,
    mayStartPlans: mayStartPlans(actor),
    seesTrust,
    waiting: awaiting.rows.map((row) => waitingCard(user, row, today)),
    covering,
    needingHelp: needingHelp.map((row) => ({ ...planRow(user, row, today), askedOn: formatDate(row.rd_help_since!) })),
    settingUp: settingUp.map((row) => settingUpRow(user, row)),
    disagreementDays: workingDays(config.DUE_DAYS_DISAGREEMENT),
    waitingTotal: `${awaiting.more ? 'More than ' : ''}${number(awaiting.total)}`,
    waitingMore: awaiting.more || awaiting.total > awaiting.rows.length,
    onlyWaiting,
    documentsWaiting: documents.map((d) => ({ ...d, issued: formatDate(d.issuedAt), due: dueView(dueAtFor(DOCUMENT_AUTHORISATION, d.issuedAt, config)) })),
    plans: list.rows.map((row) => planRow(user, row, today)),
    showClinician: user.role !== 'clinician',
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
}

const workingDays = (days: number) => `${days} working ${days === 1 ? 'day' : 'days'}`;

export const dashboardRoutes = new Hono<AppEnv>()
  .get('/', (c) => {
    const user = c.get('user');
    if (user) return dashboard(c, user);
    // A browser still sending a session cookie belongs to someone whose sign-in has just ended (or who signed out
    // elsewhere): sign in again and come back here. Everyone else sees the start page.
    if (getCookie(c, SESSION_COOKIE)) throw new SignInRequiredError();
    return renderStartPage(c);
  });
