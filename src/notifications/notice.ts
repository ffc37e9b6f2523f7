import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import type { TransitionChange } from '../plans/plan.service.js';
import type { PlanSnapshot } from '../../workflows/plan.status.js';
import type { DueSettings } from './due-dates.js';
import type { Message } from './messages.js';
import type { NotificationKind, Recipient } from './outbox.js';

/** The .ics of the plan's supervisor meeting (src/documents/meeting-calendar.ts), or null when there is none. */
export type MeetingCalendar = (db: Kysely<Database>, snapshot: PlanSnapshot) => Promise<string | null | undefined> | string | null | undefined;

/**
 * One person told of one change. `path` is the page linked to (the plan's page when left out). A notice
 * that asks something has a task topic (src/notifications/tasks.ts), the words of what is asked and, when
 * there is one, a due date; news has neither.
 */
export interface Notice {
  to: Recipient;
  kind: NotificationKind;
  message: Message;
  calendar?: string | null;
  path?: string;
  topic?: string;
  asked?: string;
  dueAt?: string | null;
  /** A copy for a colleague covering: the person it was asked of. */
  forUserId?: string;
}

/** What the notices of one change are written from. */
export interface NoticeInput {
  change: TransitionChange;
  settings: DueSettings;
  /** "Sam Patel (manager)": the person who acted, looked up once and only when someone is told. */
  byName(): Promise<string>;
  /** The due date of the plan's current wait (kept on the plan row by src/notifications/timers.ts). */
  planDueAt(): Promise<string | null>;
  meetingCalendar?: MeetingCalendar;
}
