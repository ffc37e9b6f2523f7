import { transition } from 'xstate';
import { describe, expect, it } from 'vitest';
import { eventSchemas, userEventTypes } from '../../src/domain/events.js';
import { availableEvents } from '../../workflows/plan.decide.js';
import { eventLabels, stateLabels } from '../../workflows/plan.labels.js';
import { planMachine } from '../../workflows/plan.machine.js';
import { initialSnapshot, persistSnapshot, restoreSnapshot, stateName, statusOf } from '../../workflows/plan.status.js';
import type { Actor, PlanEvent } from '../../workflows/plan.types.js';
import { agendaSteps, counterTerms, examples, terms } from '../support/examples.js';
import { leafStates } from '../support/model.js';
import { pendingAuthorisations } from '../support/machine-documents.js';

const org = 'trust-1';
const clinician: Actor = { userId: 'c1', role: 'clinician', organisationId: org };
const manager: Actor = { userId: 'm1', role: 'manager', organisationId: org };
const rdLead: Actor = { userId: 'r1', role: 'rdLead', organisationId: org };
const supervisor: Actor = { userId: 's1', role: 'supervisor', organisationId: 'uni-1' };

const input = { process: '1.1' as const, planId: 'p1', organisationId: org, title: 'Falls research', clinicianId: 'c1', managerId: 'm1', createdAt: '2026-12-01T09:00:00.000Z' };
let minute = 0;
const ev = (actor: Actor, type: string, payload: object = {}): PlanEvent =>
  ({ type, actor, at: new Date(Date.parse('2026-12-01T09:00:00Z') + ++minute * 60_000).toISOString(), ...payload } as PlanEvent);

/** From idea to award, with a request for changes, a counter-proposal and a return from R&D. */
const journey = (): PlanEvent[] => [
  ev(clinician, 'UPDATE_IDEA', examples.UPDATE_IDEA(0)),
  ev(clinician, 'SUBMIT_FOR_AGREEMENT'),
  ev(manager, 'REQUEST_CHANGES', examples.REQUEST_CHANGES(0)),
  ev(clinician, 'UPDATE_IDEA', { whyNow: 'Revised after talking to Sam.' }),
  ev(clinician, 'SUBMIT_FOR_AGREEMENT'),
  ev(manager, 'AGREE_IN_PRINCIPLE', examples.AGREE_IN_PRINCIPLE(0)),
  ...agendaSteps.map(([who, type, payload]) => ev(who === 'clinician' ? clinician : manager, type, payload)),
  ev(clinician, 'PROPOSE_TERMS', terms),
  ev(manager, 'PROPOSE_TERMS', counterTerms),
  ev(clinician, 'ACCEPT_TERMS', { termsVersion: 2 }),
  ev(rdLead, 'RETURN_FOR_CHANGES', examples.RETURN_FOR_CHANGES(0)),
  ev(manager, 'PROPOSE_TERMS', { ...counterTerms, estimatedBackfillCostPerYear: 34000 }),
  ev(clinician, 'ACCEPT_TERMS', { termsVersion: 3 }),
  ev(rdLead, 'SIGN_OFF', examples.SIGN_OFF(0)),
  ev(clinician, 'SCHEDULE_MEETING', { ...examples.SCHEDULE_MEETING(0), supervisorUserId: 's1' }),
  ev(supervisor, 'RECORD_MEETING', examples.RECORD_MEETING(0)),
  SIGN_EVERYTHING,
  ev(clinician, 'SUBMIT_APPLICATION', examples.SUBMIT_APPLICATION(0)),
  ev(rdLead, 'RECORD_OUTCOME', examples.RECORD_OUTCOME(0)),
];

/** Every signature the current documents wait for, in the journey where it stands (the events depend on the plan). */
const SIGN_EVERYTHING = { type: 'SIGN_EVERYTHING' } as unknown as PlanEvent;
const expand = (s: ReturnType<typeof initialSnapshot>, e: PlanEvent): PlanEvent[] =>
  (e === SIGN_EVERYTHING ? pendingAuthorisations(s, ev(clinician, 'COMMENT').at) : [e]);

/** After the award: each condition confirmed by its owner, training started and the award completed. */
const afterAward = (): PlanEvent[] => [
  ev(manager, 'CONFIRM_CONDITION', { condition: 'backfill-in-place' }),
  ev(manager, 'CONFIRM_CONDITION', { condition: 'start-date-confirmed', note: 'From 1 October.' }),
  ev(clinician, 'CONFIRM_CONDITION', { condition: 'university-registration' }),
  ev(rdLead, 'CONFIRM_CONDITION', { condition: 'honorary-contract' }),
  ev(clinician, 'START_TRAINING', { startedOn: '2026-12-01' }),
  ev(manager, 'COMPLETE_AWARD', examples.COMPLETE_AWARD(0)),
];

describe('the plan machine', () => {
  it('takes a plan from idea to award, and every snapshot survives a JSON round trip', () => {
    let live = initialSnapshot(input);
    let restored = restoreSnapshot(JSON.parse(JSON.stringify(persistSnapshot(live))));
    const queue = [...journey(), ...afterAward()];
    for (let event = queue.shift(); event; event = queue.shift()) {
      if (event === SIGN_EVERYTHING) {
        queue.unshift(...expand(live, event));
        continue;
      }
      const [next] = transition(planMachine, live, event);
      expect(next, `${event.type} should be allowed in ${stateName(live.value)}`).not.toBe(live);
      const [fromRestored] = transition(planMachine, restored, event);
      expect(fromRestored.value).toEqual(next.value);
      expect(fromRestored.context).toEqual(next.context);
      live = next;
      restored = restoreSnapshot(JSON.parse(JSON.stringify(persistSnapshot(fromRestored))));
    }
    expect(live.value).toBe('completed');
    expect(live.status).toBe('done');
    expect(live.context.conditions.every((c) => c.confirmed)).toBe(true);
    expect(live.context.training).toMatchObject({ startedOn: '2026-12-01', by: { userId: 'c1' } });
    expect(Object.keys(live.context.issued).sort()).toEqual(['letter-of-support', 'meeting-record', 'supervisor-letter', 'training-agreement']);
    expect(live.context.terms.map((t) => [t.version, t.proposedBy.role])).toEqual([[1, 'clinician'], [2, 'manager'], [3, 'manager']]);
    expect(live.context.acceptedTerms).toMatchObject({ version: 3, by: { userId: 'c1' } });
    expect(live.context.changeRequests.map((r) => r.kind)).toEqual(['REQUEST_CHANGES', 'RETURN_FOR_CHANGES']);
    expect(live.context.supervisorId).toBe('s1');
  });

  it('is pure: the same snapshot and event always give the same result, stamped with the event time', () => {
    const start = initialSnapshot(input);
    const event = ev(clinician, 'COMMENT', { text: 'Hello' });
    const [a] = transition(planMachine, start, event);
    const [b] = transition(planMachine, start, event);
    expect(a.context).toEqual(b.context);
    expect(a.context.comments[0]).toEqual({ text: 'Hello', by: { userId: 'c1', role: 'clinician' }, at: event.at });
    expect(start.context.comments).toEqual([]);
  });

  it('keeps a finished plan closed to everyone', () => {
    let s = initialSnapshot(input);
    for (const e of [...journey(), ...afterAward()]) for (const x of expand(s, e)) [s] = transition(planMachine, s, x);
    expect(s.value).toBe('completed');
    for (const actor of [clinician, manager, rdLead, supervisor]) {
      expect(availableEvents(s, actor)).toEqual([]);
      for (const type of userEventTypes) expect(s.can(ev(actor, type, examples[type](3)))).toBe(false);
    }
  });

  it('a counter-proposal can only be accepted by the other party, and only in its latest version', () => {
    let s = initialSnapshot(input);
    for (const e of journey().slice(0, 8 + agendaSteps.length)) [s] = transition(planMachine, s, e);
    expect(stateName(s.value)).toBe('backfillPlan.awaitingClinician');
    expect(s.can(ev(manager, 'ACCEPT_TERMS', { termsVersion: 2 }))).toBe(false);
    expect(s.can(ev(clinician, 'ACCEPT_TERMS', { termsVersion: 1 }))).toBe(false);
    expect(s.can(ev(clinician, 'ACCEPT_TERMS', { termsVersion: 2 }))).toBe(true);
  });

  it('R&D returning the plan keeps the terms but clears their acceptance', () => {
    let s = initialSnapshot(input);
    for (const e of journey().slice(0, 10 + agendaSteps.length)) [s] = transition(planMachine, s, e);
    expect(stateName(s.value)).toBe('backfillPlan.drafting');
    expect(s.context.terms).toHaveLength(2);
    expect(s.context.acceptedTerms).toBeNull();
    expect(statusOf(s).awaitingRole).toBe('clinician');
  });
});

describe('completeness', () => {
  it('every state has a label and a next step in plain words', () => {
    for (const state of leafStates()) {
      expect(stateLabels[state], state).toBeDefined();
      expect(stateLabels[state]!.next.length, state).toBeGreaterThan(10);
    }
  });

  it('every event has a schema and labels', () => {
    for (const type of userEventTypes) {
      expect(eventSchemas[type], type).toBeDefined();
      expect(eventLabels[type].action, type).toBeTruthy();
      expect(eventLabels[type].done, type).toBeTruthy();
    }
  });

  it('every event the machine handles is one people or the scheduler can send, and the reverse', () => {
    const handled = new Set(planMachine.events.filter((e) => !e.startsWith('xstate.')));
    expect(handled).toEqual(new Set([...userEventTypes, 'SEND_REMINDER', 'REMIND_SIGNATORY', 'REQUEST_MEDIATION']));
  });
});
