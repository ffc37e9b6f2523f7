import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import { afterAll, describe, expect, it } from 'vitest';
import { compileOptions, createViews, listTemplates } from '../../src/http/view.js';

const TEMPLATES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../templates');
const VIEW_FOLDERS = ['layouts', 'pages', 'partials'];
const EVIL = `<script>alert(1)</script> "quoted" 'single'`;
const EVIL_ESCAPED = '&lt;script&gt;alert(1)&lt;/script&gt; &quot;quoted&quot; &#x27;single&#x27;';
const EVIL_PATTERN = EVIL_ESCAPED.replace(/[()]/g, '\\$&');

type Node = { type?: string; [key: string]: unknown };

/** Every node of a Handlebars AST. */
function* walk(node: unknown): Generator<Node> {
  if (Array.isArray(node)) for (const child of node) yield* walk(child);
  else if (node && typeof node === 'object') {
    if ('type' in node) yield node as Node;
    for (const [key, value] of Object.entries(node)) if (key !== 'loc') yield* walk(value);
  }
}

const allTemplates = () =>
  listTemplates(TEMPLATES).map(([name, file]) => ({ name, file, source: fs.readFileSync(file, 'utf8') }));

/** The attributes of the first `<tag …>` whose attributes match `where`. */
function element(html: string, tag: string, where: Record<string, string>): Record<string, string> | undefined {
  for (const match of html.matchAll(new RegExp(`<${tag}\\b([^>]*)>`, 'g'))) {
    const attrs: Record<string, string> = {};
    for (const a of (match[1] ?? '').matchAll(/([\w:-]+)(?:="([^"]*)")?/g)) attrs[a[1]!] = a[2] ?? '';
    if (Object.entries(where).every(([k, v]) => attrs[k] === v)) return attrs;
  }
  return undefined;
}

const ids = (html: string) => [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!);
const textOf = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();

function exampleData(overrides: Record<string, unknown> = {}) {
  return {
    title: 'Example',
    heading: 'Your research idea',
    intro: 'Tell us about the idea.',
    action: '/plans/1/idea',
    csrfToken: 'csrf-123',
    titleHint: 'A short name for the plan',
    backfillHelp: 'Backfill is cover for your clinical work.\n\nIt can be a fixed-term post.',
    levels: [
      { value: 'internship', text: 'Internship', hint: 'A short introduction to research' },
      { value: 'masters', text: "Research Master's" },
      { value: 'doctoral', text: 'Doctoral fellowship' },
    ],
    yesNo: [
      { value: 'yes', text: 'Yes' },
      { value: 'no', text: 'No' },
    ],
    attendees: [
      { value: 'clinician', text: 'Clinician' },
      { value: 'manager', text: 'Manager' },
      { value: 'supervisor', text: 'Supervisor' },
    ],
    budgetHolders: [
      { value: '', text: 'Select a budget holder' },
      { value: 'trust', text: 'NHS trust' },
      { value: 'university', text: 'University' },
    ],
    answers: [
      { key: 'Plan title', value: 'Falls in older people', href: '/plans/1/idea#title', visuallyHiddenText: 'plan title' },
      { key: 'Research idea', value: 'First line\nSecond line\n\nNew paragraph' },
      { key: 'Supervisor', lines: ['Dr Ada Lovelace', 'University of Leeds'] },
      { key: 'Mentor', value: '' },
    ],
    cardIntro: 'Proposed by the clinician.',
    tasks: [
      { title: 'Research idea', href: '/plans/1/idea', status: 'Completed' },
      { title: 'Terms', href: '/plans/1/terms', hint: 'Backfill and time split', status: 'In progress', statusTag: 'blue' },
      { title: 'R&D sign-off', status: 'Cannot start yet' },
    ],
    tableHead: ['Plan', 'Status', { text: 'Version', format: 'numeric' }],
    tableRows: [
      [{ text: 'Falls in older people', href: '/plans/1' }, { text: 'Awaiting manager', tagColour: 'blue' }, { text: 2, format: 'numeric' }],
      ['Wound care', 'Draft', 1],
    ],
    panelText: 'Your manager has been told.',
    bannerBody: 'Version 2 is waiting for your manager.',
    previous: { href: '/plans?page=1', text: 'Page 1' },
    next: { href: '/plans?page=3', text: 'Page 3' },
    ...overrides,
  };
}

const withErrors = () =>
  exampleData({
    values: {
      title: 'Falls study',
      academicShare: '40',
      researchIdea: 'My idea',
      level: 'masters',
      attendees: ['clinician', 'supervisor'],
      startDate: { day: '31', month: '2', year: '2026' },
      budgetHolder: 'university',
    },
    errors: {
      title: 'Plan title must be 200 characters or fewer',
      level: 'Select the opportunity level',
      startDate: 'Start date must be a real date',
      inPdp: 'Select yes if this is in your personal development plan',
    },
  });

describe('templates', () => {
  const templates = allTemplates();

  it('finds the layout, the example page and the partials', () => {
    const names = templates.map((t) => t.name);
    expect(names).toContain('layouts/main');
    expect(names).toContain('pages/_example');
    expect(names).toEqual(expect.arrayContaining(['partials/error-summary', 'partials/fields/input', 'partials/fields/date-input']));
  });

  it.each(templates.map((t) => [t.name, t] as const))('%s compiles in strict mode', (name, t) => {
    // Views are compiled exactly as view.ts compiles them; other templates (documents…) at least strictly.
    const options = VIEW_FOLDERS.includes(name.split('/')[0]!) ? compileOptions : { strict: true };
    expect(() => Handlebars.precompile(t.source, options)).not.toThrow();
  });

  it('refer only to partials that exist', () => {
    const partials = new Set(listTemplates(path.join(TEMPLATES, 'partials')).map(([name]) => name));
    for (const t of templates.filter((t) => VIEW_FOLDERS.includes(t.name.split('/')[0]!))) {
      for (const node of walk(Handlebars.parse(t.source))) {
        if (node.type !== 'PartialStatement' && node.type !== 'PartialBlockStatement') continue;
        const { type, original: name } = node.name as { type: string; original: string };
        if (type === 'PathExpression' && name !== '@partial-block') expect(partials.has(name), `${t.name} uses missing partial ${name}`).toBe(true);
      }
    }
  });

  it('use no triple-stash except the body in a layout', () => {
    for (const t of templates) {
      for (const node of walk(Handlebars.parse(t.source))) {
        if (node.type !== 'MustacheStatement' || node.escaped !== false) continue;
        const what = (node.path as { original?: string }).original;
        expect(t.name.includes('layout') && what === 'body', `${t.name} has an unescaped {{{${what}}}}`).toBe(true);
      }
    }
  });

  it('have no inline script, event handler or style attribute (the CSP forbids them)', () => {
    for (const t of templates) {
      expect(t.source, t.name).not.toMatch(/<script\b(?![^>]*\bsrc=)[^>]*>/i);
      expect(t.source, t.name).not.toMatch(/\son[a-z]+\s*=/i);
      expect(t.source, t.name).not.toMatch(/\sstyle\s*=/i);
    }
  });
});

describe('the example page with errors', () => {
  const views = createViews(TEMPLATES);
  const html = views.render('_example', withErrors());

  it('titles the page with an "Error:" prefix', () => {
    expect(html).toContain('<title>Error: Example – Clinical academic plans</title>');
  });

  it('lists each error in the summary, linking to its field', () => {
    const summary = html.slice(html.indexOf('nhsuk-error-summary'), html.indexOf('</ul>'));
    expect(summary).toContain('There is a problem');
    expect(summary).toContain('<a href="#title">Plan title must be 200 characters or fewer</a>');
    expect(summary).toContain('<a href="#level">Select the opportunity level</a>');
    expect(summary).toContain('<a href="#startDate">Start date must be a real date</a>');
    for (const [, target] of summary.matchAll(/href="#([^"]+)"/g)) expect(ids(html)).toContain(target);
  });

  it('shows the message at a text field, described by aria-describedby, and keeps the value', () => {
    const input = element(html, 'input', { id: 'title' });
    expect(input).toMatchObject({ name: 'title', type: 'text', value: 'Falls study', 'aria-describedby': 'title-hint title-error' });
    expect(input!.class!.split(' ')).toEqual(expect.arrayContaining(['nhsuk-input', 'nhsuk-input--error', 'nhsuk-input--width-30']));
    expect(html).toMatch(
      /<div class="nhsuk-form-group nhsuk-form-group--error">\s*<label class="nhsuk-label" for="title">\s*Plan title\s*<\/label>\s*<div class="nhsuk-hint" id="title-hint">[\s\S]*?<span class="nhsuk-error-message" id="title-error">\s*<span class="nhsuk-u-visually-hidden">Error: <\/span>Plan title must be 200 characters or fewer\s*<\/span>\s*<input/,
    );
  });

  it('leaves fields without an error unmarked, and keeps their values', () => {
    expect(element(html, 'input', { id: 'academicShare' })).toMatchObject({ value: '40', 'aria-describedby': 'academicShare-hint', inputmode: 'numeric' });
    expect(element(html, 'input', { id: 'academicShare' })!.class).not.toContain('error');
    expect(html).toMatch(/<textarea class="nhsuk-textarea" id="researchIdea" name="researchIdea" rows="8" aria-describedby="researchIdea-hint">My idea<\/textarea>/);
    expect(element(html, 'option', { value: 'university' })).toHaveProperty('selected');
    expect(element(html, 'option', { value: 'trust' })).not.toHaveProperty('selected');
  });

  it('puts radios in a fieldset with a legend, the error on the fieldset and the first radio at #level', () => {
    expect(html).toMatch(/<fieldset class="nhsuk-fieldset" aria-describedby="level-error">\s*<legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">\s*Opportunity level/);
    expect(html).toMatch(/<span class="nhsuk-error-message" id="level-error">\s*<span class="nhsuk-u-visually-hidden">Error: <\/span>Select the opportunity level/);
    expect(element(html, 'input', { id: 'level' })).toMatchObject({ name: 'level', type: 'radio', value: 'internship', 'aria-describedby': 'level-item-hint' });
    expect(element(html, 'input', { id: 'level-2' })).toMatchObject({ value: 'masters', checked: '' });
    expect(element(html, 'input', { id: 'level-3' })).not.toHaveProperty('checked');
  });

  it('keeps the ticked checkboxes', () => {
    expect(element(html, 'input', { id: 'attendees' })).toMatchObject({ type: 'checkbox', value: 'clinician', checked: '' });
    expect(element(html, 'input', { id: 'attendees-2' })).not.toHaveProperty('checked');
    expect(element(html, 'input', { id: 'attendees-3' })).toMatchObject({ value: 'supervisor', checked: '' });
  });

  it('gives the date input a group fieldset, the day box the field id and keeps what was typed', () => {
    expect(html).toMatch(/<fieldset class="nhsuk-fieldset" role="group" aria-describedby="startDate-hint startDate-error">/);
    expect(element(html, 'input', { id: 'startDate' })).toMatchObject({ name: 'startDate-day', value: '31', inputmode: 'numeric' });
    expect(element(html, 'input', { id: 'startDate-month' })).toMatchObject({ name: 'startDate-month', value: '2' });
    expect(element(html, 'input', { id: 'startDate-year' })).toMatchObject({ name: 'startDate-year', value: '2026' });
    expect(element(html, 'input', { id: 'startDate-year' })!.class).toContain('nhsuk-input--error');
  });

  it('ties every label to a control, and every aria reference to an element, with unique ids', () => {
    const html = views.render('_example', { ...withErrors(), flash: 'Saved', user: { name: 'Sam' } });
    const all = ids(html);
    expect(new Set(all).size).toBe(all.length);
    for (const [, target] of html.matchAll(/<label[^>]*\sfor="([^"]+)"/g)) expect(all).toContain(target);
    for (const [, refs] of html.matchAll(/aria-(?:describedby|labelledby)="([^"]+)"/g))
      for (const ref of refs!.split(' ')) expect(all).toContain(ref);
  });

  it('has a single h1, a skip link to the main content and the page language', () => {
    expect(html.match(/<h1\b/g)).toHaveLength(1);
    expect(html).toContain('<html lang="en-GB">');
    expect(html).toMatch(/<a class="nhsuk-skip-link" data-module="nhsuk-skip-link" href="#maincontent">/);
    expect(html).toContain('<main class="nhsuk-main-wrapper" id="maincontent">');
  });

  it('puts the CSRF token in the form', () => {
    const form = html.slice(html.indexOf('<form action="/plans/1/idea"'));
    expect(form).toMatch(/^<form action="\/plans\/1\/idea" method="post" novalidate>\s*<input type="hidden" name="_csrf" value="csrf-123">/);
  });

  it('shows multi-line text as lines and paragraphs, and marks an empty answer', () => {
    expect(html).toMatch(/<dd class="nhsuk-summary-list__value">\s*<p>First line<br>Second line<\/p>\s*<p>New paragraph<\/p>/);
    expect(html).toMatch(/<p>Dr Ada Lovelace<br>University of Leeds<\/p>/);
    expect(html).toMatch(/<p class="nhsuk-u-secondary-text-colour">Not provided<\/p>/);
    expect(html).toContain('<a class="nhsuk-link" href="/plans/1/idea#title">Change<span class="nhsuk-u-visually-hidden"> plan title</span></a>');
  });

  it('renders the block card with its content, the task list, table and pagination', () => {
    expect(html).toMatch(/<h2 class="nhsuk-card__heading">\s*Terms version 2\s*<\/h2>\s*<p>Proposed by the clinician.<\/p>/);
    expect(element(html, 'a', { href: '/plans/1/terms' })).toMatchObject({ 'aria-describedby': 'plan-tasks-2-hint plan-tasks-2-status' });
    expect(html).toMatch(/<strong class="nhsuk-tag nhsuk-tag--blue">\s*In progress/);
    expect(html).toMatch(/<th class="nhsuk-table__header" scope="row">\s*<a class="nhsuk-link" href="\/plans\/1">Falls in older people<\/a>/);
    expect(html).toMatch(/<td class="nhsuk-table__cell nhsuk-table__cell--numeric">\s*2\s*<\/td>/);
    expect(html).toContain('rel="next"');
  });
});

describe('the example page without errors', () => {
  const views = createViews(TEMPLATES);
  const html = views.render('_example', exampleData());

  it('has no error summary, error classes or "Error:" title', () => {
    expect(html).not.toContain('nhsuk-error-summary');
    expect(html).not.toContain('--error');
    expect(html).toContain('<title>Example – Clinical academic plans</title>');
    expect(element(html, 'input', { id: 'title' })).not.toHaveProperty('value');
  });

  it('fills a date input from an ISO date', () => {
    const page = views.render('_example', exampleData({ values: { startDate: '2026-09-01' } }));
    expect(element(page, 'input', { id: 'startDate' })).toMatchObject({ value: '1' });
    expect(element(page, 'input', { id: 'startDate-month' })).toMatchObject({ value: '9' });
    expect(element(page, 'input', { id: 'startDate-year' })).toMatchObject({ value: '2026' });
  });

  it('refuses to render without a title (strict mode)', () => {
    const { title: _omitted, ...untitled } = exampleData();
    expect(() => views.render('_example', untitled)).toThrow(/title/);
  });

  it('refuses page names that leave the pages folder', () => {
    expect(() => views.render('../layouts/main', exampleData())).toThrow(/Invalid page name/);
    expect(() => views.render('no-such-page', exampleData())).toThrow(/No such page/);
  });
});

describe('escaping', () => {
  // A scratch copy of the real partials and layout, with a page that feeds hostile text to each of them.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'views-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  for (const folder of ['layouts', 'partials']) fs.cpSync(path.join(TEMPLATES, folder), path.join(dir, folder), { recursive: true });
  fs.mkdirSync(path.join(dir, 'pages'));
  fs.writeFileSync(
    path.join(dir, 'pages', 'hostile.hbs'),
    `{{> error-summary errors=errors}}
{{> fields/input name="a" label=evil hint=evil value=evil error=errors.a isPageHeading=true}}
{{> fields/textarea name="b" label=evil hint=evil value=evil}}
{{> fields/radios name="c" legend=evil hint=evil items=items value=evil}}
{{> fields/checkboxes name="d" legend=evil hint=evil items=items values=list}}
{{> fields/date-input name="e" legend=evil hint=evil value=date}}
{{> fields/select name="f" label=evil hint=evil items=items value=evil}}
{{> summary-list rows=rows}}
{{> task-list items=tasks}}
{{> tag text=evil}} {{> back-link href="/" text=evil}} {{> inset-text text=evil}}
{{> warning-callout heading=evil text=evil}} {{> details summary=evil text=evil}}
{{> notification-banner text=evil body=evil}} {{> panel heading=evil text=evil headingLevel=2}}
{{> card heading=evil text=evil}} {{> pagination next=link}}
{{> table caption=evil head=list rows=table}}
{{> button text=evil value=evil}}`,
  );
  const evil = EVIL;
  const data = {
    title: evil,
    evil,
    csrfToken: evil,
    user: { name: evil },
    flash: evil,
    backLink: { href: '/', text: evil },
    errors: { a: evil },
    items: [{ value: evil, text: evil, hint: evil }],
    list: [evil],
    date: { day: evil, month: evil, year: evil },
    rows: [{ key: evil, value: evil, href: '/x', visuallyHiddenText: evil }, { key: evil, lines: [evil] }],
    tasks: [{ title: evil, href: '/t', hint: evil, status: evil }],
    link: { href: '/n', text: evil },
    table: [[evil, { text: evil, href: '/p' }, { text: evil, tagColour: true }]],
  };
  const html = createViews(dir).render('hostile', data);

  it('never lets the hostile text through as markup', () => {
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).not.toContain('"quoted"');
    expect(html).not.toContain("'single'");
  });

  it('escapes it in the label, hint, value, error and summary list', () => {
    expect(html).toMatch(new RegExp(`<label class="nhsuk-label nhsuk-label--l" for="a">\\s*${EVIL_PATTERN}\\s*</label>`));
    expect(html).toContain(`<div class="nhsuk-hint" id="a-hint">\n    ${EVIL_ESCAPED}`);
    expect(element(html, 'input', { id: 'a' })!.value).toBe(EVIL_ESCAPED);
    expect(html).toContain(`<span class="nhsuk-u-visually-hidden">Error: </span>${EVIL_ESCAPED}`);
    expect(html).toContain(`>${EVIL_ESCAPED}</textarea>`);
    expect(html).toMatch(new RegExp(`<dt class="nhsuk-summary-list__key">\\s*${EVIL_PATTERN}`));
    expect(html).toContain(`<p>${EVIL_ESCAPED}</p>`);
    expect(html).toContain(`<span class="nhsuk-u-visually-hidden"> ${EVIL_ESCAPED}</span>`);
  });

  it('escapes it in the layout: title, user name, CSRF token, banner and back link', () => {
    expect(html).toContain(`<title>Error: ${EVIL_ESCAPED} – Clinical academic plans</title>`);
    expect(element(html, 'input', { name: '_csrf' })!.value).toBe(EVIL_ESCAPED);
    expect(textOf(html)).toContain(`Sign out`);
    // every visible occurrence is the escaped form
    const visible = html.split(EVIL_ESCAPED).length - 1;
    expect(visible).toBeGreaterThan(40);
  });

  it('leaves no inline script in the output', () => {
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts).toEqual(['<script type="module" src="/assets/app.js">']);
  });
});

describe('the layout', () => {
  const views = createViews(TEMPLATES);

  it('shows the signed-in user and a sign-out form carrying the CSRF token', () => {
    const html = views.render('_example', exampleData({ user: { name: 'Sam Patel' }, csrfToken: 'tok-456' }));
    const header = html.slice(html.indexOf('<header'), html.indexOf('</header>'));
    expect(header).toContain('Clinical academic plans');
    expect(textOf(header)).toContain('Sam Patel');
    expect(header).toMatch(
      /<form class="nhsuk-header__account-form" action="\/sign-out" method="post" novalidate>\s*<input type="hidden" name="_csrf" value="tok-456">\s*<button class="nhsuk-header__account-button" type="submit">\s*Sign out\s*<\/button>/,
    );
  });

  it('has no account area when nobody is signed in', () => {
    const html = views.render('_example', exampleData());
    expect(html).not.toContain('nhsuk-header__account');
    expect(html).not.toContain('/sign-out');
  });

  it('shows a back link and a success banner when asked', () => {
    const html = views.render('_example', exampleData({ backLink: { href: '/plans/1', text: 'Back to plan' }, flash: 'Terms sent to your manager' }));
    expect(html).toMatch(/<a class="nhsuk-back-link" href="\/plans\/1">\s*Back to plan\s*<\/a>/);
    expect(html).toMatch(/<div class="nhsuk-notification-banner nhsuk-notification-banner--success" data-module="nhsuk-notification-banner" role="alert"[^>]*>[\s\S]*?Success[\s\S]*?Terms sent to your manager/);
    const main = html.slice(html.indexOf('<main'));
    expect(main.indexOf('nhsuk-notification-banner--success')).toBeLessThan(main.indexOf('<h1'));
  });

  it('loads the stylesheet and the module script and no inline script', () => {
    const html = views.render('_example', exampleData({ user: { name: 'Sam' }, flash: 'Saved' }));
    expect(html).toContain('<link rel="stylesheet" href="/assets/nhsuk-frontend.min.css">');
    expect(html).toContain('<script type="module" src="/assets/app.js"></script>');
    expect(html).not.toMatch(/<script\b(?![^>]*\bsrc=)[^>]*>/);
  });

  it('renders a page whose label is the h1 when isPageHeading is set', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'views-'));
    try {
      for (const folder of ['layouts', 'partials']) fs.cpSync(path.join(TEMPLATES, folder), path.join(dir, folder), { recursive: true });
      fs.mkdirSync(path.join(dir, 'pages', 'plans'), { recursive: true });
      fs.writeFileSync(
        path.join(dir, 'pages', 'plans', 'question.hbs'),
        '{{> fields/radios name="answer" legend="Do you agree?" isPageHeading=true items=items value=values.answer}}',
      );
      const html = createViews(dir).render('plans/question', { title: 'Q', items: [{ value: 'yes', text: 'Yes' }] });
      expect(html.match(/<h1\b/g)).toHaveLength(1);
      expect(html).toMatch(/<legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--l">\s*<h1 class="nhsuk-fieldset__heading">\s*Do you agree\?/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('public/app.js', () => {
  it('is an ES module that imports nhsuk-frontend and marks the body, with no inline code needed', () => {
    const js = fs.readFileSync(path.resolve(TEMPLATES, '../public/app.js'), 'utf8');
    expect(js).toMatch(/import \{ initAll \} from '\/assets\/nhsuk-frontend\.min\.js'/);
    expect(js).toContain("document.body.classList.add('js-enabled', 'nhsuk-frontend-supported')");
    expect(js).toContain('initAll()');
  });
});
