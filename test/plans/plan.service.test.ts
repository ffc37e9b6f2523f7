import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConflictError, InvalidInputError, NotAllowedError, PlanNotFoundError } from '../../src/plans/errors.js';
import { findPlan, listEvents } from '../../src/plans/plan.repository.js';
import { PlanService } from '../../src/plans/plan.service.js';
import { verifyPlans } from '../../src/plans/verify.js';
import { fixedClock } from '../support/clock.js';
import { databaseKinds, openTestDb, type TestDb } from '../support/databases.js';
import { agreeAgenda } from '../support/agenda.js';
import { agendaSteps, counterTerms, examples, idea, terms } from '../support/examples.js';
import { PROCESS_TEST_TIMEOUT, runTs } from '../support/processes.js';
import { actorOf, createWorld, type World } from '../support/world.js';

describe.each(databaseKinds)('the plan service on %s', (kind) => {
  let t: TestDb;
  let world: World;
  let service: PlanService;
  const clock = fixedClock('2026-12-01T09:00:00.000Z');

  beforeAll(async () => {
    t = await openTestDb(kind);
    world = await createWorld(t.db);
    service = new PlanService(t.db, clock);
  });
  afterAll(() => t.cleanup());

  const start = () => service.create(actorOf(world.clinician), { title: 'Falls prevention fellowship', managerId: world.manager.id });
  const eventCount = async (id: string) => (await listEvents(t.db.kysely, id)).length;

  async function toTerms() {
    const { id } = await start();
    await service.send(id, actorOf(world.clinician), { type: 'UPDATE_IDEA', version: 1, payload: idea });
    await service.send(id, actorOf(world.clinician), { type: 'SUBMIT_FOR_AGREEMENT', version: 2, payload: {} });
    await service.send(id, actorOf(world.manager), { type: 'AGREE_IN_PRINCIPLE', version: 3, payload: examples.AGREE_IN_PRINCIPLE(1) });
    let version = 4;
    await agreeAgenda((who, type, payload) => service.send(id, actorOf(world[who]), { type, version: version++, payload }));
    return id;
  }

  /** The version of a plan just brought to the terms by toTerms(), its agenda agreed. */
  const V = 4 + agendaSteps.length;

  describe('starting a plan', () => {
    it('starts in the research idea step at version 1 with a creation event', async () => {
      const plan = await start();
      expect(plan).toMatchObject({ state: 'researchIdea.drafting', version: 1 });
      const [created] = await listEvents(t.db.kysely, plan.id);
      expect(created).toMatchObject({ seq: 1, type: 'PLAN_CREATED', actor_id: world.clinician.id, state_after: 'researchIdea.drafting' });
      const row = await findPlan(t.db.kysely, plan.id);
      expect(row).toMatchObject({ awaiting_role: 'clinician', title: 'Falls prevention fellowship', manager_id: world.manager.id });
    });

    it('only a clinician can start one, naming a manager of their own trust', async () => {
      await expect(service.create(actorOf(world.manager), { title: 'x', managerId: world.manager.id })).rejects.toBeInstanceOf(NotAllowedError);
      const otherTrustManager = service.create(actorOf(world.clinician), { title: 'x', managerId: world.rdLead.id });
      await expect(otherTrustManager).rejects.toMatchObject({ errors: [{ path: 'managerId', message: 'Select your line manager from the list' }] });
      await expect(service.create(actorOf(world.clinician), { title: '  ', managerId: world.manager.id }))
        .rejects.toMatchObject({ errors: [{ path: 'title', message: 'Enter a title for the plan' }] });
    });
  });

  describe('sending events', () => {
    it('moves the plan on, bumps the version and appends one audit event', async () => {
      const id = await toTerms();
      const result = await service.send(id, actorOf(world.clinician), { type: 'PROPOSE_TERMS', version: V, payload: terms });
      expect(result.row).toMatchObject({ state: 'backfillPlan.awaitingManager', version: V + 1 });
      const last = (await listEvents(t.db.kysely, id)).at(-1)!;
      expect(last).toMatchObject({ seq: V + 1, type: 'PROPOSE_TERMS', state_before: 'backfillPlan.drafting', state_after: 'backfillPlan.awaitingManager' });
      expect(JSON.parse(last.payload)).toMatchObject({ academicPercent: 60, backfillArrangement: 'recruit-fixed-term' });
    });

    it('refuses a payload with mistakes, saying what is wrong, and writes nothing', async () => {
      const id = await toTerms();
      const attempt = service.send(id, actorOf(world.clinician), { type: 'PROPOSE_TERMS', version: V, payload: { ...terms, academicPercent: 140 } });
      await expect(attempt).rejects.toMatchObject({ status: 422, errors: [{ path: 'academicPercent', message: 'Academic share of the week must be between 1 and 100%' }] });
      expect(await eventCount(id)).toBe(V);
    });

    it('refuses to submit an idea until the required fields are set, naming each', async () => {
      const { id } = await start();
      await service.send(id, actorOf(world.clinician), { type: 'UPDATE_IDEA', version: 1, payload: { profession: 'nurse', whyNow: 'Now is right.' } });
      const attempt = service.send(id, actorOf(world.clinician), { type: 'SUBMIT_FOR_AGREEMENT', version: 2, payload: {} });
      await expect(attempt).rejects.toBeInstanceOf(InvalidInputError);
      await expect(attempt).rejects.toMatchObject({
        errors: [
          { path: 'opportunityLevel', message: 'Select the level of opportunity' },
          { path: 'researchIdeas', message: 'Enter your research ideas' },
          { path: 'serviceRelevance', message: 'Enter how it matters to the service' },
          { path: 'careerGoal', message: 'Enter your career goal' },
        ],
      });
      expect((await findPlan(t.db.kysely, id))!.state).toBe('researchIdea.drafting');
    });

    it('treats an unknown event type as a mistake, not a crash', async () => {
      const { id } = await start();
      await expect(service.send(id, actorOf(world.clinician), { type: 'DROP_TABLE', version: 1, payload: {} }))
        .rejects.toMatchObject({ status: 422, errors: [{ path: 'type' }] });
    });

    it('hides a plan from people outside it, and from everyone when it does not exist', async () => {
      const { id } = await start();
      for (const outsider of [world.otherClinician, world.otherManager, world.outsiderRdLead, world.supervisor]) {
        await expect(service.send(id, actorOf(outsider), { type: 'COMMENT', version: 1, payload: { text: 'hi' } })).rejects.toBeInstanceOf(PlanNotFoundError);
        await expect(service.load(id, actorOf(outsider))).rejects.toBeInstanceOf(PlanNotFoundError);
      }
      await expect(service.load('no-such-plan', actorOf(world.clinician))).rejects.toBeInstanceOf(PlanNotFoundError);
    });

    it('accepting terms that have since been replaced is a conflict', async () => {
      const id = await toTerms();
      await service.send(id, actorOf(world.clinician), { type: 'PROPOSE_TERMS', version: V, payload: terms });
      await service.send(id, actorOf(world.manager), { type: 'PROPOSE_TERMS', version: V + 1, payload: counterTerms });
      const stale = service.send(id, actorOf(world.clinician), { type: 'ACCEPT_TERMS', version: V + 2, payload: { termsVersion: 1 } });
      await expect(stale).rejects.toBeInstanceOf(ConflictError);
      const accepted = await service.send(id, actorOf(world.clinician), { type: 'ACCEPT_TERMS', version: V + 2, payload: { termsVersion: 2 } });
      expect(accepted.row.state).toBe('rdSignOff');
      expect(accepted.snapshot.context.terms.map((p) => [p.version, p.proposedBy.role])).toEqual([[1, 'clinician'], [2, 'manager']]);
    });

    it('links the supervisor named for the meeting when they have an account, and only then', async () => {
      const id = await toTerms();
      let version = V;
      const send = async (actor: World['clinician'], type: string, payload: unknown) =>
        service.send(id, actorOf(actor), { type, version: version++, payload });
      await send(world.clinician, 'PROPOSE_TERMS', terms);
      await send(world.manager, 'ACCEPT_TERMS', { termsVersion: 1 });
      await send(world.rdLead, 'SIGN_OFF', examples.SIGN_OFF(1));
      await send(world.clinician, 'SCHEDULE_MEETING', { ...examples.SCHEDULE_MEETING(1), supervisorEmail: 'unknown@elsewhere.ac.uk' });
      await expect(service.load(id, actorOf(world.supervisor))).rejects.toBeInstanceOf(PlanNotFoundError);
      await send(world.manager, 'SCHEDULE_MEETING', { ...examples.SCHEDULE_MEETING(1), supervisorEmail: 'JO.EVANS@northshire.ac.uk' });
      const seen = await service.load(id, actorOf(world.supervisor));
      expect(seen.row.supervisor_id).toBe(world.supervisor.id);
      expect(seen.snapshot.context.meeting?.sequence).toBe(1);
    });

    it('refuses a meeting in the past', async () => {
      const id = await toTerms();
      let version = V;
      const send = (actor: World['clinician'], type: string, payload: unknown) => service.send(id, actorOf(actor), { type, version: version++, payload });
      await send(world.clinician, 'PROPOSE_TERMS', terms);
      await send(world.manager, 'ACCEPT_TERMS', { termsVersion: 1 });
      await send(world.rdLead, 'SIGN_OFF', examples.SIGN_OFF(1));
      await expect(send(world.clinician, 'SCHEDULE_MEETING', { ...examples.SCHEDULE_MEETING(1), startsAt: '2026-11-30T10:00:00+00:00' }))
        .rejects.toMatchObject({ errors: [{ path: 'startsAt', message: 'The meeting must be in the future' }] });
    });
  });

  describe('two people acting on the same version', () => {
    it('exactly one of two concurrent sends commits; the other is a conflict', async () => {
      const { id } = await start();
      const results = await Promise.allSettled([
        service.send(id, actorOf(world.clinician), { type: 'UPDATE_IDEA', version: 1, payload: { whyNow: 'first' } }),
        service.send(id, actorOf(world.clinician), { type: 'COMMENT', version: 1, payload: { text: 'second' } }),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(rejected).toHaveLength(1);
      expect(rejected[0]!.reason).toBeInstanceOf(ConflictError);
      expect(await eventCount(id)).toBe(2);
      expect((await findPlan(t.db.kysely, id))!.version).toBe(2);
    });

    it('holds across separate processes writing to the same database', async () => {
      const { id } = await start();
      const startAt = Date.now() + 1500;
      const outcomes = await Promise.all(Array.from({ length: 4 }, (_, i) => runTs('test/support/send-once.ts', [JSON.stringify({
        url: t.url, planId: id, actor: actorOf(world.clinician), startAt,
        request: { type: 'COMMENT', version: 1, payload: { text: `comment ${i}` } },
      })])));
      const results = outcomes.map((o) => JSON.parse(o.stdout.trim().split('\n').at(-1)!));
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.filter((r) => !r.ok).map((r) => r.error)).toEqual(['ConflictError', 'ConflictError', 'ConflictError']);
      expect(await eventCount(id)).toBe(2);
      const report = await verifyPlans(t.db);
      expect(report.broken.filter((b) => b.planId === id)).toEqual([]);
    }, PROCESS_TEST_TIMEOUT);
  });

  describe('the audit trail', () => {
    it('refuses updates and deletes at the database itself', async () => {
      const { id } = await start();
      await expect(sql`update plan_events set payload = '{}' where plan_id = ${id}`.execute(t.db.kysely)).rejects.toThrow(/append-only/);
      await expect(sql`delete from plan_events where plan_id = ${id}`.execute(t.db.kysely)).rejects.toThrow(/append-only/);
      expect(await eventCount(id)).toBe(1);
    });
  });
});
