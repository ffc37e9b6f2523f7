import type { Recipient } from './outbox.js';
import type { Notice, NoticeInput } from './notice.js';
import { meetingMessage } from './messages.js';
import {
  awardCompletedMessage, changesMessage, commentMessage, outcomeMessage, reassignedFromMessage, reassignedNewsMessage,
  submittedMessage, trainingStartedMessage, withdrawnMessage,
} from './news-messages.js';
import { commentRecipients, concerned, hasReachedRd, partyOf } from './recipients.js';
import { topics } from './tasks.js';

// News of a change, for everyone it concerns: what happened, whether or not it
// asks anything of them. What it asks (src/notifications/ask-notices.ts) is
// joined to the same notification, so each person gets one message a change.

export async function newsNotices(input: NoticeInput): Promise<Notice[]> {
  const { change, byName } = input;
  const { trx, event, after } = change;
  const context = after.context;
  const clinician: Recipient = { userId: context.clinicianId };
  const manager: Recipient = { userId: context.managerId };
  const to = (people: Recipient[], notice: Omit<Notice, 'to'>): Notice[] => people.map((person) => ({ ...notice, to: person }));
  switch (event.type) {
    case 'REQUEST_CHANGES':
      return to([clinician], { kind: 'changes-requested', message: changesMessage(context, event.type, await byName(), event.comment) });
    case 'DECLINE': {
      // R&D declining ends what the manager agreed too; the manager declining tells the clinician.
      const people = event.actor.role === 'rdLead' ? [clinician, manager] : [clinician];
      return to(people, { kind: 'declined', message: changesMessage(context, event.type, await byName(), event.reason) });
    }
    case 'RETURN_FOR_CHANGES': {
      const by = await byName();
      return [
        { to: clinician, kind: 'returned-for-changes', message: changesMessage(context, event.type, by, event.comment) },
        { to: manager, kind: 'returned-for-changes', message: changesMessage(context, event.type, by, event.comment, true) },
      ];
    }
    case 'SCHEDULE_MEETING': {
      if (!context.meeting) return [];
      const calendar = (await input.meetingCalendar?.(trx, after)) ?? null;
      const message = meetingMessage(context, await byName(), calendar !== null);
      return to([...await partyOf(trx, context, 'supervisor'), clinician, manager], { kind: 'meeting-scheduled', message, calendar, topic: topics.meeting });
    }
    case 'COMMENT': {
      const { to: people, named } = await commentRecipients(trx, context, event.text);
      return to(people, { kind: 'comment', message: commentMessage(context, await byName(), event.text, named), path: `/plans/${change.planId}#comments` });
    }
    case 'SUBMIT_APPLICATION':
      return to(await concerned(trx, context, true), { kind: 'application-submitted', message: submittedMessage(context, await byName(), event) });
    case 'RECORD_OUTCOME':
      return to(await concerned(trx, context, true), { kind: 'outcome', message: outcomeMessage(context, await byName(), event) });
    case 'WITHDRAW':
      return to(await concerned(trx, context, hasReachedRd(context)), { kind: 'withdrawn', message: withdrawnMessage(context, await byName(), event.reason) });
    case 'START_TRAINING':
      return to(await concerned(trx, context, true), { kind: 'training-started', message: trainingStartedMessage(context, await byName(), event.startedOn) });
    case 'COMPLETE_AWARD':
      return to(await concerned(trx, context, true), { kind: 'award-completed', message: awardCompletedMessage(context, await byName(), event) });
    case 'REASSIGN': {
      const handover = [...context.reassignments].reverse().find((r) => r.at === event.at && r.to === event.userId);
      const successor = event.target?.name ?? 'someone else';
      const by = await byName();
      return [
        ...(handover?.from ? [{ to: { userId: handover.from }, kind: 'reassigned' as const, message: reassignedFromMessage(context, by, event.role, successor), path: '/' }] : []),
        { to: clinician, kind: 'reassigned', message: reassignedNewsMessage(context, by, event.role, successor) },
      ];
    }
    default:
      return [];
  }
}
