import { Hono } from 'hono';
import { availableEvents } from '../../workflows/plan.decide.js';
import { costingChoices } from '../costing/costing.form.js';
import { actorOf, type AppEnv } from '../http/context.js';
import { planHref } from '../http/links.js';
import { renderPage, requireUser } from '../http/render.js';
import { readOptions } from './what-if.options.js';

// /plans/:id/what-if: a GET form (no JavaScript needed) comparing up to three
// options side by side with their costs and the scheme's checks. "Use this
// option" opens the terms form filled in with it, for whoever may propose terms.

export const whatIfRoutes = new Hono<AppEnv>()
  .get('/plans/:id/what-if', async (c) => {
    const user = requireUser(c);
    const { plans, clock } = c.get('services');
    const { row, snapshot } = await plans.load(c.req.param('id'), actorOf(user));
    const options = readOptions(c.req.query(), snapshot.context, row.id, clock());
    const errors = Object.assign({}, ...options.map((o) => o.errors)) as Record<string, string>;
    const mayPropose = availableEvents(snapshot, actorOf(user)).includes('PROPOSE_TERMS');
    return renderPage(c, 'what-if', {
      title: 'Compare options', plan: { title: snapshot.context.title, href: planHref(row.id) },
      action: `${planHref(row.id)}/what-if`, options, errors, choices: costingChoices, mayPropose,
      compared: options.some((o) => o.result),
      backLink: { href: planHref(row.id), text: 'Back to the plan' },
    }, Object.keys(errors).length ? 422 : 200);
  });
