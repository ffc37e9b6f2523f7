import { Hono, type Context } from 'hono';
import { parsePayload } from '../../domain/events.js';
import { currentTerms } from '../../../workflows/plan.machine.js';
import { londonDate } from '../../../workflows/plan.dates.js';
import type { AppEnv } from '../context.js';
import { eventHref } from '../links.js';
import { errorsById, one, payloadOf, postedInputs, typedValues, type FormBody } from '../forms/fields.js';
import {
  blankForm, doneHref, formBody, openPlan, postedVersion, renderForm, requireEvent, requireEventAt, submit, type FormState, type OpenPlan,
} from '../forms/form-page.js';
import { agendaSummary } from '../../presenters/agenda.presenter.js';
import { sinceYouActed } from '../../presenters/since.presenter.js';
import {
  arrangementItems, personalMessages, postedBody, roleItems, specialistItems, termsFields, termsFormValues, termsRows,
} from '../forms/terms.form.js';
import { figureRows, type TermsLike } from '../forms/terms-figures.js';
import { keepTermsDraft, termsDraft } from '../forms/terms-draft.js';
import { costingField, costingView, termsValuesFromQuery, withCostingEstimate, workOut } from '../../costing/costing.form.js';
import { checksFor } from '../../schemes/checks.js';

// PROPOSE_TERMS: the form, then a check-your-answers page (the answers carried
// in hidden fields, and kept as the person's draft so each "Change" link can
// open the form at its question and come back), then send.

type Ctx = Context<AppEnv>;

const termsHref = (planId: string) => eventHref(planId, 'PROPOSE_TERMS');
const today = (c: Ctx) => londonDate(c.get('services').clock().toISOString());

/** The terms as posted; with a costing, the estimated cost a year is the costing's. */
const postedTerms = (c: Ctx, open: OpenPlan, body: FormBody) =>
  withCostingEstimate(payloadOf(termsFields, body), open.snapshot.context.idea.schemeId, c.get('services').clock());

/** Posted terms with the costing's figures worked out, for the figures shown beside them. */
function workedOut(c: Ctx, open: OpenPlan, body: FormBody): TermsLike {
  const terms = postedTerms(c, open, body);
  const costing = workOut(terms, open.snapshot.context.idea.schemeId, c.get('services').clock());
  return costing ? { ...terms, costing } : terms;
}

interface TermsPage {
  /** The current terms' stored costing shows, not one worked out from what was typed. */
  showStored?: boolean;
  /** What the figures are worked out from: what was posted, or the stored terms. */
  figuresFrom?: TermsLike;
  fromCheck?: boolean;
  fromWhatIf?: boolean;
  draftSavedAt?: string;
}

const termsForm = (c: Ctx, page: TermsPage = {}) => async (open: OpenPlan, state: FormState, status = 200) => {
  const { context } = open.snapshot;
  const { db, clock } = c.get('services');
  const stored = page.showStored ? currentTerms(context)?.terms.costing : undefined;
  const costing = costingView(state.values, stored, context.idea.schemeId, clock(), !page.showStored);
  const values = { ...state.values, costing: state.values.costing ?? costingField.shown(undefined, 'costing').costing };
  const since = await sinceYouActed(db.kysely, open.id, open.actor.userId, open.row.version, context);
  return renderForm(c, open, 'forms/terms', 'Propose the terms', { ...state, values }, ({ theClinician }) => {
    const errors = personalMessages(Array.isArray(state.errors) ? {} : state.errors, theClinician);
    return {
      errors, action: termsHref(open.id), costingAction: `${termsHref(open.id)}/costing`, costing, canSaveDraft: true,
      since, agenda: agendaSummary(context, open.id, open.actor.role),
      roleItems: roleItems(theClinician), arrangementItems: arrangementItems(values, errors, theClinician),
      specialistItems: specialistItems(values, errors, theClinician),
      figures: figureRows(page.figuresFrom ?? {}, theClinician.Your),
      fromWhatIf: page.fromWhatIf, draftSavedAt: page.draftSavedAt, fromCheck: page.fromCheck,
      ...(page.fromCheck ? { backLink: { href: `${termsHref(open.id)}/check`, text: 'Back to check the terms' } } : {}),
    };
  }, status);
};

/** The check page for posted terms that are valid: each answer with a Change link, the figures, and the answers carried. */
function checkPage(c: Ctx, open: OpenPlan, body: FormBody, terms: Record<string, unknown>, version: number | undefined) {
  const { idea } = open.snapshot.context;
  const costing = workOut(terms, idea.schemeId, c.get('services').clock());
  const shown = { ...terms, ...(costing ? { costing } : {}) };
  const changeHref = (id: string) => `${termsHref(open.id)}?from=check#${id}`;
  return renderForm(c, open, 'forms/terms-check', 'Check the terms before you send them', { ...blankForm(), ...(version === undefined ? {} : { version }) },
    ({ theClinician }) => ({
      rows: termsRows(shown, theClinician, changeHref), figures: figureRows(shown, theClinician.Your),
      hidden: postedInputs(termsFields, body), checks: checksFor(idea, terms as never), action: `${termsHref(open.id)}/confirm`,
    }));
}

export const termsRoutes = new Hono<AppEnv>()
  .get('/plans/:id/terms', async (c) => {
    const open = await openPlan(c, c.req.param('id'));
    requireEvent(open, 'PROPOSE_TERMS');
    const draft = await termsDraft(c, open);
    if (c.req.query('from') === 'check' && draft?.body) {
      // Changing one answer from the check page: the answers being checked, at the version they started from.
      return termsForm(c, { fromCheck: true, figuresFrom: workedOut(c, open, draft.body) })(open, { values: draft.values, errors: {}, version: draft.planVersion });
    }
    // "Use this option" on the what-if page links here with the option's values in the query.
    const chosen = termsValuesFromQuery(c.req.query());
    const fromWhatIf = Object.keys(chosen).length > 0;
    const current = currentTerms(open.snapshot.context);
    // A saved draft wins over the current terms; an option chosen on the what-if page wins over both.
    const values = { ...(draft ? draft.values : termsFormValues(current)), ...chosen };
    const figuresFrom = draft?.body ? workedOut(c, open, draft.body) : fromWhatIf ? {} : current?.terms;
    return termsForm(c, { showStored: !fromWhatIf && !draft, figuresFrom, fromWhatIf, ...(draft ? { draftSavedAt: draft.savedAt } : {}) })(open, blankForm(values));
  })
  .post('/plans/:id/terms', async (c) => {
    const [open, body] = await Promise.all([openPlan(c, c.req.param('id')), formBody(c)]);
    const version = postedVersion(body);
    if (one(body, '_action') === 'save-draft') return keepTermsDraft(c, open, postedBody(body), version);
    requireEventAt(open, 'PROPOSE_TERMS', version);
    const parsed = parsePayload('PROPOSE_TERMS', postedTerms(c, open, body), today(c));
    if (!parsed.ok) {
      const state = { values: typedValues(termsFields, body), errors: errorsById(termsFields, body, parsed.errors), version };
      return termsForm(c, { figuresFrom: workedOut(c, open, body) })(open, state, 422);
    }
    // Kept for them alone, so a Change link on the check page can open the form with these answers.
    await keepTermsDraft(c, open, postedBody(body), version, { quietly: true });
    return checkPage(c, open, body, parsed.value, version);
  })
  .get('/plans/:id/terms/check', async (c) => {
    const open = await openPlan(c, c.req.param('id'));
    requireEvent(open, 'PROPOSE_TERMS');
    const draft = await termsDraft(c, open);
    const parsed = draft?.body && parsePayload('PROPOSE_TERMS', postedTerms(c, open, draft.body), today(c));
    if (!draft?.body || !parsed || !parsed.ok) return c.redirect(termsHref(open.id), 303);
    return checkPage(c, open, draft.body, parsed.value, draft.planVersion);
  })
  // The answers carried back to the form from an older check page ("Change your answers").
  .post('/plans/:id/terms/change', async (c) => {
    const [open, body] = await Promise.all([openPlan(c, c.req.param('id')), formBody(c)]);
    const version = postedVersion(body);
    requireEventAt(open, 'PROPOSE_TERMS', version);
    return termsForm(c, { figuresFrom: workedOut(c, open, body) })(open, { values: typedValues(termsFields, body), errors: {}, version });
  })
  // "Work out the cost": the same form again, with the figures and the estimated cost filled in from them.
  .post('/plans/:id/terms/costing', async (c) => {
    const [open, body] = await Promise.all([openPlan(c, c.req.param('id')), formBody(c)]);
    const version = postedVersion(body);
    requireEventAt(open, 'PROPOSE_TERMS', version);
    const values = typedValues(termsFields, body);
    const estimate = postedTerms(c, open, body).estimatedBackfillCostPerYear;
    const filled = { ...values, estimatedBackfillCostPerYear: estimate === undefined ? values.estimatedBackfillCostPerYear : String(estimate) };
    return termsForm(c, { figuresFrom: workedOut(c, open, body) })(open, { values: filled, errors: {}, version });
  })
  .post('/plans/:id/terms/confirm', async (c) => {
    const [open, body] = await Promise.all([openPlan(c, c.req.param('id')), formBody(c)]);
    // Sending clears their draft, the answers kept for the check page with it.
    return submit(c, open, {
      type: 'PROPOSE_TERMS', fields: termsFields, body, payload: postedTerms(c, open, body),
      done: doneHref(open.id, 'PROPOSE_TERMS'), rerender: termsForm(c, { figuresFrom: workedOut(c, open, body) }),
    });
  });
