import { Hono, type Context } from 'hono';
import { agendaKeys, agendaPoints, type AgendaKey } from '../../domain/options.js';
import { ConflictError, InvalidInputError, NotAllowedError, PlanNotFoundError } from '../../plans/errors.js';
import { pointsWaitingOn } from '../../../workflows/plan.agenda.js';
import { isLegacyPlan } from '../../../workflows/plan.versions.js';
import { agendaItems, agendaSummary, peopleOnAgenda, presentPoint } from '../../presenters/agenda.presenter.js';
import { namesOf } from '../../presenters/people.js';
import { sinceYouActed } from '../../presenters/since.presenter.js';
import type { AppEnv } from '../context.js';
import { agendaHref, pointHref } from '../links.js';
import {
  errorsOfPoint, isAgendaKey, isChanged, pointInputs, proposalFrom, storedPoint, typedPoint,
} from '../forms/agenda.form.js';
import { one } from '../forms/fields.js';
import {
  blankForm, forgetDraft, formBody, isSaveDraft, keepDraft, openPlan, postedVersion, renderForm, requireEvent,
  startingValues, type FormState, type OpenPlan,
} from '../forms/form-page.js';

// The shared agenda (DESIGN section 9): an overview of every point, a page per
// point with its versions, and two forms that act on several points at once
// (propose or change any of them; answer every point waiting for you). Each
// point still records its own event, all in one transaction.

type Ctx = Context<AppEnv>;

async function openAgenda(c: Ctx): Promise<OpenPlan> {
  const open = await openPlan(c, c.req.param('id')!);
  if (isLegacyPlan(open.snapshot.context)) throw new PlanNotFoundError();
  return open;
}

const names = async (c: Ctx, open: OpenPlan) =>
  namesOf(c.get('services').db.kysely, [open.snapshot.context.clinicianId, open.snapshot.context.managerId, ...peopleOnAgenda(open.snapshot.context)]);

const since = (c: Ctx, open: OpenPlan) =>
  sinceYouActed(c.get('services').db.kysely, open.id, open.actor.userId, open.row.version, open.snapshot.context);

interface Sending {
  /** The plan version the form was rendered from. */
  version: number | undefined;
  requests: Array<{ type: string; payload: unknown }>;
  rerender: (state: FormState, status: number) => Promise<Response>;
  errorsOf: (error: InvalidInputError) => Record<string, string>;
  values: Record<string, unknown>;
  /** The draft the form was saved as, cleared once sent. */
  draft?: string;
}

/** Send the events; on a problem, the same form again with what they typed. */
async function sendAll(c: Ctx, open: OpenPlan, { version, requests, rerender, errorsOf, values, draft }: Sending): Promise<Response> {
  try {
    // A form without a version cannot show what it was based on: version 0 makes it a conflict.
    await c.get('services').plans.sendMany(open.id, open.actor, version ?? 0, requests);
    if (draft) await forgetDraft(c, open, draft);
    return c.redirect(`${agendaHref(open.id)}?done=${requests.length === 1 ? requests[0]!.type : 'AGENDA'}`, 303);
  } catch (error) {
    if (error instanceof InvalidInputError) return rerender({ values, errors: errorsOf(error), version }, 422);
    if (!(error instanceof ConflictError)) throw error;
    const conflict = { text: 'Someone else changed this plan while you were working on it', body: 'Your answers are kept below. Check them against the latest agenda, then send them again.' };
    return rerender({ values, errors: {}, conflict }, 409);
  }
}

const confirmations: Record<string, string> = {
  PROPOSE_POINT: 'Your proposal has been sent', AGREE_POINT: 'You have agreed the point', DISPUTE_POINT: 'You have said you disagree, and why',
  AGENDA: 'Your answers have been sent',
};

// --- the overview ---------------------------------------------------------------------------

async function agendaPage(c: Ctx) {
  const open = await openAgenda(c);
  const { context } = open.snapshot;
  const role = open.actor.role;
  return renderForm(c, open, 'agenda/index', 'The discussion', blankForm(), {
    items: agendaItems(context, open.id, role, await names(c, open)),
    summary: agendaSummary(context, open.id, role),
    mayPropose: open.available.includes('PROPOSE_POINT'),
    mayRespond: open.available.includes('AGREE_POINT') && pointsWaitingOn(context.agenda, role).length > 0,
    flash: confirmations[c.req.query('done') ?? ''] ?? null,
  });
}

// --- one point ------------------------------------------------------------------------------

const pointForm = (key: AgendaKey) => `PROPOSE_POINT:${key}`;
const decisionItems = [{ value: 'agree', text: 'Yes, I agree' }, { value: 'disagree', text: 'No, I disagree' }];

async function pointPage(c: Ctx, open: OpenPlan, key: AgendaKey, state: FormState & { draftSavedAt?: string }, status = 200) {
  const point = presentPoint(open.snapshot.context, key, open.actor.role, await names(c, open));
  return renderForm(c, open, 'agenda/point', point.title, state, {
    point, inputs: pointInputs(key), since: await since(c, open),
    mayPropose: open.available.includes('PROPOSE_POINT'),
    mayAnswer: point.answerable && open.available.includes('AGREE_POINT'),
    action: pointHref(open.id, key), decisionItems,
    backLink: { href: agendaHref(open.id), text: 'Back to the discussion' },
  }, status);
}

function pointKey(c: Ctx): AgendaKey {
  const key = c.req.param('point');
  if (!isAgendaKey(key)) throw new PlanNotFoundError();
  return key;
}

// --- several points in one form ------------------------------------------------------------

async function proposePage(c: Ctx, open: OpenPlan, state: FormState & { draftSavedAt?: string }, status = 200) {
  return renderForm(c, open, 'agenda/propose', 'Propose or change points', state, {
    points: agendaKeys.map((key) => pointInputs(key, true)), action: `${agendaHref(open.id)}/propose`,
    backLink: { href: agendaHref(open.id), text: 'Back to the discussion' },
  }, status);
}

async function respondPage(c: Ctx, open: OpenPlan, state: FormState, status = 200) {
  const people = await names(c, open);
  const waiting = pointsWaitingOn(open.snapshot.context.agenda, open.actor.role);
  return renderForm(c, open, 'agenda/respond', 'Respond to the points waiting for you', state, {
    points: waiting.map((key) => presentPoint(open.snapshot.context, key, open.actor.role, people)),
    since: await since(c, open), action: `${agendaHref(open.id)}/respond`, decisionItems: [...decisionItems, { value: 'later', text: 'Decide later' }],
    backLink: { href: agendaHref(open.id), text: 'Back to the discussion' },
  }, status);
}

const answerOf = (body: Record<string, string | string[]>, key: AgendaKey) => one(body, `${key}-decision`);

export const agendaRoutes = new Hono<AppEnv>()
  .get('/plans/:id/agenda', agendaPage)
  .get('/plans/:id/agenda/propose', async (c) => {
    const open = await openAgenda(c);
    requireEvent(open, 'PROPOSE_POINT');
    const initial = Object.assign({}, ...agendaKeys.map((key) => storedPoint(open.snapshot.context, key, true)));
    return proposePage(c, open, await startingValues(c, open, 'agenda', initial));
  })
  .post('/plans/:id/agenda/propose', async (c) => {
    const [open, body] = await Promise.all([openAgenda(c), formBody(c)]);
    const values = Object.assign({ comment: one(body, 'comment') ?? '' }, ...agendaKeys.map((key) => typedPoint(body, key, true)));
    if (isSaveDraft(body)) return keepDraft(c, open, 'agenda', values);
    requireEvent(open, 'PROPOSE_POINT');
    // A point whose inputs were not sent at all is left as it is; one sent changed is proposed.
    const proposals = agendaKeys.filter((key) => `${key}-position` in body)
      .map((key) => proposalFrom(body, key, true)).filter((p) => isChanged(open.snapshot.context, p));
    const rerender = (state: FormState, status: number) => proposePage(c, open, state, status);
    if (!proposals.length) {
      return rerender({ values, errors: { 'opportunity-position': 'Change at least one point before you send your proposals' }, version: postedVersion(body) }, 422);
    }
    return sendAll(c, open, {
      version: postedVersion(body), requests: proposals.map((payload) => ({ type: 'PROPOSE_POINT', payload })), rerender, values, draft: 'agenda',
      errorsOf: (error) => Object.assign({}, ...error.errors.map((e) => {
        const [index, ...path] = e.path.split('.');
        const point = proposals[Number(index)]?.point ?? 'opportunity';
        return errorsOfPoint(point, [{ path: path.join('.'), message: `${agendaPoints[point]}: ${e.message}` }], true);
      })),
    });
  })
  .get('/plans/:id/agenda/respond', async (c) => {
    const open = await openAgenda(c);
    requireEvent(open, 'AGREE_POINT');
    return respondPage(c, open, blankForm());
  })
  .post('/plans/:id/agenda/respond', async (c) => {
    const [open, body] = await Promise.all([openAgenda(c), formBody(c)]);
    requireEvent(open, 'AGREE_POINT');
    const waiting = pointsWaitingOn(open.snapshot.context.agenda, open.actor.role);
    const values = Object.fromEntries(waiting.flatMap((key) => [[`${key}-decision`, answerOf(body, key) ?? ''], [`${key}-reason`, one(body, `${key}-reason`) ?? '']]));
    const answered = waiting.filter((key) => answerOf(body, key) === 'agree' || answerOf(body, key) === 'disagree');
    const rerender = (state: FormState, status: number) => respondPage(c, open, state, status);
    if (!answered.length) {
      return rerender({ values, errors: { [`${waiting[0] ?? 'opportunity'}-decision`]: 'Agree or disagree with at least one point' }, version: postedVersion(body) }, 422);
    }
    const requests = answered.map((key) => {
      const version = Number(one(body, `${key}-version`));
      return answerOf(body, key) === 'agree'
        ? { type: 'AGREE_POINT', payload: { point: key, pointVersion: version } }
        : { type: 'DISPUTE_POINT', payload: { point: key, pointVersion: version, reason: one(body, `${key}-reason`) ?? '' } };
    });
    return sendAll(c, open, {
      version: postedVersion(body), requests, rerender, values,
      errorsOf: (error) => Object.fromEntries(error.errors.map((e) => {
        const key = answered[Number(e.path.split('.')[0])] ?? answered[0]!;
        return [`${key}-reason`, `${agendaPoints[key]}: ${e.message}`];
      })),
    });
  })
  .get('/plans/:id/agenda/:point', async (c) => {
    const open = await openAgenda(c);
    const key = pointKey(c);
    return pointPage(c, open, key, await startingValues(c, open, pointForm(key), storedPoint(open.snapshot.context, key)));
  })
  .post('/plans/:id/agenda/:point', async (c) => {
    const [open, body] = await Promise.all([openAgenda(c), formBody(c)]);
    const key = pointKey(c);
    const values = { ...typedPoint(body, key), comment: one(body, 'comment') ?? '' };
    if (isSaveDraft(body)) return keepDraft(c, open, pointForm(key), values);
    requireEvent(open, 'PROPOSE_POINT');
    return sendAll(c, open, {
      version: postedVersion(body), requests: [{ type: 'PROPOSE_POINT', payload: proposalFrom(body, key) }], values, draft: pointForm(key),
      rerender: (state, status) => pointPage(c, open, key, state, status),
      errorsOf: (error) => errorsOfPoint(key, error.errors.map((e) => ({ ...e, path: e.path.replace(/^0\./, '') }))),
    });
  })
  .post('/plans/:id/agenda/:point/answer', async (c) => {
    const [open, body] = await Promise.all([openAgenda(c), formBody(c)]);
    const key = pointKey(c);
    const decision = one(body, 'decision');
    const pointVersion = Number(one(body, 'pointVersion'));
    const values = { decision: decision ?? '', reason: one(body, 'reason') ?? '' };
    const rerender = (state: FormState, status: number) => pointPage(c, open, key, { ...state, values: { ...storedPoint(open.snapshot.context, key), ...state.values } }, status);
    if (decision !== 'agree' && decision !== 'disagree') {
      return rerender({ values, errors: { decision: 'Select whether you agree' }, version: postedVersion(body) }, 422);
    }
    const request = decision === 'agree'
      ? { type: 'AGREE_POINT', payload: { point: key, pointVersion } }
      : { type: 'DISPUTE_POINT', payload: { point: key, pointVersion, reason: values.reason } };
    if (!open.available.includes(request.type as 'AGREE_POINT')) throw new NotAllowedError();
    return sendAll(c, open, {
      version: postedVersion(body), requests: [request], rerender, values,
      errorsOf: (error) => Object.fromEntries(error.errors.map((e) => [e.path.endsWith('reason') ? 'reason' : 'decision', e.message])),
    });
  });
