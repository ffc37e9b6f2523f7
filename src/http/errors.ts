import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { isDatabaseUnavailable } from '../db/unavailable.js';
import { PlanError, InvalidInputError, ConflictError, NotAllowedError } from '../plans/errors.js';
import { errorFields } from '../operations/logger.js';
import type { AppEnv } from './context.js';
import { SignedOutWhileWritingError } from './carried.js';
import { refusalPage } from './refusal-page.js';
import { renderPage, SignInRequiredError } from './render.js';
import { renderSignIn } from './sign-in-page.js';

// One place turns every failure into a response: problem+json under /api,
// an NHS.UK page elsewhere. Nobody ever sees a stack trace.

export class CsrfError extends Error {
  constructor() { super('This form has expired or did not come from this service.'); }
}

const isApi = (c: Context) => c.req.path.startsWith('/api/');

/** The service's logger; an error before the services are attached still reaches standard error. */
const log = (c: Context<AppEnv>) => c.get('services')?.logger ?? { warn: console.error, error: console.error };

export function problem(c: Context, status: number, title: string, detail: string, extra: object = {}) {
  return c.body(JSON.stringify({ type: 'about:blank', title, status, detail, ...extra }), status as 400, {
    'Content-Type': 'application/problem+json; charset=utf-8',
  });
}

const titles: Record<number, string> = {
  400: 'Bad request', 401: 'Sign in required', 403: 'Not allowed', 404: 'Page not found', 409: 'Conflict',
  413: 'Too much data', 415: 'Unsupported media type', 422: 'Invalid input', 429: 'Too many attempts', 500: 'Server error', 503: 'Service unavailable',
};

export function errorPage(c: Context<AppEnv>, status: number, heading: string, message: string) {
  if (isApi(c)) return problem(c, status, titles[status] ?? heading, message);
  return renderPage(c, 'error', { title: heading, heading, message, status }, status);
}

export async function handleError(error: Error, c: Context<AppEnv>) {
  if (error instanceof SignInRequiredError) {
    if (isApi(c)) return problem(c, 401, titles[401]!, 'Sign in to use this service.');
    const back = c.req.method === 'GET' ? `?next=${encodeURIComponent(c.req.path)}` : '';
    return c.redirect(`/sign-in${back}`, 303);
  }
  if (error instanceof SignedOutWhileWritingError) {
    return renderSignIn(c, { carried: error.form }, 401);
  }
  if (error instanceof CsrfError) {
    if (isApi(c)) return problem(c, 403, 'CSRF token missing or wrong', 'Send the header X-CSRF-Token with the csrfToken returned by POST /api/v1/session or GET /api/v1/me, from this site.');
    return errorPage(c, 403, 'Your form could not be sent', `${error.message} Go back, reload the page and try again.`);
  }
  if (error instanceof PlanError) {
    if (isApi(c)) {
      const extra = error instanceof InvalidInputError ? { errors: error.errors }
        : error instanceof ConflictError && error.currentVersion ? { currentVersion: error.currentVersion } : {};
      return problem(c, error.status, titles[error.status]!, error.message, extra);
    }
    if (error instanceof NotAllowedError) {
      // The refusal page reads the plan again; if that fails too, the plain page still answers.
      const page = await refusalPage(c, error).catch((failure: Error) => {
        log(c).warn({ reqId: c.get('requestId'), ...errorFields(failure) }, 'refusal page failed: answered the plain 403 page');
        return null;
      });
      if (page) return page;
    }
    return errorPage(c, error.status, error.status === 404 ? 'Page not found' : titles[error.status]!, error.message);
  }
  if (error instanceof HTTPException) {
    const status = error.status;
    const message = status === 413 ? 'What you sent is larger than this service accepts.' : error.message || titles[status] || 'Something went wrong.';
    return errorPage(c, status, titles[status] ?? 'Something went wrong', message);
  }
  if (isDatabaseUnavailable(error)) {
    log(c).warn({ reqId: c.get('requestId'), code: (error as { code?: string }).code }, 'database unavailable: answered 503');
    c.header('Retry-After', '5');
    return errorPage(c, 503, 'Sorry, the service is busy', 'Nothing has been saved. Wait a moment and try again; what you typed is still in your browser if you go back.');
  }
  log(c).error({ reqId: c.get('requestId'), method: c.req.method, ...errorFields(error) }, 'request failed: answered 500');
  return errorPage(c, 500, 'Sorry, there is a problem with the service', 'Try again later. If you were filling in a form, go back to it: what you typed is still in your browser.');
}
