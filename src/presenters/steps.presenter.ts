import { stepLabels } from '../../workflows/plan.labels.js';
import { stepHints, wordsFor, type Reader } from '../../workflows/plan.words.js';
import { statusOf, type PlanSnapshot } from '../../workflows/plan.status.js';
import { steps, type Actor, type Step } from '../../workflows/plan.types.js';
import { isLegacyPlan } from '../../workflows/plan.versions.js';
import { planHref } from '../http/links.js';
import type { Names } from './people.js';
import { waitsOnReader, type Wait } from './waits.presenter.js';

// The plan's seven steps as a task list: where the plan is, whose move the
// current step waits on, and a link to each step that has something to read
// (its own page with every answer, version and request of that step). A link
// here opens the step, never a decision form: those are in "What you can do now".

export const stepHref = (planId: string, step: Step) => `${planHref(planId)}/steps/${step}`;

export const isStep = (value: string): value is Step => (steps as readonly string[]).includes(value);

const progressOf = (s: PlanSnapshot): Record<Step, boolean> => {
  const c = s.context;
  return {
    idea: c.agreement !== null || s.matches('managerAgreement'),
    agreement: c.agreement !== null,
    terms: c.acceptedTerms !== null,
    signOff: c.signOff !== null,
    meeting: c.meetingRecord !== null,
    application: s.matches('awarded') || s.matches('completed'),
    award: s.matches('completed'),
  };
};

/** Does the step have anything recorded to read on its own page? */
export function hasRecords(s: PlanSnapshot, step: Step): boolean {
  const c = s.context;
  const requests = (kind: string) => c.changeRequests.some((r) => r.kind === kind);
  switch (step) {
    case 'idea': return Object.keys(c.idea).length > 0 || c.title.length > 0;
    case 'agreement': return c.agreement !== null || requests('REQUEST_CHANGES') || c.declined?.stage === 'managerAgreement';
    case 'terms': return c.terms.length > 0 || (!isLegacyPlan(c) && c.termsOpenedAt !== null);
    case 'signOff': return c.signOff !== null || requests('RETURN_FOR_CHANGES') || c.declined?.stage === 'rdSignOff';
    case 'meeting': return c.meeting !== null;
    case 'application': return c.applications.length > 0;
    case 'award': return !isLegacyPlan(c) && (c.conditions.length > 0 || c.training !== null || c.completion !== null);
  }
}

/** "Waiting for you", "Waiting for Sam Patel", "Waiting for Sam Patel and R&D": the current step's tag. */
function waitingTag(waits: Wait[], actor: Actor, names: Names, reader: Reader): string {
  const now = waits.filter((w) => !w.blocked);
  if (now.some((w) => waitsOnReader(w, actor))) return 'Waiting for you';
  const who = [...new Set(now.map((w) => (w.role === 'rdLead' ? 'R&D'
    : (w.userId && names.get(w.userId)) || (w.role === 'supervisor' ? reader.supervisor : null) || `the ${w.role}`)))];
  if (!who.length) return '';
  return `Waiting for ${who.length > 2 ? `${who.length} people` : who.join(' and ')}`;
}

export function taskList(s: PlanSnapshot, planId: string, actor: Actor, reader: Reader, names: Names, waits: Wait[]) {
  const status = statusOf(s);
  const done = progressOf(s);
  return steps.map((step) => {
    const base = {
      title: stepLabels[step].title, hint: wordsFor(stepHints[step], reader), id: `step-${step}`,
      href: hasRecords(s, step) ? stepHref(planId, step) : undefined,
    };
    const current = status.step === step;
    if (current && s.matches('notAwarded')) return { ...base, status: 'Not awarded', statusTag: 'orange' };
    if (current) return { ...base, status: waitingTag(waits, actor, names, reader) || 'In progress', statusTag: 'blue' };
    if (done[step]) return { ...base, status: 'Completed' };
    if (s.matches('declined') && s.context.declined?.stage === (step === 'agreement' ? 'managerAgreement' : 'rdSignOff')) {
      return { ...base, status: 'Declined', statusTag: 'red' };
    }
    if (status.final || s.matches('declined')) return { ...base, status: 'Closed' };
    return { ...base, status: 'Cannot start yet' };
  });
}
