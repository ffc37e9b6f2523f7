import { z } from 'zod';
import { keysOf } from './options.js';

// Field builders with messages written for the person filling in the form.
// `label` reads after "Enter" ("Enter the start date"); `name` starts a sentence.

export const LONG_TEXT = 5000;
export const SHORT_TEXT = 200;

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
/** True when an issue is about a field that was not sent at all (absent or null). */
export const missing = (iss: { input?: unknown }) => iss.input === undefined || iss.input === null;

export function requiredText(label: string, max = LONG_TEXT) {
  const name = capitalise(label.replace(/^(the|a|an|your) /, ''));
  return z
    .string({ error: (iss) => (missing(iss) ? `Enter ${label}` : `${name} must be text`) })
    .trim()
    .min(1, { error: `Enter ${label}` })
    .max(max, { error: `${name} must be ${max.toLocaleString('en-GB')} characters or fewer` });
}

/** Optional text: absent or blank means "not given". */
export function optionalText(label: string, max = LONG_TEXT) {
  const name = capitalise(label.replace(/^(the|a|an|your) /, ''));
  return z
    .string({ error: `${name} must be text` })
    .trim()
    .max(max, { error: `${name} must be ${max.toLocaleString('en-GB')} characters or fewer` })
    .optional();
}

export function choice<T extends Record<string, string>>(options: T, message: string) {
  return z.enum(keysOf(options), { error: message });
}

export function yesNo(message: string) {
  return z.boolean({ error: message });
}

export function email(label: string) {
  const name = capitalise(label.replace(/^(the|a|an|your) /, ''));
  return z
    .string({ error: (iss) => (missing(iss) ? `Enter ${label}` : `${name} must be text`) })
    .trim()
    .min(1, { error: `Enter ${label}` })
    .max(254, { error: `${name} must be 254 characters or fewer` })
    .pipe(z.email({ error: `Enter ${label} in the correct format, like name@example.nhs.uk` }));
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written YYYY-MM-DD (no 31 February). */
export function isCalendarDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d && y >= 1900 && y <= 2200;
}

export function date(label: string) {
  const name = capitalise(label.replace(/^(the|a|an|your) /, ''));
  return z
    .string({ error: (iss) => (missing(iss) ? `Enter ${label}` : `${name} must be a date`) })
    .trim()
    .min(1, { error: `Enter ${label}` })
    .refine(isCalendarDate, { error: `${name} must be a real date` });
}

/** Optional date: absent or blank means "not given" (a form posts an empty date box as ""). */
export function optionalDate(label: string) {
  const name = capitalise(label.replace(/^(the|a|an|your) /, ''));
  return z
    .string({ error: `${name} must be a date` })
    .trim()
    .refine((value) => value === '' || isCalendarDate(value), { error: `${name} must be a real date` })
    .optional();
}

export function dateTime(label: string) {
  const name = capitalise(label.replace(/^(the|a|an|your) /, ''));
  return z
    .string({ error: (iss) => (missing(iss) ? `Enter ${label}` : `${name} must be a date and time`) })
    .trim()
    .min(1, { error: `Enter ${label}` })
    .pipe(z.iso.datetime({ offset: true, error: `${name} must be a real date and time` }));
}

export function wholeNumber(label: string, min: number, max: number, unit = '') {
  const name = capitalise(label.replace(/^(the|a|an|your) /, ''));
  const range = `${name} must be between ${min.toLocaleString('en-GB')} and ${max.toLocaleString('en-GB')}${unit}`;
  return z
    .number({ error: (iss) => (missing(iss) ? `Enter ${label}` : `${name} must be a number`) })
    .int({ error: `${name} must be a whole number` })
    .min(min, { error: range })
    .max(max, { error: range });
}

export function decimal(label: string, min: number, max: number, unit = '') {
  const name = capitalise(label.replace(/^(the|a|an|your) /, ''));
  const range = `${name} must be between ${min} and ${max}${unit}`;
  return z
    .number({ error: (iss) => (missing(iss) ? `Enter ${label}` : `${name} must be a number`) })
    .min(min, { error: range })
    .max(max, { error: range });
}

/** The message for a field the form does not have. */
export const noSuchField = (...keys: string[]) => `This form has no field called ${keys.map((k) => `"${k}"`).join(', ')}`;

/** A strict object: a field the form does not have is an error, not silently ignored. */
export function form<T extends z.ZodRawShape>(shape: T) {
  return z.strictObject(shape, {
    error: (iss) =>
      iss.code === 'unrecognized_keys'
        ? noSuchField(...iss.keys)
        : 'Send the answers as a set of named fields',
  });
}

/** The fields of an event's schema, also when it reshapes what it reads (a pipe into a transform). */
export function shapeOf(schema: z.ZodType): z.ZodRawShape {
  if (schema instanceof z.ZodObject) return schema.shape;
  if (schema instanceof z.ZodPipe) return shapeOf(schema.in as z.ZodType);
  return {};
}
