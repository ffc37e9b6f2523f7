import { formatDate } from '../presenters/format.js';
import type { AwardCondition, PlanContext, PlanEventOf } from '../../workflows/plan.types.js';
import { quoted, type Message } from './messages.js';

// The words of news: what happened to a plan, for the people it concerns,
// whether or not it asks anything of them (what it asks is added beside).

const lowerFirst = (text: string) => `${text.charAt(0).toLowerCase()}${text.slice(1)}`;

export function changesMessage(context: PlanContext, kind: 'REQUEST_CHANGES' | 'RETURN_FOR_CHANGES' | 'DECLINE', by: string, text: string, forManager = false): Message {
  const plan = quoted(context);
  if (kind === 'DECLINE') {
    return { subject: `${plan} has been declined`, body: `${by} declined the plan ${plan}. Their reason:\n\n${text}` };
  }
  if (kind === 'REQUEST_CHANGES') {
    return { subject: `Changes asked for on ${plan}`, body: `${by} asked for changes to the research idea ${plan}:\n\n${text}` };
  }
  const next = forManager ? 'The clinician revises the terms with you, and the plan goes back to R&D once you have both agreed them.'
    : 'Revise the terms with your manager, then send them to R&D again.';
  return { subject: `R&D returned ${plan} for changes`, body: `${by} returned the plan ${plan} for changes:\n\n${text}\n\n${next}` };
}

export function commentMessage(context: PlanContext, by: string, text: string, named: boolean): Message {
  return {
    subject: `${by} ${named ? 'mentioned you in a comment' : 'commented'} on ${quoted(context)}`,
    body: `${by} wrote on the plan ${quoted(context)}:\n\n${text}`,
  };
}

export function submittedMessage(context: PlanContext, by: string, e: PlanEventOf<'SUBMIT_APPLICATION'>): Message {
  return {
    subject: `The funding application for ${quoted(context)} has been submitted`,
    body: `${by} submitted the funding application for ${quoted(context)} on ${formatDate(e.submittedOn)}: ${e.funder}, ${e.scheme}, call “${e.callName}” (reference ${e.reference}). `
      + 'The outcome will be recorded on the plan when the funder decides.',
  };
}

export function outcomeMessage(context: PlanContext, by: string, e: PlanEventOf<'RECORD_OUTCOME'>): Message {
  const plan = quoted(context);
  const feedback = e.feedback ? `\n\nThe funder's feedback:\n\n${e.feedback}` : '';
  if (e.outcome === 'awarded') {
    return {
      subject: `${plan} has been awarded`,
      body: `${by} recorded that the application for ${plan} was awarded on ${formatDate(e.decidedOn)}. The award starts on ${formatDate(e.awardStart!)}.${feedback}\n\n`
        + 'Before training starts, each condition of the award is confirmed by the person responsible for it.',
    };
  }
  return { subject: `${plan} was not awarded`, body: `${by} recorded that the application for ${plan} was not awarded (decided on ${formatDate(e.decidedOn)}).${feedback}` };
}

/** What is asked of someone responsible for conditions of the award: each one, in words. */
export const conditionsAsk = (conditions: AwardCondition[]) =>
  `confirm ${conditions.length === 1 ? 'this condition' : `these ${conditions.length} conditions`} of the award: ${conditions.map((c) => lowerFirst(c.text)).join('; ')}`;

export function conditionsMessage(context: PlanContext): Message {
  return {
    subject: `Conditions of the award to confirm for ${quoted(context)}`,
    body: `The award for ${quoted(context)} has conditions to confirm before training starts, and some are yours.`,
  };
}

export function withdrawnMessage(context: PlanContext, by: string, reason: string): Message {
  return { subject: `${quoted(context)} has been withdrawn`, body: `${by} withdrew the plan ${quoted(context)}. Their reason:\n\n${reason}\n\nThe plan is closed: nothing more is asked of you on it.` };
}

export function trainingStartedMessage(context: PlanContext, by: string, startedOn: string): Message {
  return { subject: `Training has started on ${quoted(context)}`, body: `${by} recorded that training on ${quoted(context)} started on ${formatDate(startedOn)}.` };
}

export function awardCompletedMessage(context: PlanContext, by: string, e: PlanEventOf<'COMPLETE_AWARD'>): Message {
  return {
    subject: `The award for ${quoted(context)} is complete`,
    body: `${by} recorded that the award for ${quoted(context)} ended on ${formatDate(e.completedOn)}:\n\n${e.summary}\n\nThe plan is closed.`,
  };
}

const roleWords = { manager: 'line manager', supervisor: 'academic supervisor' } as const;

/** To the person who now holds the role: what they hold. */
export function reassignedToMessage(context: PlanContext, by: string, role: 'manager' | 'supervisor', reason: string): Message {
  return {
    subject: `You are now the ${roleWords[role]} on ${quoted(context)}`,
    body: `${by} handed you the plan ${quoted(context)} as its ${roleWords[role]}. Their reason:\n\n${reason}`,
  };
}

/** To the person who held it: they no longer do. */
export function reassignedFromMessage(context: PlanContext, by: string, role: 'manager' | 'supervisor', successor: string): Message {
  return {
    subject: `You are no longer the ${roleWords[role]} on ${quoted(context)}`,
    body: `${by} handed the plan ${quoted(context)} to ${successor} as its ${roleWords[role]}. You no longer take part in it, and nothing more is asked of you on it.`,
  };
}

/** To the clinician: who their manager or supervisor is now. */
export function reassignedNewsMessage(context: PlanContext, by: string, role: 'manager' | 'supervisor', successor: string): Message {
  return {
    subject: `Your ${roleWords[role]} on ${quoted(context)} is now ${successor}`,
    body: `${by} handed the plan ${quoted(context)} to ${successor} as its ${roleWords[role]}.`,
  };
}

/** A copy for a colleague covering: whose it is, and until when. */
export function coverCopy(message: Message, absent: string, until: string): Message {
  return {
    subject: `Covering for ${absent}: ${message.subject}`,
    body: `You are covering for ${absent} until ${formatDate(until)}, so this is a copy of what they were asked. You can act on the plan for them, except authorising documents.\n\n${message.body}`,
  };
}
