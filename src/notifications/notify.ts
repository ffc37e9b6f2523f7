import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import type { TransitionChange } from '../plans/plan.service.js';
import { statusOf, type PlanSnapshot } from '../../workflows/plan.status.js';
import type { PlanEvent } from '../../workflows/plan.types.js';
import { dueAtFor, type DueSettings } from './due-dates.js';
import {
  agendaMessage, changesMessage, escalationMessage, handoverMessage, mediationMessage, meetingMessage, reminderMessage, type Message,
} from './messages.js';
import { queueNotification, type NotificationKind, type Recipient } from './outbox.js';
import { describeParty, escalationRole, nameOf, partyOf, sameRecipient } from './recipients.js';
import { signatureNotices } from './signature-notices.js';
import { startsNewWait } from './timers.js';

// Who hears of a change, and what they are told. Each person is told once per
// change: the most specific message wins (a meeting invitation over "the plan
// is waiting for you"), and nobody is told of their own action.

/** The .ics of the plan's supervisor meeting (src/documents/meeting-calendar.ts), or null when there is none. */
export type MeetingCalendar = (db: Kysely<Database>, snapshot: PlanSnapshot) => Promise<string | null | undefined> | string | null | undefined;

/** One person told: `path` is the page linked to (the plan's page when left out). */
export interface Notice { to: Recipient; kind: NotificationKind; message: Message; calendar?: string | null; path?: string }

export async function notifyChange(change: TransitionChange, settings: DueSettings, meetingCalendar?: MeetingCalendar): Promise<void> {
  const { trx, event } = change;
  const notices = event.type === 'SEND_REMINDER' ? await systemNotices(change, settings)
    : event.type === 'REMIND_SIGNATORY' ? await signatureNotices(change, settings)
      : event.type === 'REQUEST_MEDIATION' ? await mediationNotices(change, settings)
        : await personNotices(change, meetingCalendar);
  const told: Recipient[] = [];
  for (const notice of notices) {
    if (told.some((r) => sameRecipient(r, notice.to))) continue;
    if (event.actor.role !== 'system' && 'userId' in notice.to && notice.to.userId === event.actor.userId) continue;
    // Several points answered in one form are several events of one moment: tell each person once.
    if (notice.kind === 'agenda' && 'userId' in notice.to && await toldAlready(trx, change.planId, notice.to.userId, event.at)) continue;
    told.push(notice.to);
    await queueNotification(trx, {
      planId: change.planId, to: notice.to, kind: notice.kind, ...notice.message, calendar: notice.calendar, path: notice.path, at: event.at,
    });
  }
}

async function systemNotices(change: TransitionChange, settings: DueSettings): Promise<Notice[]> {
  const { trx, event, after } = change;
  const { state, awaitingRole } = statusOf(after);
  if (event.type !== 'SEND_REMINDER' || !awaitingRole) return [];
  const context = after.context;
  if (event.kind === 'reminder') {
    const message = reminderMessage(context, state, dueAtFor(state, context.waitingSince, settings));
    return (await partyOf(trx, context, awaitingRole)).map((to) => ({ to, kind: 'reminder', message }));
  }
  const message = escalationMessage(context, state, await describeParty(trx, context, awaitingRole));
  return (await partyOf(trx, context, escalationRole(awaitingRole))).map((to) => ({ to, kind: 'escalation', message }));
}

async function personNotices(change: TransitionChange, meetingCalendar?: MeetingCalendar): Promise<Notice[]> {
  const { trx, event, after } = change;
  const context = after.context;
  // Most changes (comments, saves) tell nobody: the actor's name is looked up only when someone is told.
  let name: Promise<string> | undefined;
  const byName = () => (name ??= nameOf(trx, event.actor));
  const notices: Notice[] = [];
  const clinician: Recipient = { userId: context.clinicianId };
  const text = changeText(event);
  if ((event.type === 'REQUEST_CHANGES' || event.type === 'RETURN_FOR_CHANGES' || event.type === 'DECLINE') && text !== null) {
    const kind = event.type === 'DECLINE' ? 'declined' : event.type === 'REQUEST_CHANGES' ? 'changes-requested' : 'returned-for-changes';
    notices.push({ to: clinician, kind, message: changesMessage(context, event.type, await byName(), text) });
  }
  if (event.type === 'SCHEDULE_MEETING' && context.meeting) {
    const calendar = (await meetingCalendar?.(trx, after)) ?? null;
    const message = meetingMessage(context, await byName(), calendar !== null);
    const attendees = [...await partyOf(trx, context, 'supervisor'), clinician, { userId: context.managerId }];
    notices.push(...attendees.map((to): Notice => ({ to, kind: 'meeting-scheduled', message, calendar })));
  }
  notices.push(...await agendaNotices(change, byName));
  const { state, awaitingRole } = statusOf(after);
  if (awaitingRole && startsNewWait(change)) {
    const message = handoverMessage(context, state, await byName());
    notices.push(...(await partyOf(trx, context, awaitingRole)).map((to): Notice => ({ to, kind: 'handover', message })));
  }
  return notices;
}

const toldAlready = async (trx: Kysely<Database>, planId: string, userId: string, at: string) =>
  !!(await trx.selectFrom('notifications').select('id').where('plan_id', '=', planId).where('user_id', '=', userId)
    .where('kind', '=', 'agenda').where('created_at', '=', at).executeTakeFirst());

async function mediationNotices(change: TransitionChange, settings: DueSettings): Promise<Notice[]> {
  const { trx, after } = change;
  const context = after.context;
  const days = Number(settings.DUE_DAYS_DISAGREEMENT);
  return [
    ...(await partyOf(trx, context, 'rdLead')).map((to): Notice => ({ to, kind: 'mediation', message: mediationMessage(context, true, days) })),
    ...[context.clinicianId, context.managerId].map((userId): Notice => ({ to: { userId }, kind: 'mediation', message: mediationMessage(context, false, days) })),
  ];
}

/** A point proposed waits on the other person; a point answered tells the person who proposed it. */
async function agendaNotices(change: TransitionChange, byName: () => Promise<string>): Promise<Notice[]> {
  const { event, after } = change;
  const context = after.context;
  const partyId = (role: string) => (role === 'clinician' ? context.managerId : context.clinicianId);
  if (event.type === 'PROPOSE_POINT') {
    return [{ to: { userId: partyId(event.actor.role) }, kind: 'agenda', message: agendaMessage(context, await byName(), false), path: `/plans/${change.planId}/agenda` }];
  }
  if (event.type === 'AGREE_POINT' || event.type === 'DISPUTE_POINT') {
    return [{ to: { userId: partyId(event.actor.role) }, kind: 'agenda', message: agendaMessage(context, await byName(), true), path: `/plans/${change.planId}/agenda` }];
  }
  return [];
}

function changeText(event: PlanEvent): string | null {
  if (event.type === 'REQUEST_CHANGES' || event.type === 'RETURN_FOR_CHANGES') return event.comment;
  if (event.type === 'DECLINE') return event.reason;
  return null;
}
