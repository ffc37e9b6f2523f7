import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserEventType } from '../../src/domain/events.js';
import { ConflictError, InvalidInputError, NotAllowedError, PlanNotFoundError } from '../../src/plans/errors.js';
import { findPlan, listEvents } from '../../src/plans/plan.repository.js';
import type { PlanService } from '../../src/plans/plan.service.js';
import { createServices } from '../../src/services.js';
import { loadConfig } from '../../src/config.js';
import { stateName, statusOf, type PlanSnapshot } from '../../workflows/plan.status.js';
import { progressEvents } from '../../workflows/plan.decide.js';
import type { PlanEvent } from '../../workflows/plan.types.js';
import { fixedClock } from '../support/clock.js';
import { databaseKinds, openTestDb, type TestDb } from '../support/databases.js';
import { eachConcurrently, plansAtOnce } from '../support/concurrently.js';
import { drive, sendAs } from '../support/drive.js';
import { allEvents, MODEL_TIME, reachableStates, withoutAgenda } from '../support/model.js';
import { actorOf, createWorld, type World } from '../support/world.js';

// Who may send what, where: written out from DESIGN section 5 independently of
// the machine, then checked against the machine and the service in every
// reachable state, for every party, including people outside the plan.

type Party = keyof Pick<World, 'clinician' | 'manager' | 'rdLead' | 'supervisor' | 'admin' | 'otherClinician' | 'otherManager' | 'outsiderRdLead' | 'outsiderAdmin'>;
type Rule = { in: string[]; by: Array<Party | 'system' | 'former'>; when?: (s: PlanSnapshot, e: PlanEvent) => boolean };

const NON_FINAL = ['researchIdea', 'managerAgreement', 'backfillPlan', 'rdSignOff', 'supervisorMeeting', 'application', 'notAwarded', 'declined'];
const REQUIRED_IDEA = ['profession', 'opportunityLevel', 'whyNow', 'researchIdeas', 'serviceRelevance', 'careerGoal'] as const;
const ideaComplete = (s: PlanSnapshot) => REQUIRED_IDEA.every((f) => s.context.idea[f] !== undefined);
const supervisorLinked = (s: PlanSnapshot) => s.context.supervisorId !== null;

// Events about an issued document (authorising it, reminding its signatories) need the server's facts
// about that document: test/workflows/plan.waits-documents.test.ts and test/documents cover them.
const AGENDA = ['opportunity', 'people', 'careerPlan', 'midTermPlan', 'longTermPlan', 'teamDevelopment', 'researchQuestion', 'support', 'supervisorEngagement'] as const;
const shared = (s: PlanSnapshot) => s.context.sharedAt !== null;
const agreed = (s: PlanSnapshot, key: (typeof AGENDA)[number]) => {
  const p = s.context.agenda[key];
  return p.proposals.length > 0 && p.agreed?.version === p.proposals.at(-1)!.version && !p.dispute && !p.reopened;
};
/** Only the party that did not propose the latest version answers it, once, by its number. */
const answerable = (s: PlanSnapshot, e: PlanEvent) => {
  if (e.type !== 'AGREE_POINT' && e.type !== 'DISPUTE_POINT') return false;
  const p = s.context.agenda[e.point];
  const last = p.proposals.at(-1);
  return !!last && last.version === e.pointVersion && last.proposedBy.role !== e.actor.role && !p.agreed && !p.dispute && !p.reopened;
};
/** A disagreement: a point disputed, or terms proposed by both parties since the plan came to the terms, not yet accepted. */
const disagreeingSince = (s: PlanSnapshot): string | null => {
  const times = AGENDA.map((k) => s.context.agenda[k]).filter((p) => p.dispute && !p.reopened).map((p) => p.dispute!.at);
  const round = s.context.acceptedTerms ? [] : s.context.terms.filter((t) => t.proposedAt >= (s.context.termsOpenedAt ?? '~'));
  const counter = round.find((t) => t.proposedBy.role !== round[0]!.proposedBy.role);
  return [...times, ...(counter ? [counter.proposedAt] : [])].sort()[0] ?? null;
};

/** States after the award that are not final: everything but withdrawing stays open there. */
const OPEN = [...NON_FINAL, 'awarded'];
const signedIn = (s: PlanSnapshot, kind: string, number: number, userId: string) =>
  s.context.authorisations.some((a) => a.kind === kind && a.number === number && a.by.userId === userId);
/** Every current document authorised by everyone it names. */
const allSigned = (s: PlanSnapshot) => Object.entries(s.context.issued)
  .every(([kind, doc]) => doc!.signatories.every((x) => signedIn(s, kind, doc!.number, x.userId)));
/** The sender is a signatory of the current version of the document, and has not yet authorised it. */
const owesSignature = (s: PlanSnapshot, e: PlanEvent) => {
  if (e.type !== 'AUTHORISE_DOCUMENT' || !e.document) return false;
  const doc = s.context.issued[e.document.kind];
  return !!doc && doc.number === e.document.number && doc.signatories.some((x) => x.userId === e.actor.userId) && !signedIn(s, e.document.kind, doc.number, e.actor.userId);
};
const ROLE_OF_CONDITION: Record<string, string> = { 'backfill-in-place': 'manager', 'start-date-confirmed': 'manager', 'university-registration': 'clinician', 'honorary-contract': 'rdLead' };
const conditionIsTheirs = (s: PlanSnapshot, e: PlanEvent) => e.type === 'CONFIRM_CONDITION'
  && s.context.conditions.some((c) => c.key === e.condition && !c.confirmed && (ROLE_OF_CONDITION[c.key] ?? 'rdLead') === e.actor.role);
const everyConditionConfirmed = (s: PlanSnapshot) => s.context.conditions.every((c) => c.confirmed);
/** A handover to an active account of the right role (a manager of the trust), not the one who has the part now. */
const fairHandover = (s: PlanSnapshot, e: PlanEvent) => e.type === 'REASSIGN' && !!e.target && e.target.active && e.target.role === e.role
  && e.target.userId !== (e.role === 'manager' ? s.context.managerId : s.context.supervisorId)
  && (e.role === 'supervisor' || e.target.organisationId === s.context.organisationId);

const rules: Record<Exclude<UserEventType, never> | 'SEND_REMINDER' | 'REQUEST_MEDIATION', Rule[]> = {
  UPDATE_IDEA: [{ in: ['researchIdea'], by: ['clinician'] }],
  SUBMIT_FOR_AGREEMENT: [{ in: ['researchIdea'], by: ['clinician'], when: ideaComplete }],
  AGREE_IN_PRINCIPLE: [{ in: ['managerAgreement'], by: ['manager'] }],
  REQUEST_CHANGES: [{ in: ['managerAgreement'], by: ['manager'] }],
  DECLINE: [{ in: ['managerAgreement'], by: ['manager'] }, { in: ['rdSignOff'], by: ['rdLead'] }],
  PROPOSE_TERMS: [{ in: ['backfillPlan'], by: ['clinician', 'manager'] }],
  ACCEPT_TERMS: [
    { in: ['backfillPlan.awaitingManager'], by: ['manager'], when: (s) => AGENDA.every((k) => agreed(s, k)) },
    { in: ['backfillPlan.awaitingClinician'], by: ['clinician'], when: (s) => AGENDA.every((k) => agreed(s, k)) },
  ],
  PROPOSE_POINT: [{ in: ['backfillPlan'], by: ['clinician', 'manager'] }],
  AGREE_POINT: [{ in: ['backfillPlan'], by: ['clinician', 'manager'], when: answerable }],
  DISPUTE_POINT: [{ in: ['backfillPlan'], by: ['clinician', 'manager'], when: answerable }],
  SIGN_OFF: [{ in: ['rdSignOff'], by: ['rdLead'] }],
  RETURN_FOR_CHANGES: [{ in: ['rdSignOff'], by: ['rdLead'] }],
  SCHEDULE_MEETING: [{ in: ['supervisorMeeting'], by: ['clinician', 'manager'] }],
  RECORD_MEETING: [{ in: ['supervisorMeeting.scheduled'], by: ['clinician', 'manager'] },
    { in: ['supervisorMeeting.scheduled'], by: ['supervisor'], when: supervisorLinked }],
  SUBMIT_APPLICATION: [{ in: ['application.preparing'], by: ['clinician'], when: allSigned }],
  RECORD_OUTCOME: [{ in: ['application.submitted'], by: ['clinician', 'rdLead'] }],
  REAPPLY: [{ in: ['notAwarded'], by: ['clinician'] }],
  REOPEN: [{ in: ['declined'], by: ['clinician'] }],
  // Withdrawing is for before the award.
  WITHDRAW: [{ in: NON_FINAL, by: ['clinician'] }],
  // Until the clinician first sends the idea, the plan is theirs alone.
  COMMENT: [{ in: OPEN, by: ['clinician'] }, { in: OPEN, by: ['manager', 'rdLead', 'admin'], when: shared },
    { in: OPEN, by: ['supervisor'], when: supervisorLinked }],
  AUTHORISE_DOCUMENT: [{ in: OPEN, by: ['clinician', 'manager', 'rdLead', 'supervisor'], when: owesSignature }],
  REASSIGN: [{ in: OPEN, by: ['rdLead', 'admin'], when: fairHandover }],
  REISSUE_DOCUMENT: [{ in: OPEN, by: ['rdLead', 'admin'], when: (s, e) => e.type === 'REISSUE_DOCUMENT' && s.context.issued[e.kind] !== undefined }],
  CONFIRM_CONDITION: [{ in: ['awarded.settingUp'], by: ['clinician', 'manager', 'rdLead'], when: conditionIsTheirs }],
  START_TRAINING: [{ in: ['awarded.settingUp'], by: ['clinician', 'manager'], when: everyConditionConfirmed }],
  COMPLETE_AWARD: [{ in: ['awarded.inTraining'], by: ['clinician', 'manager'] }],
  // The scheduler reminds whoever the plan waits on once, then escalates once, in each wait.
  SEND_REMINDER: [{ in: OPEN, by: ['system'], when: (s, e) => remindersThisWait(s) === (e.type === 'SEND_REMINDER' && e.kind === 'reminder' ? 0 : 1) }],
  // R&D is asked to help once with each disagreement about the terms or the agenda.
  REQUEST_MEDIATION: [{
    in: ['backfillPlan'], by: ['system'],
    when: (s, e) => e.type === 'REQUEST_MEDIATION' && e.since === disagreeingSince(s) && !s.context.mediations.some((m) => m.since === e.since),
  }],
};

const remindersThisWait = (s: PlanSnapshot) => s.context.reminders.filter((r) => r.at >= s.context.waitingSince).length;

const within = (state: string, prefixes: string[]) => prefixes.some((p) => state === p || state.startsWith(`${p}.`));

/**
 * Who sends it, as the plan sees them: its clinician, manager or supervisor now (after a handover, the new
 * one); anyone else by their place in the world (the manager replaced is no longer the plan's "manager").
 */
function who(world: World, e: PlanEvent, s?: PlanSnapshot): Party | 'system' | 'former' | undefined {
  if (e.actor.role === 'system') return 'system';
  const c = s?.context;
  if (c && e.actor.userId === c.clinicianId) return 'clinician';
  if (c && e.actor.userId === c.managerId) return 'manager';
  if (c && e.actor.userId === c.supervisorId) return 'supervisor';
  const key = (Object.keys(world) as Party[]).find((k) => (world[k] as { id?: string }).id === e.actor.userId);
  return c && (key === 'manager' || key === 'supervisor' || key === 'clinician') ? 'former' : key;
}

function expectedAllowed(world: World, snapshot: PlanSnapshot, event: PlanEvent): boolean {
  if (event.type === 'REMIND_SIGNATORY') return false;
  const party = who(world, event, snapshot);
  const state = stateName(snapshot.value);
  return rules[event.type].some((r) => within(state, r.in) && party !== undefined && r.by.includes(party) && (r.when?.(snapshot, event) ?? true));
}

describe.each(databaseKinds)('who may do what, when (%s)', (kind) => {
  let t: TestDb;
  let world: World;
  let service: PlanService;

  beforeAll(async () => {
    t = await openTestDb(kind);
    world = await createWorld(t.db);
    // With its extensions: documents are issued, as the signatures the application waits for need.
    service = createServices(t.db, loadConfig({ DATABASE_URL: t.url, DEMO_SEED: 'off' }), fixedClock(MODEL_TIME)).plans;
  });
  afterAll(() => t.cleanup());

  it('the machine allows exactly what the rules allow, in every reachable state, for every party', () => {
    const mismatches: string[] = [];
    for (const { key, snapshot } of reachableStates(world)) {
      for (const event of allEvents(world, snapshot)) {
        if (snapshot.can(event) !== expectedAllowed(world, snapshot, event)) {
          mismatches.push(`${key}: ${event.type}${event.type === 'SEND_REMINDER' ? ` (${event.kind})` : ''} by ${who(world, event, snapshot)} machine=${snapshot.can(event)}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('the service refuses every event a party may not send, and writes nothing', async () => {
    let refusals = 0;
    // States that differ only in how far the agenda has come are refused the same way: drive one of them.
    const distinct = new Map<string, ReturnType<typeof reachableStates>[number]>();
    for (const state of reachableStates(world)) if (!distinct.has(withoutAgenda(state.key))) distinct.set(withoutAgenda(state.key), state);
    await eachConcurrently([...distinct.values()], plansAtOnce(t.db.dialect), async ({ key, events }) => {
      const { id, version } = await drive(service, world, events);
      // The plan as driven: states that share a key may differ in what the key leaves out (the agenda outside its own step).
      const { snapshot } = await service.load(id, actorOf(world.clinician));
      const before = await findPlan(t.db.kysely, id);
      for (const event of allEvents(world, snapshot)) {
        if (expectedAllowed(world, snapshot, event)) continue;
        const outcome = await sendAs(service, id, event, version).then(() => 'accepted', (e: unknown) => e);
        const context = `${key}: ${event.type} by ${who(world, event, snapshot)}`;
        expect(outcome, context).toBeInstanceOf(Error);
        const party = who(world, event, snapshot);
        const participant = party === 'clinician' || party === 'system' || (['manager', 'rdLead', 'admin'].includes(party ?? '') && shared(snapshot))
          || (party === 'supervisor' && supervisorLinked(snapshot));
        const expectedError = participant ? [NotAllowedError, InvalidInputError] : [PlanNotFoundError];
        expect(expectedError.some((E) => outcome instanceof E) || outcome instanceof ConflictError, `${context}: ${String(outcome)}`).toBe(true);
        refusals += 1;
      }
      expect(await findPlan(t.db.kysely, id)).toEqual(before);
      expect((await listEvents(t.db.kysely, id)).length).toBe(version);
    });
    expect(refusals).toBeGreaterThan(1000);
  }, 120_000);
});

describe('waiting is always actionable', () => {
  it('in every reachable state, whoever the plan waits on can move it on (so lists may trust awaiting_role)', async () => {
    const t = await openTestDb('sqlite');
    try {
      const world = await createWorld(t.db);
      const everyone = [world.clinician, world.manager, world.rdLead, world.supervisor, world.otherManager];
      for (const { key, snapshot } of reachableStates(world)) {
        const role = statusOf(snapshot).awaitingRole;
        if (!role) continue;
        // The plan's own person for the role (after a handover, the new one); any R&D lead of the trust.
        const id = { clinician: snapshot.context.clinicianId, manager: snapshot.context.managerId, supervisor: snapshot.context.supervisorId, rdLead: world.rdLead.id }[role as string];
        const person = everyone.find((u) => u.id === id);
        expect(person, `${key} waits on ${role}`).toBeDefined();
        expect(progressEvents(snapshot, actorOf(person!)), key).not.toEqual([]);
      }
    } finally {
      await t.cleanup();
    }
  }, 60_000);
});
