import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/domain/options.js';
import { buildTestApp, type Agent, type TestApp } from '../support/app.js';
import { act, planSignedOff, planWaitingOnManager, type PlanRef } from '../notifications/helpers.js';

// Every page of the dashboard stream speaks to its reader as "you" and names
// the others: never the reader's own name in the third person, never "the
// clinician" to the clinician. Each page is read by each role with plans in
// several steps, so the dashboard, the refusal page and the cover page all
// have people to name.

const textOf = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#x27;/g, "'").replace(/&amp;/g, '&').replace(/\s+/g, ' ');
const mainOf = (html: string) => textOf(html.slice(html.indexOf('<main'), html.indexOf('</main>')));

/** Words that speak of the reader's own role in the third person, on a page addressed to them. */
const aboutThemselves: Record<Role, RegExp> = {
  clinician: /\bthe clinician\b|\bthe person applying\b/i,
  manager: /\bthe (line )?manager\b/i,
  rdLead: /\bthe R&D lead\b/i,
  supervisor: /\bthe (academic )?supervisor\b/i,
  admin: /\bthe administrator\b/i,
};

const roles = ['clinician', 'manager', 'rdLead', 'supervisor', 'admin'] as const;

describe('pages worded for their reader', () => {
  let t: TestApp;
  let meeting: PlanRef;
  let waiting: PlanRef;
  const agents = {} as Record<(typeof roles)[number], Agent>;
  beforeAll(async () => {
    t = await buildTestApp('sqlite');
    waiting = await planWaitingOnManager(t.services, t.world);
    meeting = await planSignedOff(t.services, t.world);
    // Arranged with the supervisor's address: they now take part in the plan.
    await act(t.services, meeting, t.world.manager, 'SCHEDULE_MEETING');
    for (const role of roles) agents[role] = await t.signIn(t.world[role]);
  }, 120_000);
  afterAll(() => t.cleanup());

  // The events a role may not send at that plan's step: the refusal page for each reader.
  const refused: Record<(typeof roles)[number], () => string> = {
    clinician: () => `/plans/${meeting.id}/events/SIGN_OFF`,
    manager: () => `/plans/${waiting.id}/events/WITHDRAW`,
    rdLead: () => `/plans/${waiting.id}/events/AGREE_IN_PRINCIPLE`,
    supervisor: () => `/plans/${meeting.id}/events/SIGN_OFF`,
    admin: () => `/plans/${waiting.id}/events/AGREE_IN_PRINCIPLE`,
  };

  it.each(roles)('never names the %s in the third person on their own pages', async (role) => {
    const agent = agents[role];
    const me = t.world[role];
    const paths = ['/', '/?waiting=1', '/help', '/accessibility', '/privacy', '/cookies', '/account/cover', refused[role]()];
    for (const path of paths) {
      const res = await agent.get(path);
      expect(res.status, `${role} ${path}`).toBe(path.includes('/events/') ? 403 : 200);
      const page = mainOf(await res.text());
      expect(page, `${role} ${path}`).not.toContain(me.name);
      // The service's general pages speak to everyone; the ones about the reader's own plans must not.
      if (['/', '/?waiting=1', '/account/cover'].includes(path) || path.includes('/events/')) {
        expect(page, `${role} ${path}`).not.toMatch(aboutThemselves[role]);
      }
    }
  });

  it('names the others with their relation to the reader', async () => {
    const clinician = mainOf(await (await agents.clinician.get('/')).text());
    expect(clinician).toContain('Sam Patel (your manager)');
    // The table says where the plan is and who has it, once each.
    expect(clinician).toMatch(/Manager agreement Waiting for Sam Patel \(your manager\)/);
    expect(clinician).not.toMatch(/Waiting for Sam Patel \(your manager\) Waiting for Sam Patel/);
    const manager = mainOf(await (await agents.manager.get('/')).text());
    expect(manager).toContain('Alex Morgan (clinician)');
    const supervisor = mainOf(await (await agents.supervisor.get('/')).text());
    expect(supervisor).toContain('Alex Morgan (clinician) and Sam Patel (manager)');
  });

  it('asks to select, for the drop-down of who will cover, and keeps the dates typed', async () => {
    const res = await agents.manager.post('/account/cover', { delegateId: '', 'from-day': '14', 'from-month': '12', 'from-year': '2026', 'to-day': '2', 'to-month': '1', 'to-year': '2027' });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(textOf(html)).toContain('Select who will cover for you');
    expect(textOf(html)).not.toContain('Enter the colleague');
    expect(html).toMatch(/name="from-day"[^>]*value="14"|value="14"[^>]*name="from-day"/);
  });
});
