import { currentTerms } from '../../workflows/plan.machine.js';
import type { PlanContext, Stamp as Stamped, TermsProposal } from '../../workflows/plan.types.js';
import { signatoriesFor } from '../../workflows/plan.documents.js';
import { documentKinds, type DocumentKind, type Role } from '../domain/options.js';
import { rowsOf, type Field } from '../presenters/fields.js';
import { formatDate } from '../presenters/format.js';
import type { DocumentContent, Line, Party } from './content.js';
import { agreementContent } from './content.agreement.js';
import { letterContent } from './content.letter.js';
import { meetingContent } from './content.meeting.js';
import { supervisorLetterContent } from './content.supervisor-letter.js';
import type { DocumentPeople } from './people.js';

// From a plan snapshot and the people it names to the content of a document.
// Pure: the same snapshot and names always give the same content.

export const partyRoleLabels: Record<Role, string> = {
  clinician: 'Clinician', manager: 'Line manager', rdLead: 'R&D lead', supervisor: 'Academic supervisor', admin: 'Administrator',
};

/** What every kind's builder is given. */
export interface Source {
  planId: string;
  context: PlanContext;
  people: DocumentPeople;
  /** The terms the plan agreed: the accepted version, else the latest proposal. */
  terms: TermsProposal | undefined;
  nameOf(userId: string | null | undefined): string;
  /** "Sam Patel on 3 March 2027": who recorded something, and when. */
  stampOf(stamp: Stamped | null | undefined): string;
  /** The rows of these fields (by key, in this order) that have an answer. */
  lines(fields: Field[], keys: string[], data: object | null | undefined): Line[];
  party(role: Role, userId: string): Party;
}

export function buildContent(kind: DocumentKind, planId: string, context: PlanContext, people: DocumentPeople): DocumentContent {
  const nameOf = (userId: string | null | undefined) => (userId && people.byId.get(userId)?.name) || 'Unknown person';
  const source: Source = {
    planId, context, people,
    terms: context.terms.find((t) => t.version === context.acceptedTerms?.version) ?? currentTerms(context),
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
  const signatories = signatoriesFor(kind, context).map((s) => source.party(s.role, s.userId));
  const base = { kind, title: documentKinds[kind], organisation: people.trust, planTitle: context.title, planId, signatories };
  switch (kind) {
    case 'training-agreement': return { ...base, ...agreementContent(source) };
    case 'meeting-record': return { ...base, ...meetingContent(source) };
    case 'letter-of-support': return { ...base, ...letterContent(source) };
    case 'supervisor-letter': return { ...base, ...supervisorLetterContent(source) };
  }
}
