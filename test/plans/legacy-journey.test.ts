import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { User } from '../../src/accounts/accounts.repository.js';
import { verifyPlans } from '../../src/plans/verify.js';
import { stateName } from '../../workflows/plan.status.js';
import { isLegacyPlan } from '../../workflows/plan.versions.js';
import { PRIVATE_DRAFT_STATE } from '../../workflows/plan.participants.js';
import { buildFixtureApp, type Agent, type TestApp } from '../support/app.js';
import { examples, idea, terms } from '../support/examples.js';
import { actorOf } from '../support/world.js';

// A database made by version 1.0, opened by today's server: every plan it
// holds is still readable by each of its people, and each plan 1.0 left open
// is carried on, through today's pages' service, to the end 1.0 gave it
// (awarded or withdrawn), under the 1.0 rules it was started with (README,
// decision 10). The legacy test beside this one checks the stored proof.

const FIXTURE = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'v1.0', 'app.db');

type Who = 'clinician' | 'manager' | 'rdLead' | 'supervisor';
type Step = [Who, string, (context: Record<string, any>) => object];

/** What moves a 1.0 plan on from each state it can stand in, and who does it. */
const next: Record<string, Step> = {
  'researchIdea.drafting': ['clinician', 'SUBMIT_FOR_AGREEMENT', () => ({})],
  'researchIdea.revising': ['clinician', 'SUBMIT_FOR_AGREEMENT', () => ({})],
  managerAgreement: ['manager', 'AGREE_IN_PRINCIPLE', () => examples.AGREE_IN_PRINCIPLE(0)],
  'backfillPlan.drafting': ['clinician', 'PROPOSE_TERMS', () => terms],
  'backfillPlan.awaitingManager': ['manager', 'ACCEPT_TERMS', (c) => ({ termsVersion: c.terms.at(-1).version })],
  'backfillPlan.awaitingClinician': ['clinician', 'ACCEPT_TERMS', (c) => ({ termsVersion: c.terms.at(-1).version })],
  rdSignOff: ['rdLead', 'SIGN_OFF', () => examples.SIGN_OFF(0)],
  'supervisorMeeting.toSchedule': ['clinician', 'SCHEDULE_MEETING', () => examples.SCHEDULE_MEETING(0)],
  'supervisorMeeting.scheduled': ['supervisor', 'RECORD_MEETING', () => examples.RECORD_MEETING(0)],
  'application.preparing': ['clinician', 'SUBMIT_APPLICATION', () => examples.SUBMIT_APPLICATION(0)],
  'application.submitted': ['clinician', 'RECORD_OUTCOME', () => examples.RECORD_OUTCOME(0)],
  notAwarded: ['clinician', 'REAPPLY', () => ({})],
  declined: ['clinician', 'REOPEN', () => examples.REOPEN(0)],
};

describe('plans stored by version 1.0, under today\'s code', () => {
  let t: TestApp;
  let people: Record<Who | 'admin' | 'outsiderRdLead', User>;
  const agents = {} as Record<keyof typeof people, Agent>;
  let plans: Array<{ id: string; state: string; clinician_id: string }>;

  beforeAll(async () => {
    t = await buildFixtureApp(FIXTURE);
    const { clinician, manager, rdLead, supervisor, admin, outsiderRdLead } = t.world;
    people = { clinician, manager, rdLead, supervisor, admin, outsiderRdLead };
    for (const [who, user] of Object.entries(people)) agents[who as keyof typeof people] = await t.signIn(user);
    plans = await t.services.db.kysely.selectFrom('plans').select(['id', 'state', 'clinician_id']).orderBy('created_at').execute();
  });
  afterAll(() => t.cleanup());

  const asClinician = (plan: { clinician_id: string }) => ({ userId: plan.clinician_id, role: 'clinician' as const, organisationId: t.world.trust.id });

  /** Each page of a plan as each person would open it: the plan, its history and each of its documents. */
  async function readEveryPage(plan: { id: string; clinician_id: string }) {
    const { snapshot } = await t.services.plans.load(plan.id, asClinician(plan));
    const { context } = snapshot;
    // A plan never sent to its manager is its clinician's alone (README, decision 12), 1.0's included.
    const shared = stateName(snapshot.value) !== PRIVATE_DRAFT_STATE;
    const sees: Record<keyof typeof people, boolean> = {
      clinician: context.clinicianId === people.clinician.id,
      manager: shared && context.managerId === people.manager.id,
      rdLead: shared, admin: shared,
      supervisor: shared && context.supervisorId === people.supervisor.id,
      outsiderRdLead: false,
    };
    const documents = await t.services.db.kysely.selectFrom('documents').select('id').where('plan_id', '=', plan.id).execute();
    for (const [who, agent] of Object.entries(agents) as Array<[keyof typeof people, Agent]>) {
      for (const page of [`/plans/${plan.id}`, `/plans/${plan.id}/history`, ...documents.map((d) => `/plans/${plan.id}/documents/${d.id}`)]) {
        const res = await agent.get(page);
        expect(res.status, `${who} ${page} at ${stateName(snapshot.value)}`).toBe(sees[who] ? 200 : 404);
      }
    }
  }

  it('holds the 17 plans 1.0 made, each still on the 1.0 process', async () => {
    expect(plans).toHaveLength(17);
    for (const plan of plans) {
      const { snapshot } = await t.services.plans.load(plan.id, asClinician(plan));
      expect(isLegacyPlan(snapshot.context), plan.state).toBe(true);
    }
  });

  it('shows every plan, its history and its documents to each of its people, and nothing to another trust', async () => {
    for (const plan of plans) await readEveryPage(plan);
    for (const agent of Object.values(agents)) expect((await agent.get('/')).status).toBe(200);
  });

  it('carries each plan 1.0 left open to its end under the 1.0 rules, and the proof still holds', async () => {
    const ended: string[] = [];
    for (const plan of plans) {
      for (let steps = 0; ; steps++) {
        const { row, snapshot } = await t.services.plans.load(plan.id, asClinician(plan));
        const state = stateName(snapshot.value);
        if (snapshot.status !== 'active') {
          ended.push(state);
          break;
        }
        expect(steps, `${plan.id} stuck at ${state}`).toBeLessThan(20);
        const step = next[state];
        if (!step) throw new Error(`no next step for a 1.0 plan at ${state}`);
        const [who, type, payload] = step;
        // An idea 1.0 left unfinished is finished first, as its clinician would.
        let version = row.version;
        if (type === 'SUBMIT_FOR_AGREEMENT') {
          version = (await t.services.plans.send(plan.id, actorOf(t.world.clinician), { type: 'UPDATE_IDEA', version, payload: idea })).row.version;
        }
        await t.services.plans.send(plan.id, actorOf(t.world[who]), { type, version, payload: payload(snapshot.context) });
      }
    }
    // 1.0 has no award conditions: an award is its end, as it always was.
    expect(new Set(ended)).toEqual(new Set(['awarded', 'withdrawn']));
    expect(ended.filter((s) => s === 'awarded').length).toBeGreaterThan(10);
    for (const plan of plans) await readEveryPage(plan);
    const report = await verifyPlans(t.services.db);
    expect(report.broken).toEqual([]);
  }, 180_000);
});
