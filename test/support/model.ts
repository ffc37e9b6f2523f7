import { transition } from 'xstate';
import { getAdjacencyMap, getShortestPaths } from 'xstate/graph';
import { planMachine } from '../../workflows/plan.machine.js';
import { isIdeaComplete } from '../../workflows/plan.idea.js';
import { disagreementSince, latestProposal, pointStatus } from '../../workflows/plan.agenda.js';
import { agendaKeys, type AgendaKey } from '../../src/domain/options.js';
import { initialSnapshot, stateName, type PlanSnapshot } from '../../workflows/plan.status.js';
import type { Actor, PlanEvent, PlanInput } from '../../workflows/plan.types.js';
import { userEventTypes, type UserEventType } from '../../src/domain/events.js';
import { examples, pointProposals } from './examples.js';
import { pendingAuthorisations } from './machine-documents.js';
import { missingSignatures } from '../../workflows/steps/documents.js';
import { unconfirmed } from '../../workflows/steps/award.js';
import { actorOf, type World } from './world.js';

// The plan machine explored as a graph: from the initial state, every event
// each party could send. The serialised state keeps only what decides which
// events are allowed, so the graph is finite.

export const MODEL_TIME = '2026-12-01T09:00:00.000Z';

export const modelInput = (world: World): PlanInput => ({
  process: '1.1', planId: 'model', organisationId: world.trust.id, title: 'Early mobilisation after hip fracture',
  clinicianId: world.clinician.id, managerId: world.manager.id, createdAt: MODEL_TIME,
});

/** The first point of the agenda not yet agreed: the model discusses the points one at a time, in order. */
export const nextPoint = (s: PlanSnapshot): AgendaKey | undefined => agendaKeys.find((key) => pointStatus(s.context.agenda[key]) !== 'agreed');

/**
 * How far the agenda has come: points agreed, and where the next one stands. It counts only while the terms
 * wait for the manager, where the model discusses the agenda; elsewhere each agenda event is still tried
 * (and checked against the rules), but where it leads is not explored again.
 */
function agendaKey(s: PlanSnapshot): string {
  if (stateName(s.value) !== 'backfillPlan.awaitingManager') return 'agenda:-';
  const next = nextPoint(s);
  if (!next) return 'agenda:all';
  const point = s.context.agenda[next];
  return `agenda:${agendaKeys.indexOf(next)}:${pointStatus(point)}:${latestProposal(point)?.proposedBy.role ?? ''}`;
}

/** Signatures still missing, counted only where the application waits for them; conditions, only while the award is set up. */
function progressKey(s: PlanSnapshot): string {
  const state = stateName(s.value);
  if (state === 'application.preparing') return `unsigned:${missingSignatures(s.context).length}`;
  if (state === 'awarded.settingUp') return `unconfirmed:${unconfirmed(s.context).length}`;
  return 'progress:-';
}

export const serializeState = (s: PlanSnapshot) =>
  [stateName(s.value), s.context.sharedAt ? 'shared' : 'private', isIdeaComplete(s.context.idea) ? 'idea' : 'no-idea', s.context.supervisorId ? 'sup' : 'no-sup',
    s.context.terms.length ? 'terms' : 'no-terms', agendaKey(s), progressKey(s),
    `reminders:${s.context.reminders.filter((r) => r.at >= s.context.waitingSince).length}`].join('|');

/** The agenda's events about the next point to discuss: propose it, agree to or dispute its latest version. */
function agendaPayload(type: UserEventType, s: PlanSnapshot): object | undefined {
  const point = nextPoint(s) ?? 'opportunity';
  const version = latestProposal(s.context.agenda[point])?.version ?? 1;
  if (type === 'PROPOSE_POINT') return pointProposals[point];
  if (type === 'AGREE_POINT') return { point, pointVersion: version };
  if (type === 'DISPUTE_POINT') return { point, pointVersion: version, reason: 'Not yet: the service needs more detail.' };
  return undefined;
}

/** Authorising is generated from the documents the plan has issued (authorisations()); every other type from examples. */
export const modelEventTypes = userEventTypes.filter((type) => type !== 'AUTHORISE_DOCUMENT');

/** The next signature a document waits for, as sent by every party (only the signatory's is allowed). */
function authorisations(world: World, s: PlanSnapshot): PlanEvent[] {
  const [next] = pendingAuthorisations(s, MODEL_TIME);
  return next ? partiesOf(world).map((actor) => ({ ...next, actor }) as PlanEvent) : [];
}

/** The payload of an event that depends on where the plan is: the next condition, the account a plan is handed to. */
function contextualPayload(world: World, type: UserEventType, s: PlanSnapshot): object | undefined {
  if (type === 'CONFIRM_CONDITION') return { condition: unconfirmed(s.context)[0]?.key ?? 'backfill-in-place' };
  if (type === 'REISSUE_DOCUMENT') return { kind: (Object.keys(s.context.issued)[0] ?? 'training-agreement'), reason: 'The budget holder was corrected.' };
  if (type === 'REASSIGN') {
    const to = world.otherManager;
    return {
      role: 'manager', userId: to.id, reason: 'Sam Patel has moved to another service.',
      target: { userId: to.id, role: 'manager', organisationId: world.trust.id, name: to.name, organisation: world.trust.name, active: true },
    };
  }
  return undefined;
}

export const systemActor = (world: World): Actor => ({ userId: 'system', role: 'system', organisationId: world.trust.id });

/** Every event type from every party of the world, with a valid payload. */
export function allEvents(world: World, snapshot: PlanSnapshot): PlanEvent[] {
  const termsVersion = snapshot.context.terms.at(-1)?.version ?? 1;
  const parties = partiesOf(world);
  const byPeople = modelEventTypes.flatMap((type) => parties.map((actor) => {
    const payload = agendaPayload(type, snapshot) ?? contextualPayload(world, type, snapshot) ?? examples[type](termsVersion) as object;
    const extra = type === 'SCHEDULE_MEETING' ? { supervisorUserId: world.supervisor.id } : {};
    const outcome = type === 'RECORD_OUTCOME' && actor.role === 'rdLead' ? { outcome: 'not-awarded', awardStart: undefined, endOfAwardPlan: undefined } : {};
    return { type, actor, at: MODEL_TIME, ...payload, ...extra, ...outcome } as PlanEvent;
  }));
  const bySystem = [...(['reminder', 'escalation'] as const).map((kind) =>
    ({ type: 'SEND_REMINDER', actor: systemActor(world), at: MODEL_TIME, kind }) as PlanEvent),
  { type: 'REQUEST_MEDIATION', actor: systemActor(world), at: MODEL_TIME, since: disagreementSince(snapshot.context) ?? MODEL_TIME } as PlanEvent];
  return [...byPeople, ...authorisations(world, snapshot), ...bySystem];
}

/**
 * The events the graph follows: all of them, except that handing the plan over and reissuing a document are
 * followed from one state each. They are still checked in every state (allEvents); following them
 * everywhere would explore every other state twice more.
 */
export function exploreEvents(world: World, snapshot: PlanSnapshot): PlanEvent[] {
  const state = stateName(snapshot.value);
  return allEvents(world, snapshot).filter((e) => (e.type !== 'REASSIGN' || state === 'rdSignOff')
    && (e.type !== 'REISSUE_DOCUMENT' || state === 'supervisorMeeting.toSchedule'));
}

export function partiesOf(world: World): Actor[] {
  return [world.clinician, world.manager, world.rdLead, world.supervisor, world.admin,
    world.otherClinician, world.otherManager, world.outsiderRdLead, world.outsiderAdmin].map(actorOf);
}

export interface ModelPath {
  name: string;
  events: PlanEvent[];
  end: PlanSnapshot;
}

/** A key without the agenda's progress: states that differ only there are the same to the persistence tests. */
export const withoutAgenda = (key: string) => key.replace(/\|agenda:[^|]*/, '');

/**
 * One path per allowed transition: the shortest way to its source state, then the transition. Transitions
 * that differ only in how far the agenda has come are taken once (the machine tests cover each of them).
 */
export function transitionPaths(world: World): ModelPath[] {
  const options = {
    input: modelInput(world),
    events: (s: PlanSnapshot) => exploreEvents(world, s),
    serializeState,
  };
  const shortest = new Map(getShortestPaths(planMachine, options).map((p) => [serializeState(p.state), p]));
  const adjacency = getAdjacencyMap(planMachine, options);
  const paths = new Map<string, ModelPath>();
  for (const [key, { state, transitions }] of Object.entries(adjacency)) {
    const prefix = shortest.get(key);
    if (!prefix) throw new Error(`no path reaches ${key}`);
    for (const { event } of Object.values(transitions) as Array<{ event: PlanEvent; state: PlanSnapshot }>) {
      if (!state.can(event)) continue;
      const events = [...prefix.steps.map((s) => s.event).filter((e) => !e.type.startsWith('xstate.')), event] as PlanEvent[];
      // Replayed from the start: states that share a key may differ in what it leaves out.
      const end = replay(modelInput(world), events);
      if (!end) continue;
      const name = `${withoutAgenda(key)} --${event.type} by ${event.actor.role}--> ${stateName(end.value)}`;
      if (!paths.has(name)) paths.set(name, { name, events, end });
    }
  }
  return [...paths.values()];
}

/** The snapshot after these events, or undefined when one of them is refused. */
function replay(input: PlanInput, events: PlanEvent[]): PlanSnapshot | undefined {
  let snapshot = initialSnapshot(input);
  for (const event of events) {
    const [next] = transition(planMachine, snapshot, event);
    if (next === snapshot) return undefined;
    snapshot = next;
  }
  return snapshot;
}

/** One representative snapshot (and the way there) of every distinct state of the graph. */
export function reachableStates(world: World) {
  return getShortestPaths(planMachine, {
    input: modelInput(world),
    events: (s: PlanSnapshot) => exploreEvents(world, s),
    serializeState,
  }).map((p) => ({
    key: serializeState(p.state),
    snapshot: p.state,
    events: p.steps.map((s) => s.event).filter((e) => !e.type.startsWith('xstate.')) as PlanEvent[],
  }));
}

/** Leaf state names of the machine, such as `backfillPlan.awaitingManager`. */
export function leafStates(): string[] {
  const walk = (node: typeof planMachine.root, prefix: string): string[] => {
    const children = Object.values(node.states);
    if (!children.length) return [prefix];
    return children.flatMap((child) => walk(child, prefix ? `${prefix}.${child.key}` : child.key));
  };
  return walk(planMachine.root, '');
}
