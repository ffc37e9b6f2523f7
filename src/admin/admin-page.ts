import type { Context, MiddlewareHandler } from 'hono';
import type { User } from '../accounts/accounts.repository.js';
import { AccountNotFoundError } from '../accounts/errors.js';
import { readForm } from '../http/body.js';
import type { AppEnv } from '../http/context.js';
import { renderPage, requireUser } from '../http/render.js';
import { InvalidInputError } from '../plans/errors.js';
import { adminNav } from './admin-nav.js';

// What every admin page shares: only administrators get in (anyone else gets
// "page not found", as for anything they may not see), the section navigation,
// and forms whose refusals come back as messages at their fields.

type Ctx = Context<AppEnv>;

export const adminsOnly = (): MiddlewareHandler<AppEnv> => async (c, next) => {
  const user = requireUser(c);
  if (user.role !== 'admin') throw new AccountNotFoundError();
  await next();
};

export const admin = (c: Ctx): User => requireUser(c);

/** An admin page: `section` is the navigation entry it belongs to; `onIndex` when it is that section's own list. */
export function renderAdmin(c: Ctx, page: string, section: string, data: Record<string, unknown>, status = 200, onIndex = false) {
  return renderPage(c, `admin/${page}`, { nav: adminNav(onIndex ? section : ''), ...data }, status);
}

/** The posted form's text fields (anything else is dropped). */
export async function formValues(c: Ctx): Promise<Record<string, string>> {
  const body = await readForm(c);
  return Object.fromEntries(Object.entries(body).filter((e): e is [string, string] => typeof e[1] === 'string' && e[0] !== '_csrf'));
}

/** Run a change; an InvalidInputError becomes the form again (422) with each message at its field. */
export async function orForm(work: () => Promise<Response>, again: (errors: Record<string, string>) => Promise<Response>): Promise<Response> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof InvalidInputError)) throw error;
    return again(Object.fromEntries(error.errors.map((e) => [e.path, e.message])));
  }
}
