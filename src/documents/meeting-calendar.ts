import { createEvent, type Attendee, type EventAttributes } from 'ics';
import type { Kysely } from 'kysely';
import type { PlanSnapshot } from '../../workflows/plan.status.js';
import type { Database } from '../db/database.js';
import { calendarText as text } from './calendar-text.js';
import { lookUpPeople } from './people.js';

// The supervisor meeting as an iCalendar file (RFC 5545), for the plan page
// and for the meeting email. The UID comes from the plan, so a rearranged
// meeting replaces the one already in people's calendars; SEQUENCE counts the
// rearrangements. The `ics` package writes times in UTC or floating only, so
// the times are given as London wall-clock times and tied to a VTIMEZONE for
// Europe/London here: a calendar shows 10:00 BST in summer and 10:00 GMT in winter.

const TZID = 'Europe/London';

// The rules of British time since 1996: summer time from the last Sunday of
// March at 01:00 UTC to the last Sunday of October at 01:00 UTC.
const LONDON_VTIMEZONE = [
  'BEGIN:VTIMEZONE', `TZID:${TZID}`,
  'BEGIN:DAYLIGHT', 'TZOFFSETFROM:+0000', 'TZOFFSETTO:+0100', 'TZNAME:BST', 'DTSTART:19810329T010000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU', 'END:DAYLIGHT',
  'BEGIN:STANDARD', 'TZOFFSETFROM:+0100', 'TZOFFSETTO:+0000', 'TZNAME:GMT', 'DTSTART:19961027T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU', 'END:STANDARD',
  'END:VTIMEZONE',
].join('\r\n');

const LONDON = new Intl.DateTimeFormat('en-GB', {
  timeZone: TZID, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
});

/** "20270715T100000": the wall-clock time in London of an instant. */
export function londonWallClock(instant: Date): string {
  const part = Object.fromEntries(LONDON.formatToParts(instant).map((p) => [p.type, p.value]));
  return `${part.year}${part.month}${part.day}T${part.hour}${part.minute}${part.second}`;
}

/** "20261201T090000Z" */
const utcStamp = (iso: string) => new Date(iso).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

/** The stable UID of a plan's supervisor meeting. */
export const meetingUid = (planId: string) => `supervisor-meeting-${planId}@clinical-academic-plans`;

const isLink = (location: string) => /^https?:\/\/\S+$/i.test(location.trim());

export interface CalendarOptions {
  /** PUBLISH (the default) for a file to download; REQUEST for an invitation sent by email (RFC 5546). */
  method?: 'PUBLISH' | 'REQUEST';
}

/** The meeting's calendar file, or null while no meeting is arranged. Reads only the people it names. */
export async function meetingCalendar(db: Kysely<Database>, snapshot: PlanSnapshot, options: CalendarOptions = {}): Promise<string | null> {
  const c = snapshot.context;
  const m = c.meeting;
  if (!m) return null;
  const people = await lookUpPeople(db, c);
  const person = (id: string) => people.byId.get(id);
  const start = new Date(m.startsAt);
  const end = new Date(start.getTime() + m.durationMinutes * 60_000);
  const cancelled = c.withdrawn !== null && c.meetingRecord === null;
  // Every name, address and free text below goes through `text` (calendar-text.ts): people type them.
  const invitee = (name: string, email: string): Attendee => ({ name: text(name), email: text(email), rsvp: true, partstat: 'NEEDS-ACTION', role: 'REQ-PARTICIPANT' });
  const attendees = [person(c.clinicianId), person(c.managerId)].filter((p) => !!p).map((p) => invitee(p.name, p.email));
  attendees.push(invitee(m.supervisorName, m.supervisorEmail));
  const organiser = person(m.by.userId);
  const link = isLink(m.location) ? text(m.location) : undefined;
  const clinician = person(c.clinicianId)?.name ?? 'the clinician';
  const attributes: EventAttributes = {
    uid: meetingUid(c.planId),
    // Withdrawing the plan cancels the meeting: a cancellation is a new revision of the same event.
    sequence: m.sequence + (cancelled ? 1 : 0),
    status: cancelled ? 'CANCELLED' : 'CONFIRMED',
    productId: 'clinical-academic-plans',
    method: options.method ?? 'PUBLISH',
    title: text(`Supervisor meeting: ${c.title}`),
    description: text(`A meeting with ${m.supervisorName} (${m.supervisorOrganisation}) to shape ${clinician}'s research plan “${c.title}”: `
      + 'agree the research question, how it matters locally, and how the supervisor\'s team and the service will keep working together.'),
    start: londonWallClock(start),
    end: londonWallClock(end),
    location: link ? `Online: ${link}` : text(m.location),
    ...(link ? { url: link } : {}),
    ...(organiser ? { organizer: { name: text(organiser.name), email: text(organiser.email) } } : {}),
    attendees,
  };
  // DTSTAMP is when this revision was made (when the meeting was last arranged), so the file is the same every time it is asked for.
  let { error, value } = createEvent({ ...attributes, timestamp: utcStamp(m.at) } as EventAttributes);
  // The package checks URLs strictly; a link it will not take is still given in LOCATION.
  if (error && link) ({ error, value } = createEvent({ ...attributes, url: undefined, timestamp: utcStamp(m.at) } as EventAttributes));
  if (error || !value) throw error ?? new Error('The meeting could not be written as a calendar file');
  return value
    .replace(/^DTSTART:(\d{8}T\d{6})\r$/m, `DTSTART;TZID=${TZID}:$1\r`)
    .replace(/^DTEND:(\d{8}T\d{6})\r$/m, `DTEND;TZID=${TZID}:$1\r`)
    .replace('BEGIN:VEVENT\r\n', `${LONDON_VTIMEZONE}\r\nBEGIN:VEVENT\r\n`);
}
