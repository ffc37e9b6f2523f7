import type { FieldError } from '../domain/events.js';

/** Errors by the form field they are about (`scopes.1` is about `scopes`), first message of each kept. */
export function errorsByField(errors: FieldError[]): Record<string, string> {
  const byField: Record<string, string> = {};
  for (const { path, message } of errors) {
    const field = path.split('.')[0] || 'form';
    byField[field] ??= message;
  }
  return byField;
}
