import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { meetingCalendar, meetingUid } from '../../src/documents/meeting-calendar.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { databaseKinds } from '../support/databases.js';
import { actorOf } from '../support/world.js';
import { signedOff } from './journey.js';

// The supervisor meeting as an iCalendar file, read back with ical.js (a full
// RFC 5545 parser): one event that keeps its UID when rearranged, with a
// SEQUENCE that goes up, at the right time in Europe/London.

function parse(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const zone = calendar.getFirstSubcomponent('vtimezone');
  if (zone) ICAL.TimezoneService.register(new ICAL.Timezone(zone));
  const vevent = calendar.getFirstSubcomponent('vevent')!;
  const event = new ICAL.Event(vevent);
  return {
    event,
    start: event.startDate,
    end: event.endDate,
    organizer: String(vevent.getFirstPropertyValue('organizer')),
    attendees: vevent.getAllProperties('attendee').map((p) => String(p.getFirstValue())),
    property: (name: string) => vevent.getFirstPropertyValue(name),
  };
}

const meeting = (startsAt: string, location = 'Research office, Level 2, Northshire General') => ({
  supervisorName: 'Dr Jo Evans', supervisorOrganisation: 'University of Northshire', supervisorEmail: 'jo.evans@northshire.ac.uk',
  startsAt, durationMinutes: 90, location,
});

describe.each(databaseKinds)('the meeting calendar file (%s)', (kind) => {
  let app: TestApp;
  beforeAll(async () => { app = await buildTestApp(kind); });
  afterAll(() => app.cleanup());

  const calendarOf = async (planId: string) => {
    const { snapshot } = await app.services.plans.load(planId, actorOf(app.world.clinician));
    return meetingCalendar(app.services.db.kysely, snapshot);
  };

  it('is nothing until a meeting is arranged', async () => {
    const plan = await signedOff(app.services.plans, app.world);
    expect(await calendarOf(plan.id)).toBeNull();
  });

  it('a summer meeting is at its London time in BST; organiser and attendees come with their emails', async () => {
    const plan = await signedOff(app.services.plans, app.world);
    await plan.send(app.world.manager, 'SCHEDULE_MEETING', meeting('2027-07-15T10:00:00+01:00'));
    const text = (await calendarOf(plan.id))!;
    expect(text).toContain('DTSTART;TZID=Europe/London:20270715T100000');
    const ics = parse(text);
    expect(ics.start.zone.tzid).toBe('Europe/London');
    expect([ics.start.hour, ics.start.minute]).toEqual([10, 0]);
    expect(ics.start.utcOffset()).toBe(3600);
    expect(ics.start.toJSDate().toISOString()).toBe('2027-07-15T09:00:00.000Z');
    expect(ics.end.toJSDate().toISOString()).toBe('2027-07-15T10:30:00.000Z');
    expect(ics.event.uid).toBe(meetingUid(plan.id));
    expect(ics.event.sequence).toBe(0);
    expect(ics.event.location).toBe('Research office, Level 2, Northshire General');
    expect(ics.organizer.toLowerCase()).toBe('mailto:sam.patel@northshire.nhs.uk');
    expect(ics.attendees.map((a) => a.toLowerCase())).toEqual([
      'mailto:alex.morgan@northshire.nhs.uk', 'mailto:sam.patel@northshire.nhs.uk', 'mailto:jo.evans@northshire.ac.uk',
    ]);
  });

  it('keeps its UID when rearranged, with a higher SEQUENCE; a winter time is GMT; a link becomes the URL', async () => {
    const plan = await signedOff(app.services.plans, app.world);
    await plan.send(app.world.clinician, 'SCHEDULE_MEETING', meeting('2027-07-15T10:00:00+01:00'));
    const first = parse((await calendarOf(plan.id))!);
    await plan.send(app.world.clinician, 'SCHEDULE_MEETING', meeting('2027-01-20T14:30:00Z', 'https://meet.example.org/jo-evans'));
    const second = parse((await calendarOf(plan.id))!);
    expect(second.event.uid).toBe(first.event.uid);
    expect(second.event.sequence).toBeGreaterThan(first.event.sequence);
    expect(second.event.sequence).toBe(1);
    expect([second.start.hour, second.start.minute, second.start.utcOffset()]).toEqual([14, 30, 0]);
    expect(second.start.toJSDate().toISOString()).toBe('2027-01-20T14:30:00.000Z');
    expect(String(second.property('url'))).toBe('https://meet.example.org/jo-evans');
  });

  it('can be an invitation for email, and withdrawing the plan cancels the meeting as a new revision', async () => {
    const plan = await signedOff(app.services.plans, app.world);
    await plan.send(app.world.clinician, 'SCHEDULE_MEETING', meeting('2027-02-10T11:00:00Z'));
    const { snapshot } = await app.services.plans.load(plan.id, actorOf(app.world.clinician));
    expect(await meetingCalendar(app.services.db.kysely, snapshot, { method: 'REQUEST' })).toContain('METHOD:REQUEST\r\n');
    await plan.send(app.world.clinician, 'WITHDRAW', { reason: 'Waiting a year.' });
    const cancelled = parse((await calendarOf(plan.id))!);
    expect([cancelled.property('status'), cancelled.event.sequence]).toEqual(['CANCELLED', 1]);
  });

  it('cannot be given extra attendees or properties through a quote or a bare CR in what people typed', async () => {
    const plan = await signedOff(app.services.plans, app.world, { title: 'Falls "prevention"\rX-INJECTED:1' });
    await plan.send(app.world.clinician, 'SCHEDULE_MEETING', {
      ...meeting('2027-04-14T10:00:00+01:00', 'Room 4\rATTENDEE:mailto:eve@evil.example\r'),
      // An email with no account, so the name stays as typed (an account's own name would replace it).
      supervisorEmail: 'visiting.supervisor@example.ac.uk',
      supervisorName: 'Dr "Jo":mailto:eve@evil.example;ROLE=CHAIR, Mallory', supervisorOrganisation: 'University "of"\rNorthshire',
    });
    const text = (await calendarOf(plan.id))!;
    expect(text, 'every line ends CRLF: no bare CR').not.toMatch(/\r(?!\n)/);
    expect(text).not.toContain('eve@evil.example:');
    const ics = parse(text);
    expect(ics.attendees.map((a) => a.toLowerCase())).toEqual([
      'mailto:alex.morgan@northshire.nhs.uk', 'mailto:sam.patel@northshire.nhs.uk', 'mailto:visiting.supervisor@example.ac.uk',
    ]);
    const vevent = new ICAL.Component(ICAL.parse(text)).getFirstSubcomponent('vevent')!;
    const supervisor = vevent.getAllProperties('attendee')[2]!;
    expect(supervisor.getParameter('cn')).toBe("Dr 'Jo':mailto:eve@evil.example;ROLE=CHAIR, Mallory");
    expect(supervisor.getParameter('role')).toBe('REQ-PARTICIPANT');
    expect(vevent.getAllProperties().map((p) => p.name)).not.toContain('x-injected');
    expect(ics.event.location).toBe('Room 4 ATTENDEE:mailto:eve@evil.example');
    expect(ics.event.summary).toBe("Supervisor meeting: Falls 'prevention' X-INJECTED:1");
  });

  it('is served as text/calendar to participants once arranged, and to nobody else', async () => {
    const plan = await signedOff(app.services.plans, app.world);
    const clinician = await app.signIn(app.world.clinician);
    expect((await clinician.get(`/plans/${plan.id}/meeting.ics`)).status).toBe(404);
    await plan.send(app.world.clinician, 'SCHEDULE_MEETING', meeting('2027-03-03T09:00:00Z'));
    const res = await clinician.get(`/plans/${plan.id}/meeting.ics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/calendar/);
    expect(parse(await res.text()).event.uid).toBe(meetingUid(plan.id));
    const page = await (await clinician.get(`/plans/${plan.id}`)).text();
    expect(page).toContain(`href="/plans/${plan.id}/meeting.ics"`);
    for (const user of [app.world.outsiderRdLead, app.world.otherClinician]) {
      expect((await (await app.signIn(user)).get(`/plans/${plan.id}/meeting.ics`)).status).toBe(404);
    }
  });
});
