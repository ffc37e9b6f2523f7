import { availableEvents } from '../../workflows/plan.decide.js';
import { eventLabels } from '../../workflows/plan.labels.js';
import { completedPanel, completedRecord, wordsFor, type Reader } from '../../workflows/plan.words.js';
import type { PlanSnapshot } from '../../workflows/plan.status.js';
import type { Actor, Stamp } from '../../workflows/plan.types.js';
import { isLegacyPlan } from '../../workflows/plan.versions.js';
import { deadlineView } from '../notifications/deadline.js';
import type { PlanDocumentLink } from '../documents/plan-documents.js';
import { actionsFor } from './actions.presenter.js';
import { agendaSummary } from './agenda.presenter.js';
import { formatDateTime } from './format.js';
import { capitalised, personFor, type Names } from './people.js';
import { captionFor, planSummary, readerOf } from './plan-summary.presenter.js';
import { stepPage } from './step-page.presenter.js';
import { taskList } from './steps.presenter.js';
import { waitsOf } from './waits.presenter.js';

// Everything the plan page shows, worked out from the snapshot and the
// machine (issue 17): a summary of where the plan is and whose move it is,
// what the reader can do now, the steps, the documents and the latest
// comments. Each step's answers, earlier versions and requests are on the
// step's own page; the full record is the history.

/** Users of the plan whose names the page needs. */
export function peopleIn(s: PlanSnapshot): string[] {
  const c = s.context;
  const stamps: Array<Stamp | null> = [c.agreement, c.acceptedTerms, c.signOff, c.meeting, c.meetingRecord, c.declined, c.withdrawn,
    ...c.changeRequests, ...c.comments, ...c.applications, ...c.reopenings];
  const later = isLegacyPlan(c) ? [] : [c.training, c.completion, ...c.submissions, ...c.conditions.map((x) => x.confirmed)];
  return [c.clinicianId, c.managerId, c.supervisorId, ...c.terms.map((t) => t.proposedBy.userId), ...[...stamps, ...later].map((x) => x?.by.userId)]
    .filter((id): id is string => !!id);
}

/** Time-dependent facts of the page: the current wait's due date (the plan row's column) and the funding call. */
export interface PlanTiming {
  dueAt: string | null;
  now: Date;
  deadlineWarningWeeks: number;
}

/** Comments shown on the page before the rest are folded away. */
const LATEST_COMMENTS = 3;

/** "9 of 9 points agreed", or who the rest wait on, while the discussion is open (the terms step). */
function discussion(s: PlanSnapshot, planId: string, actor: Actor, reader: Reader) {
  const summary = s.matches('backfillPlan') ? agendaSummary(s.context, planId, actor.role) : null;
  if (!summary) return null;
  const between = actor.role === 'clinician' ? `between you and ${reader.manager}` : actor.role === 'manager' ? `between you and ${reader.clinician}`
    : `between ${reader.clinician} and ${reader.manager}`;
  return {
    ...summary,
    sentence: `${summary.agreed} of ${summary.total} points agreed${summary.agreed === summary.total ? '' : ` ${between}`}.`,
    other: actor.role === 'clinician' ? reader.manager : reader.clinician,
  };
}

/** The current step's facts worth having at hand: the meeting's time and place, the conditions of the award. */
function atHand(s: PlanSnapshot, planId: string, actor: Actor, names: Names) {
  if (s.matches({ supervisorMeeting: 'scheduled' })) return stepPage(s, 'meeting', planId, actor, names).open.slice(0, 1);
  if (!isLegacyPlan(s.context) && s.matches({ awarded: 'settingUp' })) return stepPage(s, 'award', planId, actor, names).open.slice(0, 1);
  return [];
}

export function presentPlan(
  s: PlanSnapshot, planId: string, version: number, actor: Actor, names: Names, timing: PlanTiming, documents: PlanDocumentLink[],
) {
  const c = s.context;
  const reader = readerOf(s, actor, names);
  const waits = waitsOf(s);
  const by = (stamp: Stamp) => `${capitalised(personFor(names, stamp.by.userId, stamp.by.role, actor.userId))}, ${formatDateTime(stamp.at)}`;
  const comments = c.comments.map((x) => ({ text: x.text, by: by(x) })).reverse();
  return {
    planId, version,
    title: c.title,
    caption: captionFor(s, actor, reader),
    summary: planSummary(s, actor, reader, names, waits, timing),
    completed: s.matches('completed') ? { heading: 'Award complete', text: wordsFor(completedPanel, reader), record: wordsFor(completedRecord, reader) } : null,
    deadline: deadlineView(s, timing.now, timing.deadlineWarningWeeks),
    actions: actionsFor(s, planId, actor, waits),
    discussion: discussion(s, planId, actor, reader),
    atHand: atHand(s, planId, actor, names),
    tasks: taskList(s, planId, actor, reader, names, waits),
    canComment: availableEvents(s, actor).includes('COMMENT'),
    comments: comments.slice(0, LATEST_COMMENTS),
    earlierComments: comments.slice(LATEST_COMMENTS),
    documents,
  };
}

/** The banner after an action (`?done=TYPE`): what happened, in "you" words, and what happens now. */
export function confirmationOf(done: string | undefined, plan: ReturnType<typeof presentPlan>): { heading: string; text: string } | null {
  if (!done) return null;
  if (done === 'DRAFT_SAVED') return { heading: 'Your answers are saved', text: 'Only you can see them: open the form again to finish and send it.' };
  // The end of the journey has its own panel.
  if (done === 'COMPLETE_AWARD' || !(done in eventLabels)) return null;
  const heading = eventLabels[done as keyof typeof eventLabels].confirmation;
  if (done === 'COMMENT') return { heading, text: 'Everyone on this plan can read it. It is kept in the plan’s history.' };
  return { heading, text: plan.summary.next };
}
