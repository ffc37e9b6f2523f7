import { getAdjacencyMap, getShortestPaths } from 'xstate/graph';
import { planMachine } from '../../workflows/plan.machine.js';
import { isIdeaComplete } from '../../workflows/plan.idea.js';
import { stateName, type PlanSnapshot } from '../../workflows/plan.status.js';
import type { Actor, PlanEvent, PlanInput } from '../../workflows/plan.types.js';
import { userEventTypes } from '../../src/domain/events.js';
import { examples } from './examples.js';
import { actorOf, type World } from './world.js';

// The plan machine explored as a graph: from the initial state, every event
// each party could send. The serialised state keeps only what decides which
// events are allowed, so the graph is finite.

export const MODEL_TIME = '2026-12-01T09:00:00.000Z';

export const modelInput = (world: World): PlanInput => ({
  planId: 'model', organisationId: world.trust.id, title: 'Early mobilisation after hip fracture',
  clinicianId: world.clinician.id, managerId: world.manager.id, createdAt: MODEL_TIME,
});

export const serializeState = (s: PlanSnapshot) =>
  [stateName(s.value), isIdeaComplete(s.context.idea) ? 'idea' : 'no-idea', s.context.supervisorId ? 'sup' : 'no-sup',
    s.context.terms.length ? 'terms' : 'no-terms',
    `reminders:${s.context.reminders.filter((r) => r.at >= s.context.waitingSince).length}`].join('|');

/**
 * Authorising a document, and reminding its signatories (REMIND_SIGNATORY, from the scheduler), need an
 * issued document, which only the server has: they have their own tests.
 */
export const modelEventTypes = userEventTypes.filter((type) => type !== 'AUTHORISE_DOCUMENT');

export const systemActor = (world: World): Actor => ({ userId: 'system', role: 'system', organisationId: world.trust.id });

/** Every event type from every party of the world, with a valid payload. */
export function allEvents(world: World, snapshot: PlanSnapshot): PlanEvent[] {
  const termsVersion = snapshot.context.terms.at(-1)?.version ?? 1;
  const parties = partiesOf(world);
  const byPeople = modelEventTypes.flatMap((type) => parties.map((actor) => {
    const payload = examples[type](termsVersion) as object;
    const extra = type === 'SCHEDULE_MEETING' ? { supervisorUserId: world.supervisor.id } : {};
    const outcome = type === 'RECORD_OUTCOME' && actor.role === 'rdLead' ? { outcome: 'not-awarded', awardStart: undefined, endOfAwardPlan: undefined } : {};
    return { type, actor, at: MODEL_TIME, ...payload, ...extra, ...outcome } as PlanEvent;
  }));
  const bySystem = (['reminder', 'escalation'] as const).map((kind) =>
    ({ type: 'SEND_REMINDER', actor: systemActor(world), at: MODEL_TIME, kind }) as PlanEvent);
  return [...byPeople, ...bySystem];
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

/** One path per allowed transition: the shortest way to its source state, then the transition. */
export function transitionPaths(world: World): ModelPath[] {
  const options = {
    input: modelInput(world),
    events: (s: PlanSnapshot) => allEvents(world, s),
    serializeState,
  };
  const shortest = new Map(getShortestPaths(planMachine, options).map((p) => [serializeState(p.state), p]));
  const adjacency = getAdjacencyMap(planMachine, options);
  const paths: ModelPath[] = [];
  for (const [key, { state, transitions }] of Object.entries(adjacency)) {
    const prefix = shortest.get(key);
    if (!prefix) throw new Error(`no path reaches ${key}`);
    for (const { event, state: end } of Object.values(transitions) as Array<{ event: PlanEvent; state: PlanSnapshot }>) {
      if (!state.can(event)) continue;
      const events = [...prefix.steps.map((s) => s.event).filter((e) => !e.type.startsWith('xstate.')), event] as PlanEvent[];
      paths.push({ name: `${key} --${event.type} by ${event.actor.role}--> ${stateName(end.value)}`, events, end });
    }
  }
  return paths;
}

/** One representative snapshot (and the way there) of every distinct state of the graph. */
export function reachableStates(world: World) {
  return getShortestPaths(planMachine, {
    input: modelInput(world),
    events: (s: PlanSnapshot) => allEvents(world, s),
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
