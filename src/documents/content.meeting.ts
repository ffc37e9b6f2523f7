import { meetingFields, meetingRecordFields } from '../presenters/fields.js';
import type { DocumentContent } from './content.js';
import type { Source } from './build.js';

// The record of the meeting with the academic supervisor: when and where it
// was, who was there, what was agreed and what happens next.

type Body = Pick<DocumentContent, 'intro' | 'sections'>;

export function meetingContent(s: Source): Body {
  const { context: c } = s;
  const meeting = c.meeting;
  const record = c.meetingRecord;
  const clinician = s.nameOf(c.clinicianId);
  const supervisor = meeting?.supervisorName ?? (c.supervisorId ? s.nameOf(c.supervisorId) : 'the academic supervisor');
  return {
    intro: [
      `A record of the meeting between ${clinician}, their line manager and ${supervisor} to shape the research and the funding application.`,
    ],
    sections: [
      {
        heading: 'The meeting',
        rows: s.lines(meetingFields, ['startsAt', 'durationMinutes', 'location'], meeting),
        note: meeting ? `Arranged by ${s.stampOf(meeting)}.` : undefined,
      },
      {
        heading: 'Attendees',
        rows: [
          { label: 'Clinician', value: `${clinician}, ${s.people.trust}` },
          { label: 'Line manager', value: `${s.nameOf(c.managerId)}, ${s.people.trust}` },
          ...(meeting ? [{ label: 'Academic supervisor', value: `${meeting.supervisorName}, ${meeting.supervisorOrganisation} (${meeting.supervisorEmail})` }] : []),
        ],
      },
      {
        heading: 'What was agreed',
        rows: s.lines(meetingRecordFields, ['researchQuestion', 'localRelevance', 'relationshipPlan'], record),
      },
      {
        heading: 'Actions',
        items: record?.actions ?? [],
        ordered: true,
        note: record ? `Recorded by ${s.stampOf(record)}.` : undefined,
      },
    ],
  };
}
