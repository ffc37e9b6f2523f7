import { Hono, type Context } from 'hono';
import { parsePayload, userEventTypes, type UserEventType } from '../../domain/events.js';
import { currentTerms } from '../../../workflows/plan.machine.js';
import type { AppEnv } from '../context.js';
import { eventHref } from '../links.js';
import { decidesOn, eventForms, isOwnPageEvent, mayDraft, type OwnPageEvent } from '../forms/events.form.js';
import { one, payloadOf, storedValues, text, typedValues } from '../forms/fields.js';
import {
  blankForm, doneHref, formBody, isSaveDraft, keepDraft, openPlan, postedVersion, renderForm, requireEvent, requireEventAt, startingValues,
  submit, type FormState, type OpenPlan,
} from '../forms/form-page.js';
import { agendaSummary } from '../../presenters/agenda.presenter.js';
import { agreedPositions } from '../../presenters/agreed-agenda.js';
import { sinceYouActed } from '../../presenters/since.presenter.js';
import type { PlanEvent } from '../../../workflows/plan.types.js';
import { isLegacyPlan } from '../../../workflows/plan.versions.js';
import {
  afterIdeaPage, ideaPage, ideaPages, ideaRows, ideaTasks, missingIdeaLinks, peopleRows, storedIdea, type IdeaPage,
} from '../forms/idea.form.js';
import { termsRoutes } from './terms.routes.js';
import { accountToConfirm } from '../forms/supervisor-account.js';
import { londonDate } from '../../../workflows/plan.dates.js';

// The form of every event of a plan (DESIGN section 5); the terms have their own routes (terms.routes.ts). Each page asks the
// machine whether this person may use it now; each POST goes through the plan
// service, which validates the payload and refuses what the process forbids.

type Ctx = Context<AppEnv>;

const ideaForm = (c: Ctx, page: IdeaPage, fromCheck: boolean) => (open: OpenPlan, state: FormState, status = 200) => {
  const errors = Array.isArray(state.errors) ? {} : state.errors;
  return renderForm(c, open, `forms/idea-${page.slug}`, page.title, state, {
    action: `${eventHref(open.id, 'UPDATE_IDEA')}/${page.slug}`, fromCheck,
    backLink: fromCheck
      ? { href: eventHref(open.id, 'SUBMIT_FOR_AGREEMENT'), text: 'Back to check your answers' }
      : { href: eventHref(open.id, 'UPDATE_IDEA'), text: 'Back to your research idea' },
    step: ideaPages.indexOf(page) + 1, steps: ideaPages.length,
    ...(page.slug === 'people' ? { people: peopleRows(state.values, errors) } : {}),
  }, status);
};

const ideaCheck = (c: Ctx) => (open: OpenPlan, state: FormState, status = 200) =>
  renderForm(c, open, 'forms/idea-check', 'Check your research idea before you send it', state, {
    rows: ideaRows(open.snapshot.context, open.id), action: eventHref(open.id, 'SUBMIT_FOR_AGREEMENT'),
    resubmitting: !isLegacyPlan(open.snapshot.context) && open.snapshot.context.submissions.length > 0,
  }, status);

const since = (c: Ctx, open: OpenPlan) =>
  sinceYouActed(c.get('services').db.kysely, open.id, open.actor.userId, open.row.version, open.snapshot.context);

const eventForm = (c: Ctx, type: OwnPageEvent, more: object = {}) => async (open: OpenPlan, state: FormState, status = 200) =>
  renderForm(c, open, eventForms[type].template, eventForms[type].title, state, {
    ...more,
    action: eventHref(open.id, type), canSaveDraft: mayDraft(type),
    ...(await eventForms[type].extra?.(c.get('services').db.kysely, open) ?? {}),
    ...(decidesOn.has(type) ? { since: await since(c, open), agenda: agendaForDecision(c, open) } : {}),
    // Whether the machine would take this person's acceptance of the latest terms now (every point agreed).
    ...(type === 'ACCEPT_TERMS' ? { mayAcceptNow: mayAcceptNow(open) } : {}),
  }, status);

/** The agenda as the person deciding reads it: where each point stands, and each agreed position. */
const agendaForDecision = (c: Ctx, open: OpenPlan) => {
  const summary = agendaSummary(open.snapshot.context, open.id, open.actor.role);
  return summary && { ...summary, points: agreedPositions(open.snapshot.context) };
};

function mayAcceptNow(open: OpenPlan): boolean {
  const latest = currentTerms(open.snapshot.context)?.version ?? 0;
  return open.snapshot.can({ type: 'ACCEPT_TERMS', termsVersion: latest, actor: open.actor, at: new Date().toISOString() } as PlanEvent);
}

/** The form type in the address, or undefined for one that is not an event. */
const eventType = (text: string): UserEventType | undefined => userEventTypes.find((type) => type === text);

export const stepRoutes = new Hono<AppEnv>()
  .route('/', termsRoutes)
  // The research idea: an index, four pages that each save, and a check page that sends it.
  .get('/plans/:id/idea', async (c) => {
    const open = await openPlan(c, c.req.param('id'));
    requireEvent(open, 'UPDATE_IDEA');
    return renderForm(c, open, 'forms/idea-index', 'Your research idea', blankForm(), {
      tasks: ideaTasks(open.id, open.snapshot.context),
      checkHref: eventHref(open.id, 'SUBMIT_FOR_AGREEMENT'),
      mayCheck: open.available.includes('SUBMIT_FOR_AGREEMENT'),
    });
  })
  .get('/plans/:id/idea/check', async (c) => {
    const open = await openPlan(c, c.req.param('id'));
    requireEvent(open, 'SUBMIT_FOR_AGREEMENT');
    return ideaCheck(c)(open, blankForm());
  })
  .post('/plans/:id/idea/check', async (c) => {
    const [open, body] = await Promise.all([openPlan(c, c.req.param('id')), formBody(c)]);
    const fields = { comment: text };
    return submit(c, open, {
      type: 'SUBMIT_FOR_AGREEMENT', fields, body, payload: payloadOf(fields, body), done: doneHref(open.id, 'SUBMIT_FOR_AGREEMENT'),
      rerender: ideaCheck(c), errorsFor: (errors) => missingIdeaLinks(open.id, errors),
    });
  })
  .get('/plans/:id/idea/:page', async (c) => {
    const page = ideaPage(c.req.param('page'));
    if (!page) return c.notFound();
    const open = await openPlan(c, c.req.param('id'));
    requireEvent(open, 'UPDATE_IDEA');
    return ideaForm(c, page, c.req.query('from') === 'check')(open, blankForm(storedValues(page.fields, storedIdea(open.snapshot.context))));
  })
  .post('/plans/:id/idea/:page', async (c) => {
    const page = ideaPage(c.req.param('page'));
    if (!page) return c.notFound();
    const [open, body] = await Promise.all([openPlan(c, c.req.param('id')), formBody(c)]);
    const fromCheck = one(body, 'from') === 'check';
    return submit(c, open, {
      type: 'UPDATE_IDEA', fields: page.fields, body, payload: payloadOf(page.fields, body),
      done: afterIdeaPage(open.id, page.slug, fromCheck), rerender: ideaForm(c, page, fromCheck),
    });
  })

  // Every other event: one page each.
  .get('/plans/:id/events/:type', async (c) => {
    const type = eventType(c.req.param('type'));
    if (!type) return c.notFound();
    if (!isOwnPageEvent(type)) return c.redirect(eventHref(c.req.param('id'), type), 303);
    const open = await openPlan(c, c.req.param('id'));
    requireEvent(open, type);
    // A choice may arrive chosen in the address (the documents page links to a new version of one kind).
    const chosen = type === 'REISSUE_DOCUMENT' && c.req.query('kind') ? { kind: c.req.query('kind') } : {};
    const initial = { ...eventForms[type].initial?.(open.snapshot.context), ...chosen };
    return eventForm(c, type)(open, mayDraft(type) ? await startingValues(c, open, type, initial) : blankForm(initial));
  })
  .post('/plans/:id/events/:type', async (c) => {
    const type = eventType(c.req.param('type'));
    if (!type || !isOwnPageEvent(type)) return c.notFound();
    const [open, body] = await Promise.all([openPlan(c, c.req.param('id')), formBody(c)]);
    const { fields } = eventForms[type];
    if (mayDraft(type) && isSaveDraft(body)) return keepDraft(c, open, type, typedValues(fields, body));
    if (type === 'SCHEDULE_MEETING') {
      // Answers that are right otherwise, with a supervisor's account not yet confirmed: show whose it is and ask.
      const version = postedVersion(body);
      requireEventAt(open, type, version);
      const { db, clock } = c.get('services');
      const account = parsePayload(type, payloadOf(fields, body), londonDate(clock().toISOString())).ok ? await accountToConfirm(db.kysely, body, open.snapshot.context.meeting?.supervisorUserId) : undefined;
      if (account) return eventForm(c, type, { account })(open, { values: typedValues(fields, body), errors: {}, ...(version === undefined ? {} : { version }) });
    }
    return submit(c, open, {
      type, fields, body, payload: payloadOf(fields, body), done: doneHref(open.id, type), rerender: eventForm(c, type),
    });
  });
