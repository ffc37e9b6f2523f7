import type { LeadTimes } from '../planning/timeline.js';
import { agendaKeys } from '../domain/options.js';
import { plural } from '../presenters/format.js';

// The steps of a plan and how long each usually takes, for the start page (to
// anyone) and a new clinician's first dashboard (to them, as "you"). The times
// are the trust's lead times (the working days each step usually takes, set on
// /admin/lead-times), the same figures the plan page plans back from a funding
// call's closing date with; the start page, before anyone signs in, shows the
// defaults a trust starts with.

export type Audience = 'everyone' | 'clinician';

export interface JourneyStep {
  title: string;
  text: string;
  time: string;
}

const usually = (days: number) => `Usually ${plural(days, 'working day')}`;

export function journeySteps(audience: Audience, lead: LeadTimes): JourneyStep[] {
  const you = audience === 'clinician';
  return [
    {
      title: 'Write the research idea',
      text: you ? 'Say what you want to research, why now, and who might supervise you.' : 'The person applying says what they want to research, why now, and who might supervise them.',
      time: you ? 'Take the time you need' : 'As long as they need',
    },
    {
      title: 'Agreement in principle',
      text: you ? 'Your line manager agrees in principle, asks you for changes, or declines.' : 'Their line manager agrees in principle, asks for changes, or declines.',
      time: usually(lead.managerDecision),
    },
    {
      title: 'Terms and discussion points',
      text: you ? `You and your manager agree when you start, how much of your week goes to research, who covers your clinical work, and ${agendaKeys.length} points about support and your career.`
        : `They agree with their manager when they start, how much of the week goes to research, who covers their clinical work, and ${agendaKeys.length} points about support and career.`,
      time: usually(lead.terms),
    },
    {
      title: 'R&D sign-off',
      text: "The trust's research and development (R&D) office checks capacity, costs and who holds the budget, then signs off the plan or returns it.",
      time: usually(lead.rdReview),
    },
    {
      title: 'Supervisor meeting and signatures',
      text: you ? 'You meet your academic supervisor and record what you agreed. Everyone signs the training agreement, the meeting record and the letters of support.'
        : 'They meet their academic supervisor and record what was agreed. Everyone signs the training agreement, the meeting record and the letters of support.',
      time: `Signatures: ${usually(lead.signatures).toLowerCase()}`,
    },
    {
      title: 'Funding application',
      text: "Finance and the university's research office check the application before it goes to the funder. The outcome is recorded here.",
      time: `Checks: ${usually(lead.financeCheck + lead.universityOffice).toLowerCase()}. The funder sets its own timetable`,
    },
    {
      title: 'After an award',
      text: you ? 'Each person confirms what must be in place, such as the backfill and your honorary contract, then your training starts.'
        : 'Each person confirms what must be in place, such as the backfill and an honorary contract, then training starts.',
      time: 'Depends on recruitment and contracts',
    },
  ];
}

/** Working days from sending the idea to a funding application ready to submit, at these lead times. */
export function daysBeforeDeadline(lead: LeadTimes): { days: number; weeks: number } {
  const days = lead.managerDecision + lead.terms + lead.rdReview + lead.signatures + lead.financeCheck + lead.universityOffice;
  return { days, weeks: Math.ceil(days / 5) };
}
