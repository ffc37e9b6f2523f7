import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventLabels } from '../../workflows/plan.labels.js';
import { setCover } from '../../src/plans/covers.repository.js';
import { buildTestApp, type Agent, type TestApp } from '../support/app.js';
import { actionsIn, bannerIn, between, tasksIn, text, visible, waitingIn } from '../support/plan-page.js';
import {
  planAt, toAccept, toAgreement, toApplication, toAward, toAwardTheLongWay, toCompleted, toRecord, toSignOff, toTerms,
  type Person, type Step,
} from '../support/plan-states.js';
import { actorOf } from '../support/world.js';

// The plan page as each person reads it (issue 17): the main action only for
// the person the plan waits on, Decline and Withdraw as links to their own
// confirmation pages, step links that open the step, what is over folded
// away, every text addressed to its reader, signatures and conditions among
// the reader's actions, and a confirmation after each step.

describe('the plan page, for the person reading it', () => {
  let t: TestApp;
  const as = {} as Record<Person, Agent>;
  const plan = (steps: Step[]) => planAt(t.services, t.world, steps);
  const page = async (who: Person, path: string, status = 200) => {
    const res = await as[who].get(path);
    expect(res.status, `${who} GET ${path}`).toBe(status);
    return res.text();
  };

  beforeAll(async () => {
    t = await buildTestApp('sqlite', { SESSION_HOURS: '720' });
    for (const who of ['clinician', 'manager', 'rdLead', 'supervisor', 'admin'] as const) as[who] = await t.signIn(t.world[who]);
  }, 60_000);
  afterAll(() => t.cleanup());

  describe('the main action', () => {
    it('is offered only to the person the plan waits on: after proposing terms, the clinician waits for Sam Patel', async () => {
      const id = await plan(toAccept);
      const clinician = await page('clinician', `/plans/${id}`);
      expect(actionsIn(clinician).primary).toBeNull();
      expect(actionsIn(clinician).secondary.map(([label]) => label)).toEqual(['Propose terms']);
      expect(waitingIn(clinician)).toEqual(['Waiting for Sam Patel to accept the terms or propose different ones']);
      const manager = await page('manager', `/plans/${id}`);
      expect(actionsIn(manager).primary).toEqual(['Accept these terms', `/plans/${id}/events/ACCEPT_TERMS`]);
      expect(waitingIn(manager)).toEqual(['Waiting for you to accept the terms or propose different ones']);
    });

    it('goes to R&D at sign-off; the manager and clinician have none', async () => {
      const id = await plan(toSignOff);
      expect(actionsIn(await page('rdLead', `/plans/${id}`)).primary?.[0]).toBe('Sign off');
      for (const who of ['clinician', 'manager'] as const) expect(actionsIn(await page(who, `/plans/${id}`)).primary, who).toBeNull();
      expect(waitingIn(await page('clinician', `/plans/${id}`))).toEqual(['Waiting for R&D to sign off the plan or return it for changes']);
    });

    it('is authorising the document for a signatory, linking to the document, until they have', async () => {
      const id = await plan(toApplication);
      for (const who of ['clinician', 'manager'] as const) {
        const offered = actionsIn(await page(who, `/plans/${id}`));
        const all = [offered.primary, ...offered.secondary].map((link) => link?.[0]);
        expect(offered.primary?.[0], who).toMatch(/^Authorise the /);
        expect(offered.primary?.[1], who).toMatch(new RegExp(`^/plans/${id}/documents/`));
        expect(all, who).toContain('Authorise the training agreement');
      }
      const waiting = waitingIn(await page('clinician', `/plans/${id}`));
      expect(waiting[0]).toMatch(/^Waiting for you to authorise the /);
      expect(waiting.at(-1)).toBe('Then waiting for you to submit the funding application and record it');
    });

    it('is confirming their conditions of the award for each person who owns one', async () => {
      const id = await plan(toAward);
      expect(actionsIn(await page('manager', `/plans/${id}`)).primary).toEqual(['Confirm your conditions of the award', `/plans/${id}/events/CONFIRM_CONDITION`]);
      expect(actionsIn(await page('clinician', `/plans/${id}`)).primary).toEqual(['Confirm your condition of the award', `/plans/${id}/events/CONFIRM_CONDITION`]);
      expect(actionsIn(await page('supervisor', `/plans/${id}`)).primary).toBeNull();
    });
  });

  describe('decline and withdraw', () => {
    it('are links to their own confirmation page, which asks why before anything happens', async () => {
      const id = await plan(toAgreement);
      const body = await page('manager', `/plans/${id}`);
      expect(actionsIn(body).stopping).toEqual([['Decline the plan', `/plans/${id}/events/DECLINE`]]);
      expect(body).not.toContain('nhsuk-button--warning');
      const confirm = await page('manager', `/plans/${id}/events/DECLINE`);
      expect(confirm).toContain(`action="/plans/${id}/events/DECLINE"`);
      expect(confirm).toContain('name="reason"');
      const withdraw = actionsIn(await page('clinician', `/plans/${id}`)).stopping;
      expect(withdraw).toEqual([['Withdraw the plan', `/plans/${id}/events/WITHDRAW`]]);
      expect(await page('clinician', `/plans/${id}/events/WITHDRAW`)).toContain('name="reason"');
    });
  });

  describe('the steps', () => {
    it('link to each step\'s own page, never to a decision form', async () => {
      const id = await plan(toSignOff);
      const tasks = tasksIn(await page('rdLead', `/plans/${id}`));
      expect(tasks.map(([, , href]) => href)).toEqual([
        `/plans/${id}/steps/idea`, `/plans/${id}/steps/agreement`, `/plans/${id}/steps/terms`, null, null, null, null,
      ]);
      for (const [title, , href] of tasks.filter(([, , href]) => href)) {
        expect(visible(await page('rdLead', href!)), title).toContain(title);
      }
      // A step with nothing recorded yet has no page.
      await page('rdLead', `/plans/${id}/steps/meeting`, 404);
      await page('rdLead', `/plans/${id}/steps/nonsense`, 404);
    });

    it('fold away what is over: answered requests, earlier terms and old comments are a step or a click away', async () => {
      const id = await plan(toAwardTheLongWay);
      const body = await page('clinician', `/plans/${id}`);
      const shown = visible(body);
      // The manager's request was answered long ago: it is on the idea's page, folded, not at the top.
      expect(shown).not.toContain('Changes asked for');
      expect(shown).not.toContain('Terms, version');
      expect(body).not.toContain('id="open-request"');
      const idea = await page('clinician', `/plans/${id}/steps/idea`);
      expect(between(idea, '<details', '</details>')).toContain('Changes asked for');
      const terms = await page('clinician', `/plans/${id}/steps/terms`);
      expect(visible(terms)).toContain('Terms, version 3');
      expect(terms.match(/<details/g)?.length ?? 0).toBeGreaterThanOrEqual(2);
      expect(shown).toContain('See the full history of this plan');
    });

    it('keep a request for changes at the top while it is being answered', async () => {
      const id = await plan([...toAgreement, ['manager', 'REQUEST_CHANGES']]);
      const body = await page('clinician', `/plans/${id}`);
      expect(text(between(body, 'id="open-request"', '</div>'))).toContain('Changes asked for');
    });
  });

  describe('words for the reader', () => {
    // Words that speak of the reader in the third person, by role.
    const aboutThemselves: Record<Person, RegExp> = {
      clinician: /\bthe clinician\b|Alex Morgan/i,
      manager: /\bthe manager\b|Sam Patel/i,
      rdLead: /\bR&D (checks|signs|confirm)|Priya Shah/,
      supervisor: /\bthe academic supervisor\b|Dr Jo Evans/i,
      admin: /\bthe administrator\b/i,
    };
    /** Each place the words occur, with a little of the text around it. */
    const wordsAbout = (shown: string, words: RegExp) =>
      [...shown.matchAll(new RegExp(words.source, `${words.flags}g`))].map((m) => shown.slice(Math.max(0, m.index - 60), m.index + 60));
    const typed = 'The manager joins the first supervisor meeting.';
    const states: Array<[string, Step[]]> = [
      ['a new plan', []], ['manager agreement', toAgreement], ['terms', toTerms], ['terms proposed', toAccept], ['R&D sign-off', toSignOff],
      ['a meeting arranged', toRecord], ['the application', toApplication], ['the award', toAward], ['completed', toCompleted],
    ];

    it.each(states)('at %s, each person reads the plan page and its history addressed to them', async (_state, steps) => {
      const id = await plan(steps);
      const readers: Person[] = steps.length ? ['clinician', 'manager', 'rdLead', 'admin', ...(steps.length >= toRecord.length ? ['supervisor' as const] : [])] : ['clinician'];
      for (const who of readers) {
        for (const path of [`/plans/${id}`, `/plans/${id}/history`]) {
          // What people typed is quoted as they wrote it: an agenda point's "The manager joins the first supervisor meeting."
          // and the meeting's details list the supervisor by name, as data; the history quotes the statement each
          // signatory confirmed, word for word as it was written for them.
          const shown = visible(await page(who, path)).replaceAll(typed, '').replaceAll('Supervisor Dr Jo Evans Organisation', '')
            .replace(/Confirmed: "[^"]*"/g, '');
          expect(wordsAbout(shown, aboutThemselves[who]), `${who} at ${path}`).toEqual([]);
        }
      }
    });

    it('names the plan for the reader: "Your plan" to the clinician, never "Alex Morgan\'s plan, with Sam Patel" to Sam', async () => {
      const id = await plan(toAgreement);
      const caption = (body: string) => text(between(body, '<span class="nhsuk-caption-l">', '</span>').replace(/<[^>]+>/g, ''));
      expect(caption(await page('clinician', `/plans/${id}`))).toBe('Your plan, with Sam Patel');
      expect(caption(await page('manager', `/plans/${id}`))).toBe("Alex Morgan's plan, with you");
      expect(caption(await page('rdLead', `/plans/${id}`))).toBe("Alex Morgan's plan, with Sam Patel");
    });

    it('says in the history who covered for whom', async () => {
      const id = await plan(toAgreement);
      // The test clock's day is 1 December 2026.
      await setCover(t.services.db.kysely, { userId: t.world.manager.id, delegateId: t.world.otherManager.id, startsOn: '2026-11-30', endsOn: '2099-12-31' }, '2026-11-30T09:00:00.000Z');
      const { row, actor } = await t.services.plans.load(id, actorOf(t.world.otherManager));
      await t.services.plans.send(id, actor!, { type: 'REQUEST_CHANGES', version: row.version, payload: { comment: 'Please say how this helps the ward.' } });
      const history = visible(await page('clinician', `/plans/${id}/history`));
      expect(history).toContain('Kim Ford (manager), covering for Sam Patel (manager), asked for changes');
      expect(visible(await page('manager', `/plans/${id}/history`))).toContain('Kim Ford (manager), covering for you, asked for changes');
    });
  });

  describe('after each step', () => {
    it.each([
      ['SUBMIT_FOR_AGREEMENT', 'clinician', toAgreement],
      ['AGREE_IN_PRINCIPLE', 'manager', toTerms],
      ['REQUEST_CHANGES', 'manager', [...toAgreement, ['manager', 'REQUEST_CHANGES']]],
      ['DECLINE', 'manager', [...toAgreement, ['manager', 'DECLINE']]],
      ['PROPOSE_TERMS', 'clinician', toAccept],
      ['ACCEPT_TERMS', 'manager', toSignOff],
      ['SIGN_OFF', 'rdLead', [...toSignOff, ['rdLead', 'SIGN_OFF']]],
      ['RETURN_FOR_CHANGES', 'rdLead', [...toSignOff, ['rdLead', 'RETURN_FOR_CHANGES']]],
      ['SCHEDULE_MEETING', 'clinician', toRecord],
      ['RECORD_MEETING', 'supervisor', toApplication],
      ['RECORD_OUTCOME', 'clinician', toAward],
      ['WITHDRAW', 'clinician', [['clinician', 'WITHDRAW']]],
      ['COMMENT', 'manager', [...toAgreement, ['manager', 'COMMENT', { text: 'Looks good.' }]]],
    ] as Array<[keyof typeof eventLabels, Person, Step[]]>)('says what %s did and what happens next, to the %s', async (type, who, steps) => {
      const id = await plan(steps);
      const banner = bannerIn(await page(who, `/plans/${id}?done=${type}`));
      expect(banner).toContain(eventLabels[type].confirmation);
      expect(banner.length).toBeGreaterThan(eventLabels[type].confirmation.length + 10);
      expect(banner, 'in "you" words').not.toMatch(aboutThemselves(who));
    });

    const aboutThemselves = (who: Person) => ({ clinician: /the clinician|Alex Morgan/, manager: /the manager\b|Sam Patel/, rdLead: /Priya Shah|R&D checks/, supervisor: /Dr Jo Evans/, admin: /the administrator/ })[who];

    it('ends the journey with a panel that the award is complete and what the record keeps', async () => {
      const id = await plan(toCompleted);
      const body = await page('manager', `/plans/${id}?done=COMPLETE_AWARD`);
      expect(text(between(body, 'nhsuk-panel', '</div>'))).toContain('Award complete');
      expect(visible(body)).toContain('Its record stays here for everyone who took part');
      expect(visible(body)).not.toContain('The award was made. The plan is complete.');
      expect(bannerIn(body)).toBe('');
    });

    it('shows no banner for a ?done= it does not know', async () => {
      const id = await plan(toAgreement);
      expect(bannerIn(await page('clinician', `/plans/${id}?done=<script>`))).toBe('');
    });
  });
});
