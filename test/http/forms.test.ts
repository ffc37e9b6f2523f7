import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Payload, UserEventType } from '../../src/domain/events.js';
import { listEvents } from '../../src/plans/plan.repository.js';
import { buildTestApp, type Agent, type TestApp } from '../support/app.js';
import { agendaSteps, counterTerms, examples, idea, notePoints, pointProposals, terms } from '../support/examples.js';
import { signEverything } from '../support/sign.js';
import { actorOf } from '../support/world.js';
import { listDocuments } from '../../src/documents/documents.repository.js';

// Every event's HTML form, driven as a browser would: render it for the person
// who may use it, refuse it to one who may not, keep what they typed when it is
// wrong or when someone else got there first, and run a whole plan to an award.

type Who = 'clinician' | 'manager' | 'rdLead' | 'supervisor';
/** An event a person sends, or every signatory authorising the documents issued so far. */
type Step = [Who, UserEventType, object?] | 'sign everything';
type Form = Record<string, string | string[]>;

const EVIL = '<script>alert(1)</script>';
const LONG = 'Far too long. '.repeat(400);
const html = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#x27;').replace(/=/g, '&#x3D;');
const versionIn = (page: string) => Number(/name="version" value="(\d+)"/.exec(page)?.[1]);
const unescape = (text: string) => text.replace(/&(lt|gt|quot|#x27|#x3D|#x60|amp);/g, (_, e: string) =>
  ({ lt: '<', gt: '>', quot: '"', '#x27': "'", '#x3D': '=', '#x60': '`', amp: '&' })[e]!);

/** Labels, hints and error links point at elements that exist, and no id is used twice (WCAG 1.3.1, 4.1.2). */
function expectWellFormed(page: string) {
  const ids = [...page.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!);
  expect(ids.filter((id, i) => ids.indexOf(id) !== i), 'ids used twice').toEqual([]);
  const targets = [...page.matchAll(/\s(?:for|aria-describedby|aria-labelledby)="([^"]+)"/g)].flatMap((m) => m[1]!.split(' '));
  const anchors = [...page.matchAll(/href="#([^"]+)"/g)].map((m) => m[1]!);
  expect([...targets, ...anchors].filter((id) => !ids.includes(id)), 'references to missing ids').toEqual([]);
}

/** The hidden fields of the form in a page's main content (the header's sign-out form is not part of it). */
function hiddenFields(page: string): Form {
  const form: Record<string, string[]> = {};
  const main = page.slice(page.indexOf('<main'));
  for (const [, name, value] of main.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) (form[name!] ??= []).push(unescape(value!));
  return form;
}

const toAgreement: Step[] = [['clinician', 'UPDATE_IDEA'], ['clinician', 'SUBMIT_FOR_AGREEMENT']];
const toTerms: Step[] = [...toAgreement, ['manager', 'AGREE_IN_PRINCIPLE'], ...agendaSteps];
const toAccept: Step[] = [...toTerms, ['clinician', 'PROPOSE_TERMS']];
const toSignOff: Step[] = [...toAccept, ['manager', 'ACCEPT_TERMS']];
const toMeeting: Step[] = [...toSignOff, ['rdLead', 'SIGN_OFF']];
const toRecord: Step[] = [...toMeeting, ['clinician', 'SCHEDULE_MEETING']];
const toApplication: Step[] = [...toRecord, ['supervisor', 'RECORD_MEETING']];
const toOutcome: Step[] = [...toApplication, 'sign everything', ['clinician', 'SUBMIT_APPLICATION']];
const toReapply: Step[] = [...toOutcome, ['clinician', 'RECORD_OUTCOME', { outcome: 'not-awarded', decidedOn: '2026-12-01' }]];
const toReopen: Step[] = [...toAgreement, ['manager', 'DECLINE']];

const date = (name: string, iso: string): Form => {
  const [year = '', month = '', day = ''] = iso.split('-');
  return { [`${name}-day`]: day, [`${name}-month`]: month, [`${name}-year`]: year };
};

/** The terms as a person types them into the form. */
const termsForm = (t: Payload<'PROPOSE_TERMS'>): Form => ({
  ...date('startDate', t.startDate), durationMonths: String(t.durationMonths), academicPercent: String(t.academicPercent),
  roleDuringTraining: t.roleDuringTraining, backfillArrangement: t.backfillArrangement, backfillDetail: t.backfillDetail,
  specialistPost: t.specialistPost ? 'yes' : 'no', coverTrainingPlan: t.coverTrainingPlan ?? '', clinicalFocus: t.clinicalFocus,
  skillsMaintenance: t.skillsMaintenance, applicationHoursPerWeek: String(t.applicationHoursPerWeek), teamContribution: t.teamContribution,
  estimatedBackfillCostPerYear: `£${t.estimatedBackfillCostPerYear.toLocaleString('en-GB')}`, comment: t.comment ?? '',
});

interface Case {
  type: string;
  url: string;
  path: Step[];
  who: Who;
  refused: Who;
  /** Where the refused person is refused, when not at `path` (anyone on a plan may comment until it closes). */
  refusedAt?: Step[];
  invalid?: { form: Form; field: string; message: string; kept: string };
}

const cases: Case[] = [
  { type: 'UPDATE_IDEA (the task list)', url: 'idea', path: [], who: 'clinician', refused: 'manager' },
  { type: 'SUBMIT_FOR_AGREEMENT', url: 'idea/check', path: [], who: 'clinician', refused: 'rdLead' },
  { type: 'UPDATE_IDEA (about)', url: 'idea/about', path: [], who: 'clinician', refused: 'manager',
    invalid: { form: { title: ' ', scheme: 'Kept scheme' }, field: 'title', message: 'Enter a title for the plan', kept: 'Kept scheme' } },
  { type: 'UPDATE_IDEA (why now)', url: 'idea/why-now', path: [], who: 'clinician', refused: 'manager',
    invalid: { form: { whyNow: LONG, inDevelopmentPlan: 'yes' }, field: 'whyNow', message: 'Why this opportunity is right now must be 5,000 characters or fewer', kept: LONG } },
  { type: 'UPDATE_IDEA (research)', url: 'idea/research', path: [], who: 'clinician', refused: 'rdLead',
    invalid: { form: { researchIdeas: 'Kept idea', serviceRelevance: LONG }, field: 'serviceRelevance', message: 'How it matters to the service must be 5,000 characters or fewer', kept: 'Kept idea' } },
  { type: 'UPDATE_IDEA (people)', url: 'idea/people', path: [], who: 'clinician', refused: 'rdLead',
    invalid: {
      form: { 'collaborators-1-name': 'Dr Kept', 'collaborators-1-organisation': 'Northshire', 'collaborators-1-email': 'not-an-email', 'collaborators-1-kind': 'mentor' },
      field: 'collaborators-1-email', message: 'Enter their email address in the correct format, like name@example.nhs.uk', kept: 'Dr Kept',
    } },
  { type: 'AGREE_IN_PRINCIPLE', url: 'events/AGREE_IN_PRINCIPLE', path: toAgreement, who: 'manager', refused: 'clinician',
    invalid: { form: { opportunityNotes: LONG, peopleNotes: 'Kept people', midTermPlan: 'Mid', longTermPlan: 'Long' }, field: 'opportunityNotes', message: 'Whether this is the right opportunity must be 5,000 characters or fewer', kept: 'Kept people' } },
  { type: 'REQUEST_CHANGES', url: 'events/REQUEST_CHANGES', path: toAgreement, who: 'manager', refused: 'rdLead',
    invalid: { form: { comment: LONG }, field: 'comment', message: 'What needs to change must be 5,000 characters or fewer', kept: LONG } },
  { type: 'DECLINE', url: 'events/DECLINE', path: toAgreement, who: 'manager', refused: 'clinician',
    invalid: { form: { reason: '' }, field: 'reason', message: 'Enter the reason for declining', kept: '' } },
  { type: 'DECLINE (by R&D)', url: 'events/DECLINE', path: toSignOff, who: 'rdLead', refused: 'manager' },
  { type: 'PROPOSE_TERMS', url: 'terms', path: toTerms, who: 'clinician', refused: 'rdLead',
    invalid: { form: { ...termsForm(terms), durationMonths: 'three years' }, field: 'durationMonths', message: 'Duration in months must be a number', kept: 'three years' } },
  { type: 'ACCEPT_TERMS', url: 'events/ACCEPT_TERMS', path: toAccept, who: 'manager', refused: 'clinician' },
  { type: 'SIGN_OFF', url: 'events/SIGN_OFF', path: toSignOff, who: 'rdLead', refused: 'manager',
    invalid: { form: { conditions: 'Kept conditions' }, field: 'budgetHolder', message: 'Select who will hold the budget', kept: 'Kept conditions' } },
  { type: 'RETURN_FOR_CHANGES', url: 'events/RETURN_FOR_CHANGES', path: toSignOff, who: 'rdLead', refused: 'clinician',
    invalid: { form: { comment: LONG }, field: 'comment', message: 'What needs to change must be 5,000 characters or fewer', kept: LONG } },
  { type: 'SCHEDULE_MEETING', url: 'events/SCHEDULE_MEETING', path: toMeeting, who: 'clinician', refused: 'rdLead',
    invalid: {
      form: { supervisorName: 'Dr Kept', supervisorOrganisation: 'Uni', supervisorEmail: 'jo@x.ac.uk', ...date('startsAt', '2027-01-15'), startsAtTime: '25:99', durationMinutes: '60', location: 'Room 1' },
      field: 'startsAtTime', message: 'Date and time of the meeting must be a real date and time', kept: 'Dr Kept',
    } },
  { type: 'RECORD_MEETING', url: 'events/RECORD_MEETING', path: toRecord, who: 'supervisor', refused: 'rdLead',
    invalid: { form: { researchQuestion: 'Kept question', localRelevance: 'Local', relationshipPlan: 'Plan', actions: ' \n ' }, field: 'actions', message: 'Enter at least one action', kept: 'Kept question' } },
  { type: 'SUBMIT_APPLICATION', url: 'events/SUBMIT_APPLICATION', path: toApplication, who: 'clinician', refused: 'manager',
    invalid: {
      form: { funder: 'Kept funder', scheme: 'DCAF', callName: 'Round 12', ...date('callDeadline', '2027-02-31'), ...date('submittedOn', '2027-02-20'), reference: 'R1' },
      field: 'callDeadline', message: 'Call deadline must be a real date', kept: 'Kept funder',
    } },
  { type: 'RECORD_OUTCOME', url: 'events/RECORD_OUTCOME', path: toOutcome, who: 'clinician', refused: 'manager',
    invalid: { form: { outcome: 'awarded', ...date('decidedOn', '2026-11-01'), feedback: 'Kept feedback' }, field: 'awardStart', message: 'Enter the date the award starts', kept: 'Kept feedback' } },
  { type: 'REAPPLY', url: 'events/REAPPLY', path: toReapply, who: 'clinician', refused: 'manager' },
  { type: 'REOPEN', url: 'events/REOPEN', path: toReopen, who: 'clinician', refused: 'manager',
    invalid: { form: { comment: LONG }, field: 'comment', message: 'Comment must be 5,000 characters or fewer', kept: LONG } },
  { type: 'WITHDRAW', url: 'events/WITHDRAW', path: [], who: 'clinician', refused: 'manager',
    invalid: { form: { reason: LONG }, field: 'reason', message: 'Reason for withdrawing must be 5,000 characters or fewer', kept: LONG } },
  { type: 'COMMENT', url: 'events/COMMENT', path: toAgreement, who: 'rdLead', refused: 'manager', refusedAt: [['clinician', 'WITHDRAW']],
    invalid: { form: { text: '   ' }, field: 'text', message: 'Enter your comment', kept: '' } },
];

describe('the form of every event', () => {
  let t: TestApp;
  let as: Record<Who, Agent>;

  beforeAll(async () => {
    t = await buildTestApp();
    as = await t.signInPlanPeople();
  });
  afterAll(() => t.cleanup());

  /** A plan taken through these steps by the service; returns its id. */
  async function planAt(path: Step[]): Promise<string> {
    const { id } = await t.services.plans.create(actorOf(t.world.clinician), { title: 'Mobilisation after hip fracture', managerId: t.world.manager.id });
    for (const step of path) {
      if (step === 'sign everything') {
        await signEverything(t.services, id, t.world);
        continue;
      }
      const [who, type, payload] = step;
      await t.services.plans.send(id, actorOf(t.world[who]), { type, version: (await stateOf(id)).version, payload: payload ?? examples[type](1) });
    }
    return id;
  }
  const stateOf = async (id: string) => (await t.services.plans.load(id, actorOf(t.world.clinician))).row;

  /** Open a form as this person and return its page and the version it carries. */
  async function open(who: Who, url: string) {
    const res = await as[who].get(url);
    expect(res.status, `${who} GET ${url}`).toBe(200);
    const page = await res.text();
    expectWellFormed(page);
    return { page, version: String(versionIn(page)) };
  }

  async function expectInvalid(res: Response, field: string, message: string, kept: string) {
    expect(res.status).toBe(422);
    const page = await res.text();
    expectWellFormed(page);
    const summary = page.indexOf('nhsuk-error-summary');
    expect(summary).toBeGreaterThan(-1);
    expect(summary).toBeLessThan(page.indexOf('<h1'));
    expect(page).toContain(`<a href="#${field}">${html(message)}</a>`);
    expect(page).toMatch(new RegExp(`id="${field}-error">\\s*<span class="nhsuk-u-visually-hidden">Error: </span>${html(message).replace(/[.()]/g, '\\$&')}`));
    expect(page).toContain(`id="${field}"`);
    expect(page).toContain(html(kept));
    return page;
  }

  describe.each(cases)('$type', ({ url, path, who, refused, refusedAt }) => {
    it(`renders for the ${who} and is refused (403) to the ${refused}, who cannot see a private draft at all (404)`, async () => {
      const id = await planAt(path);
      const { page } = await open(who, `/plans/${id}/${url}`);
      expect(page).toContain('name="_csrf"');
      const elsewhere = refusedAt ? await planAt(refusedAt) : id;
      const privateDraft = (refusedAt ?? path).every((step) => step === 'sign everything' || step[1] !== 'SUBMIT_FOR_AGREEMENT');
      expect((await as[refused].get(`/plans/${elsewhere}/${url}`)).status).toBe(privateDraft && refused !== 'clinician' ? 404 : 403);
    });
  });

  // Forms speak to the person reading them (issue 17.4): "you" for the reader, the others by name. Words
  // meant for another reader ("the clinician" on the clinician's own form, their own name as someone
  // else's) fail, on the form and on its error messages.
  const readers: Array<Case & { reader: Who }> = [
    ...cases.map((c) => ({ ...c, reader: c.who })),
    // The terms are proposed by either side.
    ...cases.filter((c) => c.type === 'PROPOSE_TERMS').map((c) => ({ ...c, reader: 'manager' as Who })),
  ];
  const meantForOthers = (reader: Who): RegExp[] => {
    const own = t.world[reader].name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const theirOwn = new RegExp(`${own}(&#x27;|')s\\b`);
    switch (reader) {
      case 'clinician': return [/\bthe clinician\b/i, theirOwn];
      case 'manager': return [/\bthe (line )?manager\b/i, /\byour line manager\b/i, theirOwn];
      case 'rdLead': return [/\bthe R&amp;D lead\b/i, theirOwn];
      case 'supervisor': return [/\bthe (academic )?supervisor\b(?! meeting)/i, theirOwn];
    }
  };
  describe.each(readers)('$type, read by the $reader', ({ url, path, reader, invalid }) => {
    it('speaks to its reader, not about them', async () => {
      const id = await planAt(path);
      const { page, version } = await open(reader, `/plans/${id}/${url}`);
      const pages = [page];
      if (invalid) pages.push(await (await as[reader].post(`/plans/${id}/${url}`, { version })).text());
      for (const shown of pages) {
        // The agreed points of the discussion are its shared record, in the agenda's own words (src/presenters/agenda-questions.ts).
        const main = shown.slice(shown.indexOf('<main'), shown.indexOf('</main>')).replace(/<details class="nhsuk-details">[\s\S]*?<\/details>/g, '');
        for (const words of meantForOthers(reader)) expect(main, `${url} for the ${reader}`).not.toMatch(words);
      }
    });
  });

  // ACCEPT_TERMS and REAPPLY have nothing to type: only a stale proposal can be wrong (see the conflicts).
  describe.each(cases.filter((c) => c.invalid))('$type with a wrong answer', ({ url, path, who, invalid }) => {
    it('shows what is wrong (422) at the field and in the summary, keeping what was typed', async () => {
      const id = await planAt(path);
      const { version } = await open(who, `/plans/${id}/${url}`);
      const res = await as[who].post(`/plans/${id}/${url}`, { ...invalid!.form, version });
      const before = (await stateOf(id)).version;
      await expectInvalid(res, invalid!.field, invalid!.message, invalid!.kept);
      expect((await stateOf(id)).version).toBe(before);
    });
  });

  it('lists what is missing before an idea can be sent, each linking to the page that asks it', async () => {
    const id = await planAt([]);
    const { version } = await open('clinician', `/plans/${id}/idea/check`);
    const res = await as.clinician.post(`/plans/${id}/idea/check`, { version });
    expect(res.status).toBe(422);
    const page = await res.text();
    expect(page).toContain(`<a href="${html(`/plans/${id}/idea/about?from=check#profession`)}">Select your profession</a>`);
    expect(page).toContain(`<a href="${html(`/plans/${id}/idea/why-now?from=check#careerGoal`)}">Enter your career goal</a>`);
  });

  it('takes an expected closing date for the call: an impossible one is explained and kept as typed, a real one is saved and shown', async () => {
    const id = await planAt([]);
    const about = `/plans/${id}/idea/about`;
    const { version } = await open('clinician', about);
    const typed = { title: 'Kept title', scheme: 'Kept scheme', ...date('expectedDeadline', '2027-02-30') };
    const page = await expectInvalid(await as.clinician.post(about, { ...typed, version }),
      'expectedDeadline', 'Expected closing date of the funding call must be a real date', 'Kept scheme');
    expect(page).toContain('Kept title');
    for (const [part, value] of [['day', '30'], ['month', '02'], ['year', '2027']]) {
      expect(page).toMatch(new RegExp(`name="expectedDeadline-${part}" type="text"\\s*value="${value}"`));
    }
    expect((await stateOf(id)).version).toBe(1);

    const saved = await as.clinician.post(about, { ...typed, ...date('expectedDeadline', '2027-03-01'), version });
    expect(saved.status).toBe(303);
    expect((await open('clinician', about)).page).toMatch(/name="expectedDeadline-month" type="text"\s*value="3"/);
    const check = (await open('clinician', `/plans/${id}/idea/check`)).page;
    expect(check).toMatch(/Expected closing date of the funding call\s*<\/dt>\s*<dd class="nhsuk-summary-list__value">\s*<p>1 March 2027<\/p>/);
    expect(check).toContain(`href="${html(`${about}?from=check#expectedDeadline`)}"`);

    // Leaving the three boxes blank clears it again: it is optional, and the idea can be sent without it.
    const { version: next } = await open('clinician', about);
    expect((await as.clinician.post(about, { ...typed, ...date('expectedDeadline', '--'), version: next })).status).toBe(303);
    expect((await open('clinician', `/plans/${id}/idea/check`)).page).not.toContain('1 March 2027');
    await t.services.plans.send(id, actorOf(t.world.clinician), { type: 'UPDATE_IDEA', version: (await stateOf(id)).version, payload: idea });
    const { version: ready } = await open('clinician', `/plans/${id}/idea/check`);
    expect((await as.clinician.post(`/plans/${id}/idea/check`, { version: ready })).status).toBe(303);
    expect((await stateOf(id)).state).toBe('managerAgreement');
  });

  it('hides a plan from someone who is not part of it (404) and sends unknown forms to 404', async () => {
    const id = await planAt([]);
    const outsider = await t.signIn(t.world.otherClinician);
    expect((await outsider.get(`/plans/${id}/events/COMMENT`)).status).toBe(404);
    expect((await as.clinician.get(`/plans/${id}/events/NOT_AN_EVENT`)).status).toBe(404);
    expect((await as.clinician.get(`/plans/${id}/idea/not-a-page`)).status).toBe(404);
  });

  it('reads a meeting time in UK summer time with the BST offset', async () => {
    const id = await planAt(toMeeting);
    const { version } = await open('manager', `/plans/${id}/events/SCHEDULE_MEETING`);
    const res = await as.manager.post(`/plans/${id}/events/SCHEDULE_MEETING`, {
      version, supervisorName: 'Dr Jo Evans', supervisorOrganisation: 'University of Northshire', supervisorEmail: 'jo.evans@northshire.ac.uk',
      confirmedAccount: t.world.supervisor.id, ...date('startsAt', '2027-07-15'), startsAtTime: '2:30pm', durationMinutes: '90', location: 'Seminar room 3',
    });
    expect(res.status).toBe(303);
    const { snapshot } = await t.services.plans.load(id, actorOf(t.world.manager));
    expect(snapshot.context.meeting?.startsAt).toBe('2027-07-15T14:30:00+01:00');
  });

  describe('when someone else changed the plan first', () => {
    it('brings the form back (409) with the plan as it is now, the input kept and the new version to send again', async () => {
      const id = await planAt(toAgreement);
      const { version } = await open('manager', `/plans/${id}/events/COMMENT`);
      await t.services.plans.send(id, actorOf(t.world.clinician), { type: 'COMMENT', version: 3, payload: { text: 'Any news?' } });
      const res = await as.manager.post(`/plans/${id}/events/COMMENT`, { text: `Looks good ${EVIL}`, version });
      expect(res.status).toBe(409);
      const page = await res.text();
      expect(page).toContain('Someone else changed this plan while you were working on it');
      expect(page).toContain('The plan is now: Waiting for the manager.');
      expect(page).toContain(html(`Looks good ${EVIL}`));
      expect(versionIn(page)).toBe(4);
      const again = await as.manager.post(`/plans/${id}/events/COMMENT`, { text: 'Looks good', version: '4' });
      expect(again.headers.get('location')).toBe(`/plans/${id}?done=COMMENT`);
    });

    it('says plainly (409) when the form no longer applies, and gives back what was written', async () => {
      const id = await planAt(toAgreement);
      const { version } = await open('manager', `/plans/${id}/events/REQUEST_CHANGES`);
      await t.services.plans.send(id, actorOf(t.world.clinician), { type: 'WITHDRAW', version: 3, payload: { reason: 'Not this year' } });
      const res = await as.manager.post(`/plans/${id}/events/REQUEST_CHANGES`, { comment: `Add the audit data ${EVIL}`, version });
      expect(res.status).toBe(409);
      const page = await res.text();
      expect(page).toContain('Someone else changed this plan');
      expect(page).toContain('Withdrawn');
      expect(page).toContain(html(`Add the audit data ${EVIL}`));
      expect(page).not.toContain(EVIL);
      // Each answer given back under what it was about.
      expect(page).toMatch(/<h3 class="nhsuk-heading-s">Comment<\/h3>\s*<div class="nhsuk-inset-text">\s*<span class="nhsuk-u-visually-hidden">Information: <\/span>\s*<p>Add the audit data/);
    });

    it('shows the latest terms (409) when the terms being accepted were replaced', async () => {
      const id = await planAt(toAccept);
      const { version } = await open('manager', `/plans/${id}/events/ACCEPT_TERMS`);
      const res = await as.manager.post(`/plans/${id}/events/ACCEPT_TERMS`, { termsVersion: '99', version });
      expect(res.status).toBe(409);
      const page = await res.text();
      expect(page).toContain('Someone else changed this plan while you were working on it');
      expect(page).toContain('name="termsVersion" value="1"');
    });
  });

  it('keeps script-like text as text on the form, the check page and when changing an answer', async () => {
    const id = await planAt(toTerms);
    const { version } = await open('clinician', `/plans/${id}/terms`);
    const wrong = await as.clinician.post(`/plans/${id}/terms`, { ...termsForm(terms), backfillDetail: EVIL, durationMonths: '', version });
    expect(wrong.status).toBe(422);
    const form = await wrong.text();
    expect(form).toContain(`<a href="#durationMonths">Enter the duration in months</a>`);
    expect(form).toContain(html(EVIL));
    expect(form).not.toContain(EVIL);

    const check = await as.clinician.post(`/plans/${id}/terms`, { ...termsForm(terms), backfillDetail: EVIL, version });
    expect(check.status).toBe(200);
    const page = await check.text();
    expect(page).toContain(`<p>${html(EVIL)}</p>`);
    expect(page).toContain(`name="backfillDetail" value="${html(EVIL)}"`);
    expect(page).not.toContain(EVIL);

    const change = await as.clinician.post(`/plans/${id}/terms/change`, hiddenFields(page));
    expect(change.status).toBe(200);
    const again = await change.text();
    expect(again).toContain(`>${html(EVIL)}</textarea>`);
    expect(again).toContain('id="academicPercent" name="academicPercent" type="text" value="60"');
    expect(versionIn(again)).toBe(Number(version));
    expect((await stateOf(id)).version).toBe(4 + agendaSteps.length);
  });

  it('gives a multi-line answer back line for line, with nothing added, when the form comes back', async () => {
    const id = await planAt(toTerms);
    const { version } = await open('clinician', `/plans/${id}/terms`);
    const typed = 'Recruit a band 6 on a fixed-term contract.\nThe team covers the first month.\n\nReviewed after six months.';
    const wrong = await as.clinician.post(`/plans/${id}/terms`, { ...termsForm(terms), backfillDetail: typed, durationMonths: '', version });
    expect(wrong.status).toBe(422);
    const textarea = /<textarea[^>]*name="backfillDetail-recruit-fixed-term"[^>]*>([\s\S]*?)<\/textarea>/.exec(await wrong.text());
    expect(unescape(textarea![1]!)).toBe(typed);
  });

  it('changes nothing when a form is posted without its CSRF token', async () => {
    const id = await planAt([]);
    const { version } = await open('clinician', `/plans/${id}/events/COMMENT`);
    const res = await as.clinician.post(`/plans/${id}/events/COMMENT`, { _csrf: '', text: 'Sneaky', version });
    expect(res.status).toBe(403);
    expect((await stateOf(id)).version).toBe(1);
  });

  it('takes a plan from idea to award through the forms, as clinician, manager, R&D lead and supervisor', async () => {
    const { id } = await t.services.plans.create(actorOf(t.world.clinician), { title: 'Early mobilisation', managerId: t.world.manager.id });
    const plan = `/plans/${id}`;
    /** Open a form, fill it in and send it; returns where the service sent the person next. */
    const fill = async (who: Who, url: string, form: Form) => {
      const { version } = await open(who, `${plan}/${url}`);
      const res = await as[who].post(`${plan}/${url}`, { ...form, version });
      expect(res.status, `${who} POST ${url}: ${res.status === 303 ? '' : await res.text()}`).toBe(303);
      return res.headers.get('location');
    };
    const done = (type: UserEventType) => `${plan}?done=${type}`;
    /** The terms form, its check page, then "Send these terms". */
    const propose = async (who: Who, proposal: Payload<'PROPOSE_TERMS'>) => {
      const { version } = await open(who, `${plan}/terms`);
      const check = await as[who].post(`${plan}/terms`, { ...termsForm(proposal), version });
      expect(check.status).toBe(200);
      const res = await as[who].post(`${plan}/terms/confirm`, hiddenFields(await check.text()));
      expect(res.headers.get('location')).toBe(done('PROPOSE_TERMS'));
    };
    const accept = async (who: Who) => {
      const { page } = await open(who, `${plan}/events/ACCEPT_TERMS`);
      expect(await fill(who, 'events/ACCEPT_TERMS', { termsVersion: /name="termsVersion" value="(\d+)"/.exec(page)![1]! })).toBe(done('ACCEPT_TERMS'));
    };

    // The clinician writes the idea over four pages, checks it and sends it.
    expect(await fill('clinician', 'idea/about', { title: 'Early mobilisation', profession: idea.profession, opportunityLevel: idea.opportunityLevel, scheme: idea.scheme })).toBe(`${plan}/idea/why-now`);
    expect(await fill('clinician', 'idea/why-now', { whyNow: idea.whyNow, careerGoal: idea.careerGoal, inDevelopmentPlan: 'yes' })).toBe(`${plan}/idea/research`);
    expect(await fill('clinician', 'idea/research', { researchIdeas: idea.researchIdeas, researchQuestion: '', serviceRelevance: idea.serviceRelevance })).toBe(`${plan}/idea/people`);
    expect(await fill('clinician', 'idea/people', {
      'collaborators-0-name': 'Dr Jo Evans', 'collaborators-0-organisation': 'University of Northshire',
      'collaborators-0-email': 'jo.evans@northshire.ac.uk', 'collaborators-0-kind': 'supervisor',
    })).toBe(`${plan}/idea/check`);
    expect(await fill('clinician', 'idea/check', {})).toBe(done('SUBMIT_FOR_AGREEMENT'));

    // The manager asks for changes; the clinician answers them from the check page and sends again.
    expect(await fill('manager', 'events/REQUEST_CHANGES', { comment: 'Please add a research question.' })).toBe(done('REQUEST_CHANGES'));
    expect((await open('clinician', `${plan}/idea`)).page).toContain('Please add a research question.');
    expect(await fill('clinician', 'idea/research?from=check', {
      from: 'check', researchIdeas: idea.researchIdeas, researchQuestion: idea.researchQuestion, serviceRelevance: idea.serviceRelevance,
    })).toBe(`${plan}/idea/check`);
    expect(await fill('clinician', 'idea/check', {})).toBe(done('SUBMIT_FOR_AGREEMENT'));
    expect(await fill('manager', 'events/AGREE_IN_PRINCIPLE', examples.AGREE_IN_PRINCIPLE(1))).toBe(done('AGREE_IN_PRINCIPLE'));

    // The discussion: each answers every point waiting for them in one form; the clinician proposes the other five in one form.
    const agreeAll = async (who: Who) => {
      const { page } = await open(who, `${plan}/agenda/respond`);
      const waiting = [...page.matchAll(/name="([a-zA-Z]+)-version" value="(\d+)"/g)];
      expect(waiting.length).toBeGreaterThan(0);
      const answers = Object.fromEntries(waiting.flatMap(([, key, v]) => [[`${key}-version`, v!], [`${key}-decision`, 'agree']]));
      expect(await fill(who, 'agenda/respond', answers)).toBe(`${plan}/agenda?done=AGENDA`);
    };
    await agreeAll('clinician');
    const open5 = Object.values(pointProposals).filter((p) => !notePoints.includes(p.point));
    expect(await fill('clinician', 'agenda/propose', Object.fromEntries(open5.map((p) => [`${p.point}-position`, p.position])))).toBe(`${plan}/agenda?done=AGENDA`);
    await agreeAll('manager');
    expect((await open('manager', `${plan}/agenda`)).page).toContain('9 of 9 points agreed.');

    // Terms: a proposal, a counter-proposal from the manager's prefilled form, acceptance.
    await propose('clinician', terms);
    expect((await open('manager', `${plan}/terms`)).page).toContain('name="academicPercent" type="text" value="60"');
    await propose('manager', counterTerms);
    await accept('clinician');

    // R&D returns the terms; they are agreed again and signed off.
    expect(await fill('rdLead', 'events/RETURN_FOR_CHANGES', { comment: 'The cover cost looks low for a band 6 post.' })).toBe(done('RETURN_FOR_CHANGES'));
    expect((await open('clinician', `${plan}/terms`)).page).toContain('The cover cost looks low for a band 6 post.');
    await propose('clinician', { ...counterTerms, estimatedBackfillCostPerYear: 34_000, comment: 'Costed with R&D.' });
    await accept('manager');
    expect(await fill('rdLead', 'events/SIGN_OFF', { budgetHolder: 'nhs-trust', capacityConfirmed: 'yes', conditions: '' })).toBe(done('SIGN_OFF'));

    // The meeting, starting from the supervisor named in the idea; the supervisor records it.
    expect((await open('manager', `${plan}/events/SCHEDULE_MEETING`)).page).toContain('value="jo.evans@northshire.ac.uk"');
    // The email is the supervisor's account: whose it is, confirmed before it is sent.
    expect(await fill('manager', 'events/SCHEDULE_MEETING', {
      supervisorName: 'Dr Jo Evans', supervisorOrganisation: 'University of Northshire', supervisorEmail: 'jo.evans@northshire.ac.uk',
      ...date('startsAt', '2027-01-15'), startsAtTime: '10:00', durationMinutes: '60', location: 'Research office',
      confirmedAccount: t.world.supervisor.id,
    })).toBe(done('SCHEDULE_MEETING'));
    expect(await fill('supervisor', 'events/RECORD_MEETING', {
      ...date('heldOn', '2026-12-01'), researchQuestion: idea.researchQuestion, localRelevance: 'Uses the trust audit data.', relationshipPlan: 'A joint journal club.',
      actions: 'Draft the outline by March\r\n\r\nBook the costing meeting\r\n',
    })).toBe(done('RECORD_MEETING'));

    // Each signatory reads and authorises each document from its page; then the application and its award.
    for (const who of ['clinician', 'manager', 'rdLead', 'supervisor'] as const) {
      for (const document of (await listDocuments(t.services.db.kysely, id)).filter((d) => d.current)) {
        if (!document.signatures.some((s) => s.user_id === t.world[who].id && !s.authorised_at)) continue;
        const res = await as[who].post(`${plan}/documents/${document.id}/authorisations`, { confirm: 'yes', sha256: document.sha256 });
        expect(res.status, `${who} authorises the ${document.kind}`).toBe(303);
      }
    }
    expect(await fill('clinician', 'events/SUBMIT_APPLICATION', {
      funder: 'NIHR', scheme: 'DCAF', callName: 'Round 12', ...date('callDeadline', '2027-03-01'), ...date('submittedOn', '2026-11-20'), reference: 'NIHR-42',
    })).toBe(done('SUBMIT_APPLICATION'));
    expect(await fill('clinician', 'events/RECORD_OUTCOME', {
      outcome: 'awarded', ...date('decidedOn', '2026-12-01'), feedback: '', ...date('awardStart', '2027-10-01'), endOfAwardPlan: 'Back to band 7 with research time.',
    })).toBe(done('RECORD_OUTCOME'));

    // The conditions of the award, each confirmed by its owner; then training starts and, in time, ends.
    for (const who of ['clinician', 'manager', 'rdLead'] as const) {
      for (;;) {
        const { page } = await open(who, `${plan}/events/CONFIRM_CONDITION`);
        const waiting = /name="condition" type="radio" value="([^"]+)"/.exec(page);
        if (!waiting) break;
        expect(await fill(who, 'events/CONFIRM_CONDITION', { condition: waiting[1]!, note: '' })).toBe(done('CONFIRM_CONDITION'));
      }
    }
    expect(await fill('manager', 'events/START_TRAINING', date('startedOn', '2026-12-01'))).toBe(done('START_TRAINING'));
    expect(await fill('clinician', 'events/COMPLETE_AWARD', { ...date('completedOn', '2026-12-01'), summary: 'Thesis submitted.' })).toBe(done('COMPLETE_AWARD'));

    const { row, snapshot } = await t.services.plans.load(id, actorOf(t.world.clinician));
    expect(row.state).toBe('completed');
    expect(snapshot.context.conditions.every((c) => c.confirmed)).toBe(true);
    expect(snapshot.context.terms.map((proposal) => proposal.terms.academicPercent)).toEqual([60, 50, 50]);
    expect(snapshot.context.meeting?.startsAt).toBe('2027-01-15T10:00:00+00:00');
    expect(snapshot.context.meetingRecord?.actions).toEqual(['Draft the outline by March', 'Book the costing meeting']);
    const types = (await listEvents(t.services.db.kysely, id)).map((event) => event.type);
    expect(types.filter((type) => type === 'REQUEST_CHANGES' || type === 'RETURN_FOR_CHANGES')).toEqual(['REQUEST_CHANGES', 'RETURN_FOR_CHANGES']);
  });
});
