import { PlanError } from '../plans/errors.js';

// Refusals of the administration and account pages, mapped to HTTP like the
// plan service's (src/http/errors.ts): 404 for what this administrator may not
// see, 403 for a rule that forbids the change.

export class AccountNotFoundError extends PlanError {
  constructor(what: 'account' | 'organisation' = 'account') {
    super(`There is no such ${what}, or your trust does not administer it.`, 404);
  }
}

export class AccountRuleError extends PlanError {
  constructor(message: string) { super(message, 403); }
}
