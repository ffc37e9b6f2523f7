import { transition } from 'xstate';
import { describe, expect, it } from 'vitest';
import { decide, explainRefusal } from '../../workflows/plan.decide.js';
import { signatoriesFor } from '../../workflows/plan.documents.js';
import { initialSnapshot, persistSnapshot, restoreSnapshot, type PlanSnapshot } from '../../workflows/plan.status.js';
import type { Actor, DocumentFacts, PlanEvent } from '../../workflows/plan.types.js';
import { agendaSteps, examples, terms } from '../support/examples.js';

const org = 'trust-1';
const clinician: Actor = { userId: 'c1', role: 'clinician', organisationId: org };
const manager: Actor = { userId: 'm1', role: 'manager', organisationId: org };
const rdLead: Actor = { userId: 'r1', role: 'rdLead', organisationId: org };
const system: Actor = { userId: 'system', role: 'system', organisationId: org };
const input = { process: '1.1' as const, planId: 'p1', organisationId: org, title: 'Falls research', clinicianId: 'c1', managerId: 'm1', createdAt: '2026-12-01T09:00:00.000Z' };

let clock = Date.parse('2026-12-01T09:00:00Z');
const ev = (actor: Actor, type: string, payload: object = {}): PlanEvent =>
  ({ type, actor, at: new Date((clock += 3_600_000)).toISOString(), ...payload } as PlanEvent);
const run = (s: PlanSnapshot, ...events: PlanEvent[]) => events.reduce((snap, e) => {
  const [next] = transition(snap.machine, snap, e);
  expect(next, `${e.type} should be allowed`).not.toBe(snap);
  return next;
}, s);
const remind = (kind: 'reminder' | 'escalation') => ev(system, 'SEND_REMINDER', { kind });

describe('waits and reminders', () => {
  it('each wait gets one reminder and then one escalation, and a new wait starts afresh', () => {
    let s = run(initialSnapshot(input), ev(clinician, 'UPDATE_IDEA', examples.UPDATE_IDEA(0)), ev(clinician, 'SUBMIT_FOR_AGREEMENT'));
    const submittedAt = s.context.waitingSince;
    expect(s.can(remind('escalation'))).toBe(false);
    s = run(s, remind('reminder'));
    expect(s.can(remind('reminder'))).toBe(false);
    s = run(s, remind('escalation'));
    expect(s.can(remind('escalation'))).toBe(false);
    expect(s.context.waitingSince).toBe(submittedAt);

    s = run(s, ev(manager, 'AGREE_IN_PRINCIPLE', examples.AGREE_IN_PRINCIPLE(0)));
    expect(s.context.waitingSince > submittedAt).toBe(true);
    expect(s.can(remind('reminder'))).toBe(true);
    expect(s.can(remind('escalation'))).toBe(false);
  });

  it('comments and saves do not restart the wait; a new proposal of terms does', () => {
    let s = run(initialSnapshot(input), ev(clinician, 'UPDATE_IDEA', examples.UPDATE_IDEA(0)), ev(clinician, 'SUBMIT_FOR_AGREEMENT'),
      ev(manager, 'AGREE_IN_PRINCIPLE', examples.AGREE_IN_PRINCIPLE(0)), ev(clinician, 'PROPOSE_TERMS', terms));
    const since = s.context.waitingSince;
    s = run(s, ev(manager, 'COMMENT', { text: 'Looking at this tomorrow' }));
    expect(s.context.waitingSince).toBe(since);
    s = run(s, ev(clinician, 'PROPOSE_TERMS', { ...terms, academicPercent: 40 }));
    expect(s.context.waitingSince > since).toBe(true);
  });

  it('only the system may send reminders, and a second one is explained as already done', () => {
    let s = run(initialSnapshot(input), ev(clinician, 'UPDATE_IDEA', examples.UPDATE_IDEA(0)), ev(clinician, 'SUBMIT_FOR_AGREEMENT'));
    expect(s.can(ev(manager, 'SEND_REMINDER', { kind: 'reminder' }))).toBe(false);
    s = run(s, remind('reminder'));
    expect(explainRefusal(s, remind('reminder'))).toEqual({ kind: 'stale', detail: 'A reminder has already been sent for this wait.' });
    s = run(s, remind('escalation'));
    expect(explainRefusal(s, remind('escalation'))).toEqual({ kind: 'stale', detail: 'An escalation has already been sent for this wait.' });
  });
});

/** Every point of the agenda agreed, as the terms need before they can be accepted. */
const agreeAgenda = () => agendaSteps.map(([who, type, payload]) => ev(who === 'clinician' ? clinician : manager, type, payload));

describe('authorising documents', () => {
  const signedOff = () => run(initialSnapshot(input), ev(clinician, 'UPDATE_IDEA', examples.UPDATE_IDEA(0)), ev(clinician, 'SUBMIT_FOR_AGREEMENT'),
    ev(manager, 'AGREE_IN_PRINCIPLE', examples.AGREE_IN_PRINCIPLE(0)), ...agreeAgenda(), ev(clinician, 'PROPOSE_TERMS', terms),
    ev(manager, 'ACCEPT_TERMS', { termsVersion: 1 }), ev(rdLead, 'SIGN_OFF', examples.SIGN_OFF(0)));

  const agreement = (s: PlanSnapshot, overrides: Partial<DocumentFacts> = {}): DocumentFacts => ({
    id: 'd1', kind: 'training-agreement', number: 1, sha256: 'a'.repeat(64), current: true,
    signatories: signatoriesFor('training-agreement', s.context), ...overrides,
  });
  const authorise = (actor: Actor, document: DocumentFacts, sha256 = document.sha256) =>
    ev(actor, 'AUTHORISE_DOCUMENT', { documentId: document.id, sha256, document, statement: 'I agree.' });

  it('signing off asks the server to issue the training agreement', () => {
    const s = run(initialSnapshot(input), ev(clinician, 'UPDATE_IDEA', examples.UPDATE_IDEA(0)), ev(clinician, 'SUBMIT_FOR_AGREEMENT'),
      ev(manager, 'AGREE_IN_PRINCIPLE', examples.AGREE_IN_PRINCIPLE(0)), ...agreeAgenda(), ev(clinician, 'PROPOSE_TERMS', terms),
      ev(manager, 'ACCEPT_TERMS', { termsVersion: 1 }));
    const decision = decide(s, ev(rdLead, 'SIGN_OFF', examples.SIGN_OFF(0)));
    expect(decision.ok && decision.actions).toContainEqual({ type: 'issueDocument', params: { kind: 'training-agreement' } });
  });

  it('the agreement is signed by the clinician, the manager and the R&D lead who signed off', () => {
    expect(signatoriesFor('training-agreement', signedOff().context)).toEqual([
      { role: 'clinician', userId: 'c1' }, { role: 'manager', userId: 'm1' }, { role: 'rdLead', userId: 'r1' },
    ]);
  });

  it('each signatory authorises the current version once; others may not', () => {
    let s = signedOff();
    const doc = agreement(s);
    s = run(s, authorise(clinician, doc));
    expect(s.context.authorisations).toMatchObject([{ documentId: 'd1', sha256: doc.sha256, by: { userId: 'c1' }, statement: 'I agree.' }]);
    expect(explainRefusal(s, authorise(clinician, doc))).toEqual({ kind: 'stale', detail: 'You have already authorised this document.' });
    const stranger: Actor = { userId: 'a1', role: 'admin', organisationId: org };
    expect(explainRefusal(s, authorise(stranger, doc))).toEqual({ kind: 'forbidden' });
    s = run(s, authorise(manager, doc), authorise(rdLead, doc));
    expect(s.context.authorisations.map((a) => a.by.role)).toEqual(['clinician', 'manager', 'rdLead']);
  });

  it('a superseded version or a different hash is refused as out of date', () => {
    const s = signedOff();
    const old = agreement(s, { current: false });
    expect(explainRefusal(s, authorise(manager, old))).toMatchObject({ kind: 'stale', detail: expect.stringContaining('newer version') });
    expect(explainRefusal(s, authorise(manager, agreement(s), 'b'.repeat(64)))).toMatchObject({ kind: 'stale', detail: expect.stringContaining('not the current version') });
  });
});

describe('reminding signatories', () => {
  const signedOff = () => run(initialSnapshot(input), ev(clinician, 'UPDATE_IDEA', examples.UPDATE_IDEA(0)), ev(clinician, 'SUBMIT_FOR_AGREEMENT'),
    ev(manager, 'AGREE_IN_PRINCIPLE', examples.AGREE_IN_PRINCIPLE(0)), ...agreeAgenda(), ev(clinician, 'PROPOSE_TERMS', terms),
    ev(manager, 'ACCEPT_TERMS', { termsVersion: 1 }), ev(rdLead, 'SIGN_OFF', examples.SIGN_OFF(0)));
  const agreement = (s: PlanSnapshot, overrides: Partial<DocumentFacts> = {}): DocumentFacts => ({
    id: 'd1', kind: 'training-agreement', number: 1, sha256: 'a'.repeat(64), current: true,
    signatories: signatoriesFor('training-agreement', s.context), ...overrides,
  });
  const signatoryOf = (actor: Actor) => ({ userId: actor.userId, role: actor.role as 'manager' });
  const remindSignatory = (kind: 'reminder' | 'escalation', who: Actor, document: DocumentFacts, by: Actor = system) =>
    ev(by, 'REMIND_SIGNATORY', { kind, documentId: document.id, signatory: signatoryOf(who), document });

  it('reminds each signatory of each document once, then escalates once, after the reminder', () => {
    let s = signedOff();
    const since = s.context.waitingSince;
    const doc = agreement(s);
    expect(s.can(remindSignatory('escalation', manager, doc))).toBe(false);
    expect(explainRefusal(s, remindSignatory('escalation', manager, doc)))
      .toEqual({ kind: 'stale', detail: 'No reminder has been sent for this signature yet: the escalation comes after it.' });
    s = run(s, remindSignatory('reminder', manager, doc));
    expect(explainRefusal(s, remindSignatory('reminder', manager, doc)))
      .toEqual({ kind: 'stale', detail: 'A reminder has already been sent for this signature.' });
    // Another signatory of the same document, and the same signatory of another document, have their own.
    expect(s.can(remindSignatory('reminder', clinician, doc))).toBe(true);
    expect(s.can(remindSignatory('reminder', manager, agreement(s, { id: 'd2', kind: 'letter-of-support' })))).toBe(true);
    s = run(s, remindSignatory('escalation', manager, doc));
    expect(explainRefusal(s, remindSignatory('escalation', manager, doc)))
      .toEqual({ kind: 'stale', detail: 'An escalation has already been sent for this signature.' });
    expect(s.context.signatureReminders).toEqual([
      { documentId: 'd1', userId: 'm1', kind: 'reminder', at: expect.any(String) },
      { documentId: 'd1', userId: 'm1', kind: 'escalation', at: expect.any(String) },
    ]);
    // A signature reminder is not a reminder of the plan's wait, and does not restart it.
    expect(s.context.reminders).toEqual([]);
    expect(s.context.waitingSince).toBe(since);
  });

  it('is not sent to someone who has already authorised the document', () => {
    let s = signedOff();
    const doc = agreement(s);
    s = run(s, ev(manager, 'AUTHORISE_DOCUMENT', { documentId: doc.id, sha256: doc.sha256, document: doc, statement: 'I agree.' }));
    expect(s.can(remindSignatory('reminder', manager, doc))).toBe(false);
    expect(explainRefusal(s, remindSignatory('reminder', manager, doc)))
      .toEqual({ kind: 'stale', detail: 'This person has already authorised the document.' });
    expect(s.can(remindSignatory('reminder', clinician, doc))).toBe(true);
  });

  it('is not sent for a version a newer one has replaced', () => {
    const s = signedOff();
    const old = agreement(s, { current: false });
    expect(s.can(remindSignatory('reminder', manager, old))).toBe(false);
    expect(explainRefusal(s, remindSignatory('reminder', manager, old))).toMatchObject({ kind: 'stale', detail: expect.stringContaining('newer version') });
  });

  it('is sent only by the system, only to a signatory, and only while the plan is open', () => {
    const s = signedOff();
    const doc = agreement(s);
    expect(s.can(remindSignatory('reminder', manager, doc, rdLead))).toBe(false);
    expect(explainRefusal(s, remindSignatory('reminder', manager, doc, rdLead))).toEqual({ kind: 'forbidden' });
    const supervisor: Actor = { userId: 's1', role: 'supervisor', organisationId: 'uni-1' };
    expect(explainRefusal(s, remindSignatory('reminder', supervisor, doc))).toEqual({ kind: 'forbidden' });
    const noSuchDocument = { ...remindSignatory('reminder', manager, doc), document: null } as PlanEvent;
    expect(explainRefusal(s, noSuchDocument)).toEqual({ kind: 'forbidden' });
    const withdrawn = run(s, ev(clinician, 'WITHDRAW', { reason: 'Moving to another trust' }));
    expect(withdrawn.can(remindSignatory('reminder', manager, doc))).toBe(false);
  });

  it('works on a 1.0 snapshot stored before signature reminders existed, which has no list of them', () => {
    const { process: _p, ...legacyInput } = input;
    const legacy = run(initialSnapshot(legacyInput), ev(clinician, 'UPDATE_IDEA', examples.UPDATE_IDEA(0)), ev(clinician, 'SUBMIT_FOR_AGREEMENT'),
      ev(manager, 'AGREE_IN_PRINCIPLE', examples.AGREE_IN_PRINCIPLE(0)), ev(clinician, 'PROPOSE_TERMS', terms),
      ev(manager, 'ACCEPT_TERMS', { termsVersion: 1 }), ev(rdLead, 'SIGN_OFF', examples.SIGN_OFF(0)));
    const stored = persistSnapshot(legacy) as { context: Record<string, unknown> };
    expect(stored.context).not.toHaveProperty('signatureReminders');
    const restored = restoreSnapshot(JSON.parse(JSON.stringify(stored)));
    const doc = agreement(restored);
    const s = run(restored, remindSignatory('reminder', manager, doc));
    expect(s.context.signatureReminders).toHaveLength(1);
    expect(s.can(remindSignatory('reminder', manager, doc))).toBe(false);
  });
});
