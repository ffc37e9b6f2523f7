import { formatDate, formatDateTime } from '../presenters/format.js';
import { dayInWords } from './email.js';
import type { ListedNotification } from './outbox.js';

// One notification as its reader sees it, on the page and over the API: new,
// read or done; what it asks and by when; where to act.

export type NotificationStatus = 'new' | 'read' | 'done';

export const statusOf = (row: Pick<ListedNotification, 'read_at' | 'done_at'>): NotificationStatus =>
  (row.done_at ? 'done' : row.read_at ? 'read' : 'new');

const kindLabels: Record<string, string> = {
  handover: 'Action needed', 'changes-requested': 'Changes asked for', 'returned-for-changes': 'Returned for changes',
  declined: 'Declined', 'meeting-scheduled': 'Meeting arranged', reminder: 'Reminder', escalation: 'Escalation',
  'document-authorisation': 'To authorise', agenda: 'Discussion', mediation: 'R&D asked to help', invitation: 'Invitation',
  'password-reset': 'Password reset', comment: 'Comment', 'application-submitted': 'Application submitted', outcome: 'Outcome',
  reassigned: 'Handed over', withdrawn: 'Withdrawn', conditions: 'Conditions to confirm', 'training-started': 'Training started',
  'award-completed': 'Award completed',
};

export const kindLabel = (kind: string) => kindLabels[kind] ?? kind;

const tagColours: Record<string, string> = { escalation: 'red', reminder: 'orange', declined: 'grey', withdrawn: 'grey', outcome: 'green' };

/** For the page: everything a person needs to decide whether to act, and where. */
export function presentNotification(row: ListedNotification, now: Date) {
  const status = statusOf(row);
  const overdue = !!row.due_at && Date.parse(row.due_at) <= now.getTime();
  return {
    id: row.id, subject: row.subject, href: row.path, kind: kindLabel(row.kind), tagColour: tagColours[row.kind] ?? 'blue',
    at: formatDateTime(row.created_at), status, isNew: status === 'new', isDone: status === 'done',
    asked: row.asked ? `${row.asked.charAt(0).toUpperCase()}${row.asked.slice(1)}.` : null,
    due: row.due_at && status !== 'done' ? { text: overdue ? `This was due by ${dayInWords(row.due_at)}.` : `By ${dayInWords(row.due_at)}.`, overdue } : null,
    doneOn: row.done_at ? formatDate(row.done_at) : null,
    coveringFor: row.for_user_name ?? null,
  };
}

/** For the API (GET /api/v1/notifications). */
export function notificationJson(row: ListedNotification) {
  return {
    id: row.id, planId: row.plan_id, kind: row.kind, subject: row.subject, createdAt: row.created_at, readAt: row.read_at,
    status: statusOf(row), actionNeeded: row.asked !== null && row.done_at === null, asked: row.asked, dueAt: row.due_at,
    doneAt: row.done_at, link: row.path,
    coveringFor: row.for_user_id ? { userId: row.for_user_id, name: row.for_user_name ?? '' } : null,
  };
}
