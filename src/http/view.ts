import fs from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';

// Server-side views: templates/pages/<page>.hbs wrapped in templates/layouts/main.hbs,
// with every file under templates/partials/ registered as a partial named by its path.
// One private Handlebars instance, strict mode, known helpers only, and partials that
// see only the parameters they are given (plus @root). Every value is escaped: the only
// triple-stash is {{{body}}} in the layout, which is the page's own escaped output.

export interface Views {
  render(page: string, data: object): string;
}

export interface ViewOptions {
  /** Keep compiled templates between renders (default true; turn off while editing templates). */
  cache?: boolean;
}

type Helper = (...args: any[]) => unknown;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})/;
const WIDTHS = new Set(['2', '3', '4', '5', '10', '20', '30', 'full', 'three-quarters', 'two-thirds', 'one-half', 'one-third', 'one-quarter']);
const present = (v: unknown) => v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0);
const dropOptions = (args: unknown[]) => args.slice(0, -1); // Handlebars passes `options` last


/** Helpers the templates may use. Each returns plain data; Handlebars escapes it. */
export const helpers: Record<string, Helper> = {
  eq: (a: unknown, b: unknown) => a === b,
  not: (a: unknown) => !a,
  and: (...args: unknown[]) => dropOptions(args).every(Boolean),
  /** The first truthy argument, like `a || b`: `(or id name)`, `(or text "Back")`. */
  or: (...args: unknown[]) => dropOptions(args).find(Boolean) ?? dropOptions(args).at(-1),
  concat: (...args: unknown[]) => dropOptions(args).map((a) => (a === undefined || a === null ? '' : String(a))).join(''),
  add: (a: unknown, b: unknown) => Number(a) + Number(b),
  present,
  isObject: (v: unknown) => typeof v === 'object' && v !== null,
  /** True when `errors` (a list of {href,text} or a map of field → message) holds any error. */
  hasErrors: (errors: unknown) => errorList(errors).length > 0,
  errorList: (errors: unknown) => errorList(errors),
  /** aria-describedby for a field: "<id>-hint <id>-error", or "" when there is neither. */
  describedBy: (id: unknown, hint: unknown, error: unknown) =>
    [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' '),
  /** Radio and checkbox ids: the first is the bare id (the error summary's target), then -2, -3… */
  itemId: (base: unknown, index: unknown) => (Number(index) === 0 ? String(base) : `${base}-${Number(index) + 1}`),
  /** Is `value` the selected value, or one of the selected values? Compares as strings. */
  isSelected: (value: unknown, selected: unknown) =>
    Array.isArray(selected)
      ? selected.some((s) => present(s) && String(s) === String(value))
      : present(selected) && String(selected) === String(value),
  widthClass: (width: unknown) => {
    if (!present(width) || !WIDTHS.has(String(width))) return '';
    return /^\d+$/.test(String(width)) ? ` nhsuk-input--width-${width}` : ` nhsuk-u-width-${width}`;
  },
  tagClass: (colour: unknown) => (!colour || colour === true || colour === 'default' ? '' : ` nhsuk-tag--${colour}`),
  /** "h2" from a level, clamped to h1–h6. */
  headingTag: (level: unknown, fallback: unknown) => {
    const n = Number(present(level) ? level : fallback);
    return `h${Number.isInteger(n) && n >= 1 && n <= 6 ? n : 2}`;
  },
  /** Day, month or year of a date field: from {day,month,year} (the user's own input) or "YYYY-MM-DD". */
  datePart: (value: unknown, part: 'day' | 'month' | 'year') => {
    if (typeof value === 'object' && value !== null) return (value as Record<string, unknown>)[part] ?? '';
    const m = typeof value === 'string' ? ISO_DATE.exec(value) : null;
    if (!m) return '';
    return String(Number(part === 'year' ? m[1] : part === 'month' ? m[2] : m[3]));
  },
  /** Should this part of a date input be marked as in error? `errorPart` is "day", "month", "year" or a list. */
  dateError: (error: unknown, errorPart: unknown, part: string) =>
    Boolean(error) && (!present(errorPart) || (Array.isArray(errorPart) ? errorPart.includes(part) : errorPart === part)),
  /** Text as paragraphs of lines (split on blank lines, then on line breaks), for safe multi-line display. */
  paragraphs: (text: unknown) =>
    String(text ?? '')
      .split(/\r?\n\s*\r?\n/)
      .map((p) => p.split(/\r?\n/).map((line) => line.trimEnd()).filter(Boolean))
      .filter((lines) => lines.length > 0),
  /** A table row's cells as {text, href, tagColour, numeric, header}; a cell may be given as plain text. */
  tableCells: (row: unknown, firstCellIsHeader: unknown) =>
    (Array.isArray(row) ? row : []).map((cell: unknown, index: number) => {
      const c = typeof cell === 'object' && cell !== null ? (cell as Record<string, unknown>) : { text: cell };
      return { text: c.text ?? '', href: c.href, tagColour: c.tagColour, numeric: c.format === 'numeric', header: index === 0 && Boolean(firstCellIsHeader) };
    }),
};

export function errorList(errors: unknown): { href: string; text: string }[] {
  if (Array.isArray(errors)) return errors.filter((e) => e && e.text);
  if (typeof errors !== 'object' || errors === null) return [];
  return Object.entries(errors as Record<string, unknown>)
    .filter(([, text]) => present(text))
    .map(([field, text]) => ({ href: `#${field}`, text: String(text) }));
}

/** The options every template is compiled with (the tests compile with the same). */
export const compileOptions: CompileOptions = {
  strict: true,
  knownHelpersOnly: true,
  knownHelpers: Object.fromEntries(Object.keys(helpers).map((name) => [name, true])),
  explicitPartialContext: true,
  // By default a partial called on its own indented line has every line of its output
  // indented to match: that put spaces into a multi-line answer shown back in a textarea
  // (so each save added more), and cost a split and join on every partial call.
  preventIndent: true,
};

type CompileOptions = NonNullable<Parameters<typeof Handlebars.compile>[1]>;
type Template = Handlebars.TemplateDelegate;

/** Every .hbs file under `dir`, as [name without .hbs using "/", absolute path]. */
export function listTemplates(dir: string): [string, string][] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.hbs'))
    .map((file): [string, string] => [file.slice(0, -'.hbs'.length).split(path.sep).join('/'), path.join(dir, file)])
    .sort(([a], [b]) => a.localeCompare(b));
}

function build(templatesDir: string) {
  const hb = Handlebars.create();
  for (const [name, fn] of Object.entries(helpers)) hb.registerHelper(name, fn);
  const compileFile = (file: string) => hb.compile(fs.readFileSync(file, 'utf8'), compileOptions);
  for (const [name, file] of listTemplates(path.join(templatesDir, 'partials'))) hb.registerPartial(name, compileFile(file));

  const pages = new Map<string, Template>();
  const page = (name: string): Template => {
    if (!/^[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)*$/.test(name)) throw new Error(`Invalid page name: ${name}`);
    let template = pages.get(name);
    if (!template) {
      const file = path.join(templatesDir, 'pages', `${name}.hbs`);
      if (!fs.existsSync(file)) throw new Error(`No such page template: pages/${name}.hbs`);
      template = compileFile(file);
      pages.set(name, template);
    }
    return template;
  };
  const layout = compileFile(path.join(templatesDir, 'layouts', 'main.hbs'));
  return { page, layout };
}

export function createViews(templatesDir: string, options: ViewOptions = {}): Views {
  const cache = options.cache ?? true;
  let built: ReturnType<typeof build> | undefined;
  return {
    render(page: string, data: object): string {
      const views = cache ? (built ??= build(templatesDir)) : build(templatesDir);
      // Forms read `values.x` and `errors.x`; strict mode needs both objects to exist.
      const input = data as Record<string, unknown>;
      const context = { ...input, values: input.values ?? {}, errors: input.errors ?? {} };
      const body = views.page(page)(context);
      return views.layout({ ...context, body });
    },
  };
}
