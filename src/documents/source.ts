import { currentTerms } from '../../workflows/plan.machine.js';
import type { PlanContext, Stamp as Stamped, TermsProposal } from '../../workflows/plan.types.js';
import type { Role } from '../domain/options.js';
import { rowsOf, type Field } from '../presenters/fields.js';
import { formatDate } from '../presenters/format.js';
import type { Line, Party } from './content.js';
import type { DocumentPeople } from './people.js';
import { termsFigures } from './terms-figures.js';

// What every kind's builder is given: the plan as it stands, the people it
// names, and the facts several documents state in the same words. Kept apart
// from build.ts so that the content modules and the builder do not import
// each other.

export const partyRoleLabels: Record<Role, string> = {
  clinician: 'Clinician', manager: 'Line manager', rdLead: 'R&D lead', supervisor: 'Academic supervisor', admin: 'Administrator',
};

export interface Source {
  planId: string;
  context: PlanContext;
  people: DocumentPeople;
  /** The terms the plan agreed: the accepted version, else the latest proposal. */
  terms: TermsProposal | undefined;
  /** End date, total backfill cost and days a week of those terms. */
  figures: ReturnType<typeof termsFigures> | null;
  clinician: string;
  /** The academic supervisor and their university, once the meeting names them (else the one the idea proposed). */
  supervisor: { name: string; organisation: string; confirmed: boolean } | null;
  /** The day the supervisor meeting took place; null before it is recorded, and for meetings recorded by 1.0, which did not ask. */
  heldOn: string | null;
  nameOf(userId: string | null | undefined): string;
  /** "Sam Patel on 3 March 2027": who recorded something, and when. */
  stampOf(stamp: Stamped | null | undefined): string;
  /** The rows of these fields (by key, in this order) that have an answer. */
  lines(fields: Field[], keys: string[], data: object | null | undefined): Line[];
  party(role: Role, userId: string): Party;
}

function supervisorOf(c: PlanContext, people: DocumentPeople): Source['supervisor'] {
  // A supervisor with an account is named as the account is (one person, one name).
  const account = c.supervisorId ? people.byId.get(c.supervisorId) : undefined;
  if (c.meeting) return { name: account?.name ?? c.meeting.supervisorName, organisation: account?.organisation ?? c.meeting.supervisorOrganisation, confirmed: true };
  const proposed = c.idea.collaborators?.find((p) => p.kind === 'supervisor');
  return proposed ? { name: proposed.name, organisation: proposed.organisation, confirmed: false } : null;
}

export function makeSource(planId: string, context: PlanContext, people: DocumentPeople): Source {
  const nameOf = (userId: string | null | undefined) => (userId && people.byId.get(userId)?.name) || 'Unknown person';
  const terms = context.terms.find((t) => t.version === context.acceptedTerms?.version) ?? currentTerms(context);
  return {
    planId, context, people, terms,
    figures: terms ? termsFigures(terms.terms) : null,
    clinician: nameOf(context.clinicianId),
    supervisor: supervisorOf(context, people),
    heldOn: context.meetingRecord?.heldOn ?? null,
    nameOf,
    stampOf: (stamp) => (stamp ? `${nameOf(stamp.by.userId)} on ${formatDate(stamp.at)}` : ''),
    lines: (fields, keys, data) => {
      const wanted = keys.map((key) => fields.find((f) => f.key === key)).filter((f): f is Field => !!f);
      return rowsOf(wanted, data).map((r) => ({ label: r.label, value: r.value }));
    },
    party: (role, userId) => ({
      role, userId, name: nameOf(userId), roleLabel: partyRoleLabels[role], organisation: people.byId.get(userId)?.organisation ?? '',
    }),
  };
}
