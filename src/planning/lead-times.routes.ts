import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { form, wholeNumber } from '../domain/fields.js';
import { toFieldErrors } from '../domain/events.js';
import type { AppEnv } from '../http/context.js';
import { field, readForm } from '../http/body.js';
import { errorPage } from '../http/errors.js';
import { renderPage, requireUser } from '../http/render.js';
import { adminNav } from '../admin/admin-nav.js';
import { hasOwnLeadTimes, leadTimesOf, saveLeadTimes } from './lead-times.repository.js';
import { refreshTrustTimelines } from './planning.extension.js';
import { defaultLeadTimes, timelineStepLabels, timelineSteps, type LeadTimes } from './timeline.js';

// /admin/lead-times: a trust's administrators set how many working days each
// internal step usually takes; plans then plan back from their call deadline
// with them. (The admin console at /admin will link here.)

const leadTimesSchema = form(Object.fromEntries(timelineSteps.map((step) =>
  [step, wholeNumber(`the working days for ${timelineStepLabels[step].charAt(0).toLowerCase()}${timelineStepLabels[step].slice(1)}`, 0, 120, ' working days')])) as Record<keyof LeadTimes, ReturnType<typeof wholeNumber>>);

const hints: Record<keyof LeadTimes, string> = {
  managerDecision: 'From the idea reaching the manager to their decision.',
  terms: 'From the manager agreeing in principle to both sides accepting the terms.',
  rdReview: 'From the terms being accepted to R&D signing off.',
  financeCheck: "The trust's finance team checking the application's costs.",
  universityOffice: "The host university's research office approving the application.",
  signatures: 'Everyone signing the agreement and the letters before the application goes in.',
};

type Ctx = Context<AppEnv>;

function requireAdmin(c: Ctx) {
  const user = requireUser(c);
  return user.role === 'admin' ? user : null;
}

async function page(c: Ctx, values: Record<string, string>, errors: Record<string, string>, status = 200, saved: number | null = null) {
  const user = requireUser(c);
  const usingDefaults = !(await hasOwnLeadTimes(c.get('services').db.kysely, user.organisationId));
  return renderPage(c, 'admin/lead-times', {
    title: 'Lead times for planning back from the deadline', nav: adminNav('lead-times'), values, errors, saved, usingDefaults,
    steps: timelineSteps.map((step) => ({ name: step, label: timelineStepLabels[step], hint: `${hints[step]} The default is ${defaultLeadTimes[step]}.` })),
    backLink: { href: '/', text: 'Back to your plans' },
  }, status);
}

export const leadTimesRoutes = new Hono<AppEnv>()
  .get('/admin/lead-times', async (c) => {
    const admin = requireAdmin(c);
    if (!admin) return errorPage(c, 404, 'Page not found', 'If you typed the web address, check it is correct.');
    const current = await leadTimesOf(c.get('services').db.kysely, admin.organisationId);
    const saved = c.req.query('saved');
    return page(c, Object.fromEntries(timelineSteps.map((s) => [s, String(current[s])])), {}, 200, saved && /^\d+$/.test(saved) ? Number(saved) : null);
  })
  .post('/admin/lead-times', async (c) => {
    const admin = requireAdmin(c);
    if (!admin) return errorPage(c, 404, 'Page not found', 'If you typed the web address, check it is correct.');
    const body = await readForm(c);
    const typed = Object.fromEntries(timelineSteps.map((s) => [s, field(body, s).trim()]));
    const input = Object.fromEntries(Object.entries(typed).map(([k, v]) => [k, /^\d+$/.test(v) ? Number(v) : v === '' ? undefined : v]));
    const parsed = leadTimesSchema.safeParse(input);
    if (!parsed.success) {
      return page(c, typed, Object.fromEntries(toFieldErrors(parsed.error).map((e) => [e.path, e.message])), 422);
    }
    const { db, clock } = c.get('services');
    const now = clock();
    await saveLeadTimes(db.kysely, admin.organisationId, parsed.data as LeadTimes, admin.id, now.toISOString());
    const replanned = await refreshTrustTimelines(db.kysely, admin.organisationId, now);
    return c.redirect(`/admin/lead-times?saved=${replanned}`, 303);
  });

export type LeadTimesForm = z.infer<typeof leadTimesSchema>;
