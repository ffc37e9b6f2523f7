import { londonDate } from '../../workflows/plan.dates.js';
import { meetingRecordFields } from '../presenters/fields.js';
import { formatAppointment, formatDate } from '../presenters/format.js';
import type { DocumentContent, Line } from './content.js';
import type { Source } from './source.js';

// The record of the meeting with the academic supervisor: the day it was
// held, who took part, what was agreed and what happens next. It states the
// day the meeting took place (heldOn), never the day it was arranged for: a
// meeting may be held earlier or later than planned, and the time and place
// arranged are given only when it was held on the day arranged.

type Body = Pick<DocumentContent, 'intro' | 'sections'>;

function when(s: Source): Line[] {
  const { meeting, meetingRecord: record } = s.context;
  if (!s.heldOn) {
    // Recorded under 1.0, which did not ask the day: only the day it was recorded is known.
    return record ? [{ label: 'Recorded on', value: formatDate(record.at) }] : [];
  }
  const asArranged = meeting && londonDate(meeting.startsAt) === s.heldOn;
  return [
    { label: 'Held on', value: formatDate(s.heldOn) },
    ...(asArranged ? [
      { label: 'Time, as arranged', value: formatAppointment(meeting.startsAt).split(' at ').at(-1)! },
      { label: 'Length, as arranged', value: `${meeting.durationMinutes} minutes` },
      { label: 'Place or link, as arranged', value: meeting.location },
    ] : []),
  ];
}

export function meetingContent(s: Source): Body {
  const { context: c, clinician } = s;
  const record = c.meetingRecord;
  const meeting = c.meeting;
  const manager = s.nameOf(c.managerId);
  const supervisor = s.supervisor?.name ?? 'the academic supervisor';
  const held = s.heldOn ? `the meeting held on ${formatDate(s.heldOn)}` : 'the meeting';
  return {
    intro: [
      `A record of ${held} between ${clinician}, their line manager ${manager} and ${supervisor}, to shape the research and the funding application.`,
    ],
    sections: [
      {
        heading: 'The meeting',
        rows: when(s),
        note: meeting ? `Arranged by ${s.stampOf(meeting)}.` : undefined,
      },
      {
        heading: 'Who took part',
        rows: [
          { label: 'Clinician', value: `${clinician}, ${s.people.trust}` },
          { label: 'Line manager', value: `${manager}, ${s.people.trust}` },
          ...(s.supervisor && meeting ? [{ label: 'Academic supervisor', value: `${s.supervisor.name}, ${s.supervisor.organisation}` }] : []),
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
