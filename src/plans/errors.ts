import type { FieldError } from '../domain/events.js';

// What can go wrong when someone acts on a plan, each mapped to one HTTP
// status by the web layer. Nothing here is a server fault.

export class PlanError extends Error {
  constructor(message: string, readonly status: 403 | 404 | 409 | 422) {
    super(message);
    this.name = new.target.name;
  }
}

/** The plan does not exist, or this person may not see it: the two look the same on purpose. */
export class PlanNotFoundError extends PlanError {
  constructor() { super('There is no plan here, or you do not have access to it.', 404); }
}

export const NOT_NOW = 'You cannot do that at this stage of the plan.';

export class NotAllowedError extends PlanError {
  /** `event`: the action refused, when known, so the page can say what it was and who may do it. */
  constructor(message = NOT_NOW, readonly event?: string) { super(message, 403); }
}

export class ConflictError extends PlanError {
  constructor(message = 'Someone else changed this plan while you were working on it.', readonly currentVersion?: number) {
    super(message, 409);
  }
}

/**
 * The plan is at the version the sender saw, but the action no longer applies to it (already
 * authorised, a newer document, a reminder already sent): waiting and trying again changes nothing.
 */
export class NoLongerAppliesError extends ConflictError {}

export class InvalidInputError extends PlanError {
  constructor(readonly errors: FieldError[], message = 'Some answers need correcting.') { super(message, 422); }
}
