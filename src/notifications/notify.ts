import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import type { TransitionChange } from '../plans/plan.service.js';
import { statusOf } from '../../workflows/plan.status.js';
import { askNotices, conditionOwners } from './ask-notices.js';
import { coverCopies } from './cover-copies.js';
import type { DueSettings } from './due-dates.js';
import { askFor, conditionsReminderMessage, escalationMessage, mediationMessage, reminderMessage } from './messages.js';
import { conditionsAsk } from './news-messages.js';
import { newsNotices } from './news-notices.js';
import type { MeetingCalendar, Notice, NoticeInput } from './notice.js';
import { queueNotification, type Recipient } from './outbox.js';
import { describeParty, escalationRole, nameOf, partyOf, sameRecipient } from './recipients.js';
import { signatureNotices } from './signature-notices.js';
import { planSummary, summaryText } from './summary.js';
import { topics } from './tasks.js';

export type { MeetingCalendar, Notice } from './notice.js';

// Who hears of a change, and what they are told. News goes to everyone it
// concerns; what the change asks goes to whoever must act, joined to their
// news so each person gets one message (a document to authorise is always a
// message of its own, as it is done on its own). Nobody is told of their own
// action, except to authorise a document. A colleague covering for someone
// gets a copy of what that person is asked.

export async function notifyChange(change: TransitionChange, settings: DueSettings, meetingCalendar?: MeetingCalendar): Promise<void> {
  const { trx, event } = change;
  let name: Promise<string> | undefined;
  let due: Promise<string | null> | undefined;
  const input: NoticeInput = {
    change, settings, meetingCalendar,
    // Most changes (saves, authorisations) tell nobody: the actor's name and the due date are looked up only when needed.
    byName: () => (name ??= nameOf(trx, event.actor)),
    planDueAt: () => (due ??= trx.selectFrom('plans').select('due_at').where('id', '=', change.planId).executeTakeFirst().then((r) => r?.due_at ?? null)),
  };
  const notices = event.type === 'SEND_REMINDER' ? await reminderNotices(input)
    : event.type === 'REMIND_SIGNATORY' ? await signatureNotices(change, settings)
      : event.type === 'REQUEST_MEDIATION' ? await mediationNotices(input)
        : merge(await askNotices(input), await newsNotices(input), event.actor.userId);
  const told: Array<{ to: Recipient; topic?: string }> = [];
  const queued: Notice[] = [];
  for (const notice of notices) {
    if (told.some((t) => sameRecipient(t.to, notice.to) && t.topic === notice.topic)) continue;
    const own = event.actor.role !== 'system' && 'userId' in notice.to && notice.to.userId === event.actor.userId;
    if (own && !isOwnTask(notice)) continue;
    // Several points answered in one form are several events of one moment: tell each person once.
    if (notice.kind === 'agenda' && 'userId' in notice.to && await toldAlready(trx, change.planId, notice.to.userId, event.at, notice.topic)) continue;
    told.push({ to: notice.to, topic: notice.topic });
    queued.push(notice);
  }
  if (!queued.length) return;
  const summary = await planSummary(trx, change.after);
  for (const notice of [...queued, ...await coverCopies(change, queued, told)]) {
    await queueNotification(trx, {
      planId: change.planId, to: notice.to, kind: notice.kind, ...notice.message, calendar: notice.calendar, path: notice.path, at: event.at,
      topic: notice.topic, asked: notice.asked, dueAt: notice.dueAt, summary: summaryText(summary, notice.forUserId ? { userId: notice.forUserId } : notice.to),
      forUserId: notice.forUserId,
    });
  }
}

/**
 * Documents to authorise and conditions to confirm are news even to the person whose action issued them (R&D
 * signing off is asked to authorise the agreement; whoever records the award, to confirm their conditions).
 */
const isOwnTask = (notice: Notice) => !!notice.topic && (notice.topic.startsWith('sign:') || notice.topic === topics.conditions);

/**
 * What a change asks of a person, joined to their news of it: one message each. A document to authorise stays
 * a message of its own; so does what is asked of the person who acted, who needs no news of their own action.
 */
function merge(asks: Notice[], news: Notice[], actorId: string): Notice[] {
  const unmatched = [...news];
  const joined = asks.map((ask) => {
    if (ask.topic?.startsWith('sign:') || ('userId' in ask.to && ask.to.userId === actorId)) return ask;
    const index = unmatched.findIndex((n) => sameRecipient(n.to, ask.to));
    if (index < 0) return ask;
    const [story] = unmatched.splice(index, 1);
    return { ...story!, topic: ask.topic, asked: ask.asked, dueAt: ask.dueAt, path: story!.path ?? ask.path };
  });
  return [...joined, ...unmatched];
}

/** The scheduler's reminder goes to whoever the plan waits on (to each owner of a condition still open, while the award is set up); its escalation to R&D. */
async function reminderNotices(input: NoticeInput): Promise<Notice[]> {
  const { change, planDueAt } = input;
  const { trx, event, after } = change;
  const { state, awaitingRole } = statusOf(after);
  if (event.type !== 'SEND_REMINDER' || !awaitingRole) return [];
  const context = after.context;
  if (event.kind === 'reminder') {
    const dueAt = await planDueAt();
    const owners = after.matches({ awarded: 'settingUp' }) ? await conditionOwners(input, after) : [];
    if (owners.length) {
      return owners.map(({ person, conditions }): Notice => ({
        to: { userId: person.userId }, kind: 'reminder', message: conditionsReminderMessage(context), topic: topics.conditions, asked: conditionsAsk(conditions), dueAt,
      }));
    }
    const message = reminderMessage(context, state);
    return (await partyOf(trx, context, awaitingRole)).map((to): Notice => ({ to, kind: 'reminder', message, topic: topics.wait(state), asked: askFor(state), dueAt }));
  }
  const awaited = await describeParty(trx, context, awaitingRole);
  const message = escalationMessage(context, state, awaited);
  return (await partyOf(trx, context, escalationRole(awaitingRole))).map((to): Notice => ({
    to, kind: 'escalation', message, topic: topics.followUp(state), asked: `follow it up with ${awaited}`, dueAt: null,
  }));
}

/** Told of the agenda at this moment already, about the same (a point to answer, or news of answers)? */
const toldAlready = async (trx: Kysely<Database>, planId: string, userId: string, at: string, topic?: string) =>
  !!(await trx.selectFrom('notifications').select('id').where('plan_id', '=', planId).where('user_id', '=', userId)
    .where('kind', '=', 'agenda').where('created_at', '=', at)
    .where((eb) => (topic ? eb('topic', '=', topic) : eb('topic', 'is', null))).executeTakeFirst());

async function mediationNotices({ change, settings }: NoticeInput): Promise<Notice[]> {
  const { trx, after, event } = change;
  const context = after.context;
  const days = Number(settings.DUE_DAYS_DISAGREEMENT);
  const since = event.type === 'REQUEST_MEDIATION' ? event.since : '';
  return [
    ...(await partyOf(trx, context, 'rdLead')).map((to): Notice => ({
      to, kind: 'mediation', message: mediationMessage(context, true, days), topic: topics.help(since),
      asked: 'help the clinician and manager agree the points they disagree on', dueAt: null,
    })),
    ...[context.clinicianId, context.managerId].map((userId): Notice => ({ to: { userId }, kind: 'mediation', message: mediationMessage(context, false, days) })),
  ];
}
