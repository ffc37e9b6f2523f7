import type { FieldError } from '../../domain/events.js';

// How one kind of form field turns the strings a browser posts into the typed
// value an event payload wants, and back. The conversion only reshapes: it
// never decides what is valid. Anything it cannot read is passed on in a form
// the event's zod schema rejects, so every message comes from one place.

/** A posted form: each name with its one value, or its values when repeated (checkboxes). */
export type FormBody = Record<string, string | string[]>;
export type FormValues = Record<string, unknown>;

export interface FieldKind {
  /** The payload value; undefined leaves the field out (so zod says "Enter …" when it is required). */
  read(body: FormBody, name: string): unknown;
  /** What the person typed, as the template shows it back (keys are template value names). */
  typed(body: FormBody, name: string): FormValues;
  /** A stored payload value as the form shows it. */
  shown(value: unknown, name: string): FormValues;
  /** The names of the inputs this field posts, to carry them through a check-your-answers page. */
  inputs(name: string): string[];
  /** The id of the input an error points at; `rest` is the error path after the field name. */
  idFor?(rest: string[], body: FormBody, name: string): string;
}

export type Fields = Record<string, FieldKind>;

/** Text of one input: the first value when a name is repeated, undefined when it was not posted. */
export function one(body: FormBody, name: string): string | undefined {
  const value = body[name];
  return Array.isArray(value) ? value[0] : value;
}

const single = (name: string) => [name];
const typedAs = (name: string, value: unknown): FormValues => ({ [name]: value });

/** Plain text, sent as typed: a blank answer clears an optional field, or gets "Enter …" when required. */
export const text: FieldKind = {
  read: one,
  typed: (body, name) => typedAs(name, one(body, name) ?? ''),
  shown: (value, name) => typedAs(name, value === undefined ? '' : String(value)),
  inputs: single,
};

/** A number; "£28,000" reads as 28000. What is not a number stays text, so zod says "must be a number". */
export const number: FieldKind = {
  read(body, name) {
    const raw = one(body, name)?.trim();
    if (!raw) return undefined;
    const plain = raw.replace(/^£/, '').replace(/,/g, '');
    return /^-?\d+(\.\d+)?$/.test(plain) ? Number(plain) : raw;
  },
  typed: text.typed,
  shown: text.shown,
  inputs: single,
};

/** Radios: nothing chosen leaves the field out, so zod says "Select …". */
export const choice: FieldKind = {
  read: (body, name) => one(body, name) || undefined,
  typed: text.typed,
  shown: text.shown,
  inputs: single,
};

/** Yes/no radios posting "yes" or "no". */
export const yesNo: FieldKind = {
  read(body, name) {
    const raw = one(body, name);
    return raw === 'yes' ? true : raw === 'no' ? false : raw || undefined;
  },
  typed: text.typed,
  shown: (value, name) => typedAs(name, value === true ? 'yes' : value === false ? 'no' : ''),
  inputs: single,
};

/** One checkbox that confirms something: ticked is true, unticked is left out. */
export const confirmed: FieldKind = {
  read: (body, name) => (one(body, name) ? true : undefined),
  typed: (body, name) => typedAs(name, one(body, name) ? ['yes'] : []),
  shown: (value, name) => typedAs(name, value === true ? ['yes'] : []),
  inputs: single,
};

/** Checkboxes: the ticked values as a list (a browser posts nothing when none is ticked). */
export const list: FieldKind = {
  read: (body, name) => [body[name] ?? []].flat(),
  typed: (body, name) => typedAs(name, [body[name] ?? []].flat()),
  shown: (value, name) => typedAs(name, Array.isArray(value) ? value.map(String) : []),
  inputs: single,
  // A bad item (`teamContribution.1`) is still about the whole group.
  idFor: (_rest, _body, name) => name,
};

/** A textarea with one item a line, such as a list of actions. */
export const lines: FieldKind = {
  read: (body, name) => (one(body, name) ?? '').split(/\r?\n/).map((line) => line.trim()).filter(Boolean),
  typed: text.typed,
  shown: (value, name) => typedAs(name, Array.isArray(value) ? value.join('\n') : ''),
  inputs: single,
  idFor: (_rest, _body, name) => name,
};

export interface DayMonthYear { day: string; month: string; year: string }

export function dayMonthYear(body: FormBody, name: string): DayMonthYear {
  const part = (p: string) => (one(body, `${name}-${p}`) ?? '').trim();
  return { day: part('day'), month: part('month'), year: part('year') };
}

/**
 * "YYYY-MM-DD" from the three boxes, undefined when all are blank. A part that
 * is missing or not a number is kept as it is, which the schema rejects as
 * "must be a real date".
 */
export function isoDate({ day, month, year }: DayMonthYear): string | undefined {
  if (!day && !month && !year) return undefined;
  const pad = (part: string, width: number) => (/^\d+$/.test(part) ? part.padStart(width, '0') : part);
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** A date input: boxes "<name>-day", "<name>-month" and "<name>-year"; the day box has the id `name`. */
export const date: FieldKind = {
  read: (body, name) => isoDate(dayMonthYear(body, name)),
  typed: (body, name) => typedAs(name, dayMonthYear(body, name)),
  shown: (value, name) => typedAs(name, typeof value === 'string' ? value : ''),
  inputs: (name) => [`${name}-day`, `${name}-month`, `${name}-year`],
};

/** An optional date on a form that saves over earlier answers: all three boxes blank posts "", which clears it. */
export const optionalDate: FieldKind = { ...date, read: (body, name) => isoDate(dayMonthYear(body, name)) ?? '' };

/** The event payload from a posted form: only the fields this form has. */
export function payloadOf(fields: Fields, body: FormBody): Record<string, unknown> {
  const payload: Record<string, unknown> = {};
  for (const [name, kind] of Object.entries(fields)) {
    const value = kind.read(body, name);
    if (value !== undefined) payload[name] = value;
  }
  return payload;
}

export function typedValues(fields: Fields, body: FormBody): FormValues {
  return Object.assign({}, ...Object.entries(fields).map(([name, kind]) => kind.typed(body, name)));
}

/** Form values from what the plan holds (a stored payload), for a form that starts filled in. */
export function storedValues(fields: Fields, from: object | null | undefined): FormValues {
  if (!from) return {};
  const stored = from as Record<string, unknown>;
  return Object.assign({}, ...Object.entries(fields).map(([name, kind]) => (name in stored ? kind.shown(stored[name], name) : {})));
}

/** The inputs a form posted, as hidden fields to carry through a check-your-answers page. */
export function postedInputs(fields: Fields, body: FormBody): Array<{ name: string; value: string }> {
  return Object.entries(fields).flatMap(([name, kind]) =>
    kind.inputs(name).flatMap((input) => [body[input] ?? []].flat().map((value) => ({ name: input, value }))));
}

/** Errors keyed by the id of the input each one is about, so the summary links land on it. */
export function errorsById(fields: Fields, body: FormBody, errors: FieldError[]): Record<string, string> {
  const byId: Record<string, string> = {};
  for (const { path, message } of errors) {
    const [name = '', ...rest] = path.split('.');
    const kind = fields[name];
    const id = kind?.idFor ? kind.idFor(rest, body, name) : name;
    byId[id] ??= message;
  }
  return byId;
}
