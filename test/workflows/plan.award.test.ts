import { transition } from 'xstate';
import { describe, expect, it } from 'vitest';
import { explainRefusal } from '../../workflows/plan.decide.js';
import { initialSnapshot, stateName, type PlanSnapshot } from '../../workflows/plan.status.js';
import type { AccountFacts, Actor, PlanEvent } from '../../workflows/plan.types.js';
import { agendaSteps, examples, terms } from '../support/examples.js';
import { pendingAuthorisations } from '../support/machine-documents.js';

// DESIGN section 11 in the machine alone: the meeting must have happened, the
// application waits for every signature, life after the award, handing the
// plan to someone else, reissuing a document, and cover.

const org = 'trust-1';
const clinician: Actor = { userId: 'c1', role: 'clinician', organisationId: org };
const manager: Actor = { userId: 'm1', role: 'manager', organisationId: org };
const newManager: Actor = { userId: 'm2', role: 'manager', organisationId: org };
const rdLead: Actor = { userId: 'r1', role: 'rdLead', organisationId: org };
const admin: Actor = { userId: 'a1', role: 'admin', organisationId: org };
const supervisor: Actor = { userId: 's1', role: 'supervisor', organisationId: 'uni-1' };
const input = { process: '1.1' as const, planId: 'p1', organisationId: org, title: 'Falls research', clinicianId: 'c1', managerId: 'm1', createdAt: '2026-12-01T09:00:00.000Z' };

let minute = 0;
const at = () => new Date(Date.parse('2026-12-01T09:00:00Z') + ++minute * 60_000).toISOString();
const ev = (actor: Actor, type: string, payload: object = {}): PlanEvent => ({ type, actor, at: at(), ...payload } as PlanEvent);
const run = (s: PlanSnapshot, ...events: PlanEvent[]) => events.reduce((snap, e) => {
  const [next] = transition(snap.machine, snap, e);
  expect(next, `${e.type} by ${e.actor.role} should be allowed in ${stateName(snap.value)}`).not.toBe(snap);
  return next;
}, s);
const signAll = (s: PlanSnapshot) => run(s, ...pendingAuthorisations(s, at()));
const account = (actor: Actor, overrides: Partial<AccountFacts> = {}): AccountFacts => ({
  userId: actor.userId, role: actor.role as AccountFacts['role'], organisationId: actor.organisationId, name: 'Kim Ford', organisation: 'Northshire', active: true, ...overrides,
});

const toMeeting = () => run(initialSnapshot(input),
  ev(clinician, 'UPDATE_IDEA', examples.UPDATE_IDEA(0)), ev(clinician, 'SUBMIT_FOR_AGREEMENT'),
  ev(manager, 'AGREE_IN_PRINCIPLE', examples.AGREE_IN_PRINCIPLE(0)),
  ...agendaSteps.map(([who, type, payload]) => ev(who === 'clinician' ? clinician : manager, type, payload)),
  ev(clinician, 'PROPOSE_TERMS', terms), ev(manager, 'ACCEPT_TERMS', { termsVersion: 1 }),
  ev(rdLead, 'SIGN_OFF', { ...examples.SIGN_OFF(0), conditionItems: ['Research passport issued'] }),
  ev(clinician, 'SCHEDULE_MEETING', { ...examples.SCHEDULE_MEETING(0), supervisorUserId: 's1' }));
const recorded = () => run(toMeeting(), ev(supervisor, 'RECORD_MEETING', examples.RECORD_MEETING(0)));
const awarded = () => run(signAll(recorded()), ev(clinician, 'SUBMIT_APPLICATION', examples.SUBMIT_APPLICATION(0)), ev(rdLead, 'RECORD_OUTCOME', examples.RECORD_OUTCOME(0)));

describe('the meeting must have happened', () => {
  it('is refused for a day still to come, and for a day before R&D signed off, each with a message at heldOn', () => {
    const s = toMeeting();
    const future = ev(supervisor, 'RECORD_MEETING', { ...examples.RECORD_MEETING(0), heldOn: '2026-12-02' });
    expect(s.can(future)).toBe(false);
    expect(explainRefusal(s, future)).toEqual({ kind: 'invalid', errors: [{ path: 'heldOn', message: 'The date the meeting took place must be today or in the past' }] });
    const early = ev(supervisor, 'RECORD_MEETING', { ...examples.RECORD_MEETING(0), heldOn: '2026-11-30' });
    expect(explainRefusal(s, early)).toEqual({
      kind: 'invalid', errors: [{ path: 'heldOn', message: 'The date the meeting took place must be on or after 1 December 2026, when R&D signed off the plan' }],
    });
  });

  it('issues the meeting record and both letters of support when recorded, each for its own signatories', () => {
    const { issued } = recorded().context;
    expect(issued['meeting-record']?.signatories).toEqual([{ role: 'clinician', userId: 'c1' }, { role: 'manager', userId: 'm1' }, { role: 'supervisor', userId: 's1' }]);
    expect(issued['letter-of-support']?.signatories).toEqual([{ role: 'manager', userId: 'm1' }, { role: 'rdLead', userId: 'r1' }]);
    expect(issued['supervisor-letter']?.signatories).toEqual([{ role: 'supervisor', userId: 's1' }]);
  });
});

describe('the application waits for every signature', () => {
  it('names each signature still missing, at documents.<kind>, then goes ahead once all are in', () => {
    const s = recorded();
    const submit = ev(clinician, 'SUBMIT_APPLICATION', examples.SUBMIT_APPLICATION(0));
    expect(s.can(submit)).toBe(false);
    const refusal = explainRefusal(s, submit);
    expect(refusal.kind).toBe('invalid');
    expect((refusal as { errors: Array<{ path: string }> }).errors.map((e) => e.path)).toEqual([
      'documents.training-agreement', 'documents.training-agreement', 'documents.training-agreement',
      'documents.meeting-record', 'documents.meeting-record', 'documents.meeting-record',
      'documents.letter-of-support', 'documents.letter-of-support', 'documents.supervisor-letter',
    ]);
    expect(stateName(run(signAll(s), submit).value)).toBe('application.submitted');
  });

  it('refuses a submission dated in the future', () => {
    const s = signAll(recorded());
    const later = ev(clinician, 'SUBMIT_APPLICATION', { ...examples.SUBMIT_APPLICATION(0), submittedOn: '2026-12-25' });
    expect(explainRefusal(s, later)).toEqual({ kind: 'invalid', errors: [{ path: 'submittedOn', message: 'The date you submitted must be today or in the past' }] });
  });
});

describe('after the award', () => {
  it('sets up the standard conditions and R&D\'s own, each confirmed only by the role that owns it', () => {
    const s = awarded();
    expect(stateName(s.value)).toBe('awarded.settingUp');
    expect(s.context.conditions.map((c) => [c.key, c.owner])).toEqual([
      ['backfill-in-place', 'manager'], ['start-date-confirmed', 'manager'], ['university-registration', 'clinician'],
      ['honorary-contract', 'rdLead'], ['rd-1', 'rdLead'],
    ]);
    const wrong = ev(clinician, 'CONFIRM_CONDITION', { condition: 'backfill-in-place' });
    expect(s.can(wrong)).toBe(false);
    expect(explainRefusal(s, wrong)).toEqual({ kind: 'forbidden', detail: '“The backfill is in place” is for the manager to confirm.' });
    expect(explainRefusal(s, ev(manager, 'CONFIRM_CONDITION', { condition: 'nope' }))).toMatchObject({ kind: 'invalid', errors: [{ path: 'condition' }] });
    const once = run(s, ev(manager, 'CONFIRM_CONDITION', { condition: 'backfill-in-place' }));
    expect(explainRefusal(once, ev(manager, 'CONFIRM_CONDITION', { condition: 'backfill-in-place' }))).toMatchObject({ kind: 'stale' });
  });

  it('starts training only once every condition is confirmed, then completes; withdrawing is no longer possible', () => {
    let s = awarded();
    const start = ev(manager, 'START_TRAINING', { startedOn: '2026-12-01' });
    expect(explainRefusal(s, start)).toMatchObject({ kind: 'invalid', errors: expect.arrayContaining([{ path: 'conditions.rd-1', message: 'Confirm first: research passport issued' }]) });
    expect(s.can(ev(clinician, 'WITHDRAW', { reason: 'Changed my mind.' }))).toBe(false);
    s = run(s,
      ev(manager, 'CONFIRM_CONDITION', { condition: 'backfill-in-place' }), ev(manager, 'CONFIRM_CONDITION', { condition: 'start-date-confirmed' }),
      ev(clinician, 'CONFIRM_CONDITION', { condition: 'university-registration' }), ev(rdLead, 'CONFIRM_CONDITION', { condition: 'honorary-contract' }),
      ev(rdLead, 'CONFIRM_CONDITION', { condition: 'rd-1', note: 'Issued 3 December.' }), start);
    expect(stateName(s.value)).toBe('awarded.inTraining');
    s = run(s, ev(clinician, 'COMPLETE_AWARD', examples.COMPLETE_AWARD(0)));
    expect([stateName(s.value), s.status]).toEqual(['completed', 'done']);
  });
});

describe('handing the plan to someone else', () => {
  it('is for R&D or an administrator of the trust, to an active manager of the trust, and moves owed signatures', () => {
    const s = recorded();
    const to = ev(rdLead, 'REASSIGN', { role: 'manager', userId: 'm2', reason: 'Sam has moved service.', target: account(newManager) });
    expect(s.can({ ...to, actor: clinician })).toBe(false);
    expect(s.can({ ...to, actor: { ...admin, organisationId: 'elsewhere' } })).toBe(false);
    for (const [target, message] of [
      [account(newManager, { active: false }), "Kim Ford's account is not active"],
      [account(newManager, { role: 'clinician' }), 'Kim Ford is not a line manager'],
      [account(newManager, { organisationId: 'elsewhere' }), 'Kim Ford is not a manager of this trust'],
    ] as const) {
      const refused = { ...to, target } as PlanEvent;
      expect(s.can(refused)).toBe(false);
      expect(explainRefusal(s, refused)).toEqual({ kind: 'invalid', errors: [{ path: 'userId', message }] });
    }
    const after = run(s, to);
    expect(after.context.managerId).toBe('m2');
    expect(after.context.reassignments).toMatchObject([{ role: 'manager', from: 'm1', to: 'm2', reason: 'Sam has moved service.', by: { userId: 'r1' } }]);
    // The old manager owed the agreement, the meeting record and the letter: each is issued again, naming the new one.
    expect(after.context.issued['training-agreement']).toMatchObject({ number: 2, signatories: expect.arrayContaining([{ role: 'manager', userId: 'm2' }]) });
    expect(after.context.issued['letter-of-support']?.number).toBe(2);
    expect(after.context.issued['supervisor-letter']?.number).toBe(1);
    expect(after.can(ev(manager, 'COMMENT', { text: 'Still here?' }))).toBe(false);
    expect(after.can(ev(newManager, 'COMMENT', { text: 'Hello, I have taken this over.' }))).toBe(true);
  });
});

describe('reissuing a document', () => {
  it('is for R&D or an administrator, of a kind already issued, and always makes a new version', () => {
    const s = recorded();
    const reissue = ev(admin, 'REISSUE_DOCUMENT', { kind: 'training-agreement', reason: 'The budget holder was corrected.' });
    expect(s.can({ ...reissue, actor: manager })).toBe(false);
    expect(run(s, reissue).context.issued['training-agreement']?.number).toBe(2);
    const early = run(initialSnapshot(input), ev(clinician, 'UPDATE_IDEA', examples.UPDATE_IDEA(0)), ev(clinician, 'SUBMIT_FOR_AGREEMENT'));
    expect(explainRefusal(early, { ...reissue, actor: rdLead })).toEqual({ kind: 'forbidden', detail: expect.stringContaining('No document has been issued') });
    const signedOff = toMeeting();
    expect(explainRefusal(signedOff, ev(rdLead, 'REISSUE_DOCUMENT', { kind: 'letter-of-support', reason: 'Wrong date.' })))
      .toEqual({ kind: 'invalid', errors: [{ path: 'kind', message: 'No letter of support for the funding application has been issued for this plan yet' }] });
  });
});

describe('cover', () => {
  it('lets a colleague covering for the manager act as them, recorded as on their behalf, but never sign for them', () => {
    const s = recorded();
    const covering: Actor = { ...newManager, onBehalfOf: { userId: 'm1', role: 'manager' } };
    const after = run(s, ev(covering, 'COMMENT', { text: 'Covering while Sam is away.' }));
    expect(after.context.comments.at(-1)?.by).toEqual({ userId: 'm2', role: 'manager', onBehalfOf: { userId: 'm1', role: 'manager' } });
    const [owed] = pendingAuthorisations(s, at()).filter((e) => e.actor.userId === 'm1');
    expect(s.can({ ...owed!, actor: covering })).toBe(false);
  });
});
