// The fixed lists a plan chooses from, each value with the words a person sees.
// Values are the API contract (DESIGN section 5); labels are for pages and documents.

export const professions = {
  nurse: 'Nurse',
  midwife: 'Midwife',
  'allied-health-professional': 'Allied health professional',
  pharmacist: 'Pharmacist',
  'healthcare-scientist': 'Healthcare scientist',
  psychologist: 'Psychologist',
  doctor: 'Doctor',
  dentist: 'Dentist',
  other: 'Other',
} as const;

export const opportunityLevels = {
  internship: 'Internship or short research project',
  masters: "Research master's",
  predoctoral: 'Pre-doctoral award',
  doctoral: 'Doctoral fellowship (PhD)',
  postdoctoral: 'Post-doctoral or clinical lectureship',
  senior: 'Senior clinical lectureship or beyond',
} as const;

export const collaboratorKinds = {
  supervisor: 'Academic supervisor',
  mentor: 'Mentor',
  collaborator: 'Collaborator',
} as const;

export const rolesDuringTraining = {
  'same-role-part-time': 'Same role, part time',
  'new-role': 'A new role that develops with their research',
} as const;

export const backfillArrangements = {
  'recruit-fixed-term': 'Recruit to a fixed-term post',
  'upskill-team-member': 'Develop a team member into the role',
  redistribute: 'Share the work across the team',
  'bank-or-agency': 'Bank or agency staff',
  'not-needed': 'No backfill needed',
} as const;

export const teamContributions = {
  'journal-club': 'Run a journal club',
  audit: 'Support clinical audit',
  'service-evaluation': 'Support service evaluation',
  'systematic-review': 'A systematic review relevant to the team',
  'evidence-updates': 'Bring new evidence back to the team',
} as const;

export const budgetHolders = {
  'nhs-trust': 'The NHS trust',
  university: 'The university',
} as const;

export const outcomes = {
  awarded: 'Awarded',
  'not-awarded': 'Not awarded',
} as const;

export const roles = {
  clinician: 'clinician',
  manager: 'manager',
  rdLead: 'R&D lead',
  supervisor: 'supervisor',
  admin: 'administrator',
} as const;

export const organisationKinds = {
  'nhs-trust': 'NHS trust',
  university: 'University',
} as const;

export const documentKinds = {
  'training-agreement': 'Clinical academic training agreement',
  'meeting-record': 'Supervisor meeting record',
  'letter-of-support': 'Letter of support for the funding application',
  'supervisor-letter': "Supervisor's letter of support for the university",
} as const;

/** Who may be handed a plan by R&D or an administrator (DESIGN section 11). */
export const reassignableRoles = {
  manager: 'line manager',
  supervisor: 'academic supervisor',
} as const;

/** The points of section 6 that the clinician and manager discuss and agree (DESIGN section 9), in order. */
export const agendaPoints = {
  opportunity: 'Is this the right opportunity?',
  people: 'Who will support the research?',
  careerPlan: 'Career plan',
  midTermPlan: 'Mid-term plan',
  longTermPlan: 'Long-term plan',
  teamDevelopment: 'Team development',
  researchQuestion: 'Research question',
  support: 'Support while applying',
  supervisorEngagement: 'Working with the supervisor',
} as const;

export const pointStatuses = {
  open: 'Not started',
  proposed: 'Proposed',
  agreed: 'Agreed',
  disputed: 'Disagreed',
  reopened: 'Reopened by R&D',
} as const;

export type Role = keyof typeof roles;
export type AgendaKey = keyof typeof agendaPoints;
export type PointStatus = keyof typeof pointStatuses;
export const agendaKeys = Object.keys(agendaPoints) as AgendaKey[];
export type DocumentKind = keyof typeof documentKinds;
export type OrganisationKind = keyof typeof organisationKinds;

/** The keys of an option map as a non-empty tuple, the shape z.enum wants. */
export function keysOf<T extends Record<string, string>>(options: T): [keyof T & string, ...(keyof T & string)[]] {
  return Object.keys(options) as [keyof T & string, ...(keyof T & string)[]];
}
