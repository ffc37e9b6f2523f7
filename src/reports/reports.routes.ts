import { Hono } from 'hono';
import type { Context } from 'hono';
import { findOrganisation } from '../accounts/accounts.repository.js';
import { isCalendarDate } from '../domain/fields.js';
import type { AppEnv } from '../http/context.js';
import { dayMonthYear, isoDate, type DayMonthYear, type FormBody } from '../http/forms/fields.js';
import { PageNotFoundError } from '../http/admin-only.js';
import { renderPage, requireUser } from '../http/render.js';
import { pipelineReport } from './pipeline.js';
import { plansCsvResponse } from './plans-export.js';
import { seesReports } from './reports-access.js';
import { rangeText, reportView } from './reports.view.js';

// /reports: the trust's pipeline for its R&D leads and administrators (404 for
// anyone else), filtered by a GET form that needs no JavaScript, and the CSV of
// every plan they may list.

interface RangeInput { from: DayMonthYear; to: DayMonthYear }

/** The dates asked for: the form's day, month and year boxes, or from=YYYY-MM-DD&to=… in a link. */
function readRange(query: Record<string, string>): { input: RangeInput; range: { from?: string; to?: string }; errors: Record<string, string> } {
  const body = query as FormBody;
  const box = (name: 'from' | 'to'): DayMonthYear => {
    const linked = /^(\d{4})-(\d{2})-(\d{2})$/.exec(query[name] ?? '');
    return linked ? { year: linked[1]!, month: String(Number(linked[2])), day: String(Number(linked[3])) } : dayMonthYear(body, name);
  };
  const input = { from: box('from'), to: box('to') };
  const errors: Record<string, string> = {};
  const read = (name: 'from' | 'to', label: string) => {
    const iso = isoDate(input[name]);
    if (iso === undefined) return undefined;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(iso) || !isCalendarDate(iso)) {
      errors[name] = `The ${label} must be a real date, for example 1 4 2026`;
      return undefined;
    }
    return iso;
  };
  const range = { from: read('from', 'start date'), to: read('to', 'end date') };
  if (range.from && range.to && range.from > range.to) errors.from = 'The start date must be the same as or before the end date';
  return { input, range, errors };
}

function reportsUser(c: Context<AppEnv>) {
  const user = requireUser(c);
  if (!seesReports(user)) throw new PageNotFoundError();
  return user;
}

export const reportRoutes = new Hono<AppEnv>()
  .get('/reports', async (c) => {
    const user = reportsUser(c);
    const { db, clock } = c.get('services');
    const { input, range, errors } = readRange(c.req.query());
    const trust = await findOrganisation(db.kysely, user.organisationId);
    const page = { title: 'Reports', trust: trust?.name ?? '', values: input, csvHref: '/reports/plans.csv', backLink: { href: '/', text: 'Back to your plans' } };
    if (Object.keys(errors).length > 0) return renderPage(c, 'reports/index', { ...page, errors, report: null }, 422);
    const report = await pipelineReport(db.kysely, user.organisationId, range, clock());
    return renderPage(c, 'reports/index', { ...page, filtered: Boolean(range.from || range.to), rangeText: rangeText(range), report: reportView(report) });
  })
  .get('/reports/plans.csv', (c) => {
    const user = reportsUser(c);
    const day = clockDay(c);
    return plansCsvResponse(c, c.get('services').db.kysely, user, {}, `plans-${day}.csv`);
  });

const clockDay = (c: Context<AppEnv>) => c.get('services').clock().toISOString().slice(0, 10);
