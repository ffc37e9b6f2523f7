import { stepLabels } from '../../workflows/plan.labels.js';
import { currentTerms } from '../../workflows/plan.machine.js';
import type { PlanSnapshot } from '../../workflows/plan.status.js';
import type { Actor, Stamp, Step } from '../../workflows/plan.types.js';
import { isLegacyPlan } from '../../workflows/plan.versions.js';
import { roleLabels } from '../../workflows/plan.labels.js';
import { agendaHref } from '../http/links.js';
import { agendaSummary } from './agenda.presenter.js';
import {
  agreementFields, applicationFields, changesBetween, ideaFields, meetingFields, meetingRecordFields, outcomeFields, rowsOf, signOffFields,
  termsFields, type Change, type Field,
} from './fields.js';
import { formatDate, formatDateTime } from './format.js';
import { capitalised, personFor, type Names } from './people.js';
import { holderId } from './waits.presenter.js';
import type { Role } from '../domain/options.js';

// One step of a plan on its own page (issue 17): every answer of that step,
// its latest version open, earlier versions and answered requests folded
// away, so the plan page itself can stay short. The task list links here.

export interface Block {
  heading: string;
  tag: { text: string; colour: string } | null;
  /** Who did it and when: "Proposed by you, 1 December 2026 09:00". */
  meta: string | null;
  /** What they wrote: a request for changes, a comment with a proposal. */
  text: string | null;
  changes: Change[];
  changesFrom: number | null;
  rows: Array<{ key: string; value: string }>;
  link: { href: string; text: string } | null;
  /** Shown folded away in a details component: an earlier version, an answered request. */
  folded: boolean;
}

const block = (heading: string, fields: Partial<Block> = {}): Block => ({
  heading, tag: null, meta: null, text: null, changes: [], changesFrom: null, rows: [], link: null, folded: false, ...fields,
});

interface Context { s: PlanSnapshot; planId: string; actor: Actor; names: Names }

const rowsFor = (fields: Field[], data: object | null | undefined, actor: Actor) => rowsOf(fields, data).map((r) => ({
  // The terms name "the clinician"; the clinician reads about themselves.
  key: actor.role === 'clinician' && r.key === 'teamContribution' ? 'What you offer the team' : r.label, value: r.value,
}));

function who({ names, actor }: Context, stamp: Stamp | { by: { userId: string; role: string } }): string {
  const name = personFor(names, stamp.by.userId, stamp.by.role, actor.userId);
  return name === 'you' ? 'you' : name;
}
const when = (x: Context, verb: string, stamp: Stamp) => `${capitalised(verb)} by ${who(x, stamp)}, ${formatDateTime(stamp.at)}`;

/** Requests for changes of one kind, the one being answered open and the rest folded. */
function requestBlocks(x: Context, kind: 'REQUEST_CHANGES' | 'RETURN_FOR_CHANGES', openState: boolean): Block[] {
  const requests = x.s.context.changeRequests.filter((r) => r.kind === kind);
  return requests.map((r, i) => block(`${kind === 'REQUEST_CHANGES' ? 'Changes asked for' : 'Returned for changes'}, ${formatDate(r.at)}`, {
    meta: when(x, 'asked', r), text: r.comment, folded: !(openState && i === requests.length - 1),
  })).reverse();
}

function ideaBlocks(x: Context): Block[] {
  const c = x.s.context;
  const sent = isLegacyPlan(c) ? undefined : c.submissions.at(-1);
  const notes = isLegacyPlan(c) ? [] : c.submissions.filter((n) => n.comment).map((n) => block(`What was changed, sent ${formatDate(n.at)}`, {
    meta: when(x, 'sent', n), text: n.comment ?? null, folded: true,
  })).reverse();
  return [
    block('The research idea', { meta: sent ? when(x, 'sent', sent) : 'Not sent yet', rows: rowsFor(ideaFields, c.idea, x.actor) }),
    ...requestBlocks(x, 'REQUEST_CHANGES', x.s.matches({ researchIdea: 'revising' })), ...notes,
  ];
}

function termsBlocks(x: Context): Block[] {
  const c = x.s.context;
  const agenda = isLegacyPlan(c) ? null : agendaSummary(c, x.planId, x.actor.role);
  const latest = currentTerms(c)?.version;
  const versions = c.terms.map((proposal, i) => {
    const before = c.terms[i - 1];
    const accepted = c.acceptedTerms?.version === proposal.version;
    return block(`Terms, version ${proposal.version}`, {
      tag: accepted ? { text: 'Accepted', colour: 'green' } : proposal.version === latest ? { text: 'Latest', colour: 'blue' } : null,
      meta: `Proposed by ${personFor(x.names, proposal.proposedBy.userId, proposal.proposedBy.role, x.actor.userId)}, ${formatDateTime(proposal.proposedAt)}`,
      text: proposal.comment ?? null, changes: before ? changesBetween(termsFields, before.terms, proposal.terms) : [],
      changesFrom: before ? before.version : null, rows: rowsFor(termsFields, proposal.terms, x.actor), folded: proposal.version !== latest,
    });
  }).reverse();
  return [
    ...(agenda ? [block('The discussion', {
      text: `${agenda.agreed} of ${agenda.total} points agreed.`, link: { href: agendaHref(x.planId), text: 'Read every point of the discussion' },
    })] : []),
    ...(versions.length ? versions : [block('Terms', { text: 'Nobody has proposed the terms yet.' })]),
    ...requestBlocks(x, 'RETURN_FOR_CHANGES', x.s.matches('backfillPlan')),
  ];
}

function signOffBlocks(x: Context): Block[] {
  const c = x.s.context;
  const items = c.signOff && 'conditionItems' in c.signOff ? c.signOff.conditionItems ?? [] : [];
  return [
    ...(c.signOff ? [block('R&D sign-off', {
      meta: when(x, 'signed off', c.signOff),
      rows: [...rowsFor(signOffFields, c.signOff, x.actor), ...(items.length ? [{ key: 'To confirm after the award', value: items.join('\n') }] : [])],
    })] : []),
    ...(c.declined?.stage === 'rdSignOff' ? [block('Declined', { meta: when(x, 'declined', c.declined), text: c.declined.reason })] : []),
    ...requestBlocks(x, 'RETURN_FOR_CHANGES', false).map((b) => ({ ...b, folded: c.signOff !== null })),
  ];
}

function meetingBlocks(x: Context): Block[] {
  const c = x.s.context;
  if (!c.meeting) return [];
  const heldOn = c.meetingRecord && 'heldOn' in c.meetingRecord && c.meetingRecord.heldOn ? [{ key: 'Held on', value: formatDate(c.meetingRecord.heldOn) }] : [];
  return [
    block(c.meeting.sequence > 0 ? 'The meeting (rearranged)' : 'The meeting', {
      meta: when(x, 'arranged', c.meeting), rows: rowsFor(meetingFields, c.meeting, x.actor),
      link: c.meetingRecord ? null : { href: `/plans/${x.planId}/meeting.ics`, text: 'Add the meeting to your calendar (.ics file)' },
    }),
    ...(c.meetingRecord ? [block('What was agreed', { meta: when(x, 'recorded', c.meetingRecord), rows: [...heldOn, ...rowsFor(meetingRecordFields, c.meetingRecord, x.actor)] })] : []),
  ];
}

function applicationBlocks(x: Context): Block[] {
  const { applications } = x.s.context;
  return applications.map((a, i) => block(`Application ${i + 1}`, {
    meta: when(x, 'recorded', a), rows: [...rowsFor(applicationFields, a, x.actor), ...rowsFor(outcomeFields, a.outcome, x.actor)],
    folded: i < applications.length - 1,
  })).reverse();
}

/** Who confirms a condition, as the reader reads it: "you", "Sam Patel", "R&D". */
function owner(x: Context, role: Role): string {
  if (role === x.actor.role && (role === 'rdLead' || role === 'admin')) return 'you';
  const id = holderId(x.s, role);
  if (id) return id === x.actor.userId || id === x.actor.onBehalfOf?.userId ? 'you' : x.names.get(id) ?? `the ${roleLabels[role]}`;
  return role === 'rdLead' ? 'R&D' : `the ${roleLabels[role]}`;
}

function awardBlocks(x: Context): Block[] {
  const c = x.s.context;
  if (isLegacyPlan(c)) return [];
  const conditions = c.conditions.map((condition) => ({
    key: condition.text,
    value: condition.confirmed
      ? `Confirmed by ${who(x, condition.confirmed)}, ${formatDate(condition.confirmed.at)}${condition.confirmed.note ? `: ${condition.confirmed.note}` : ''}`
      : `For ${owner(x, condition.owner)} to confirm`,
  }));
  return [
    ...(conditions.length ? [block('Conditions of the award', { rows: conditions })] : []),
    ...(c.training ? [block('Training', { meta: when(x, 'recorded', c.training), rows: [{ key: 'Started on', value: formatDate(c.training.startedOn) }] })] : []),
    ...(c.completion ? [block('The award is complete', {
      meta: when(x, 'recorded', c.completion),
      rows: [{ key: 'Completed on', value: formatDate(c.completion.completedOn) }, { key: 'Summary', value: c.completion.summary }],
    })] : []),
  ];
}

function agreementBlocks(x: Context): Block[] {
  const c = x.s.context;
  return [
    ...(c.agreement ? [block('Agreed in principle', { meta: when(x, 'agreed', c.agreement), rows: rowsFor(agreementFields, c.agreement, x.actor) })] : []),
    ...(c.declined?.stage === 'managerAgreement' ? [block('Declined', { meta: when(x, 'declined', c.declined), text: c.declined.reason })] : []),
    ...requestBlocks(x, 'REQUEST_CHANGES', false).map((b) => ({ ...b, folded: true })),
  ];
}

const blocksOf: Record<Step, (x: Context) => Block[]> = {
  idea: ideaBlocks, agreement: agreementBlocks, terms: termsBlocks, signOff: signOffBlocks, meeting: meetingBlocks,
  application: applicationBlocks, award: awardBlocks,
};

export function stepPage(s: PlanSnapshot, step: Step, planId: string, actor: Actor, names: Names) {
  const blocks = blocksOf[step]({ s, planId, actor, names });
  return { title: stepLabels[step].title, open: blocks.filter((b) => !b.folded), folded: blocks.filter((b) => b.folded) };
}
