import type { Context } from 'hono';
import type { User } from '../accounts/accounts.repository.js';
import { NotAllowedError, PlanNotFoundError } from '../plans/errors.js';
import type { AppEnv } from './context.js';
import { requireUser } from './render.js';

// Tokens and webhooks are managed by a trust's administrators, in person (never
// with an API token). Over the API anyone else is told they may not (403); a
// page they may not see does not exist for them (404).

export function requireAdmin(c: Context<AppEnv>, via: 'api' | 'page'): User {
  const user = requireUser(c);
  if (user.role === 'admin' && !c.get('apiToken')) return user;
  if (via === 'api') throw new NotAllowedError('Only an administrator of the trust can do this.');
  throw new PageNotFoundError();
}

/** A page that is not there for this person: the same 404 page as any unknown address. */
export class PageNotFoundError extends PlanNotFoundError {
  constructor() {
    super();
    this.message = 'If you typed the web address, check it is correct.';
  }
}
