import type { DocumentKind, Role } from '../domain/options.js';
import { formatDate } from '../presenters/format.js';
import type { Commitments } from './content.js';
import type { Source } from './source.js';
import { backfillPromise, budgetHolderName, contributionsInWords, costClause, listInWords, period, possessive, share } from './wording.js';

// What each signatory commits to by authorising (DESIGN section 11), in their
// own voice and with the plan's own figures: the manager releases the
// clinician from a date, for a time, for a share of the week, and pays for the
// cover; R&D confirms capacity, the budget holder and the conditions; the
// supervisor supervises; the clinician keeps their side. Each statement is
// written into the document and stored with the signature that confirms it.

function manager(s: Source, withReview: boolean): Commitments {
  const t = s.terms?.terms;
  const f = s.figures;
  const points = t && f ? [
    `I will release ${s.clinician} from clinical work for ${share(t.academicPercent, f.daysPerWeek, 'their')}, ${period(t.startDate, t.durationMonths, f.endDate)}.`,
    `${backfillPromise(t.backfillArrangement, s.clinician)}${costClause(t.backfillArrangement, t.estimatedBackfillCostPerYear, f.backfillCostTotal, t.durationMonths)}.`,
    ...(t.applicationHoursPerWeek > 0 ? [`I will protect ${t.applicationHoursPerWeek} hours a week of ${possessive(s.clinician)} working time to write the funding application.`] : []),
    ...(withReview ? [`I will review with ${s.clinician} how the arrangement is working, and tell R&D early about any change.`] : []),
  ] : [];
  return { lead: `As ${possessive(s.clinician)} line manager at ${s.people.trust}, I commit to the following.`, points };
}

function rdLead(s: Source): Commitments {
  const signOff = s.context.signOff;
  const conditions = !!signOff?.conditions || !!signOff?.conditionItems?.length;
  const points = signOff ? [
    ...(signOff.capacityConfirmed ? [`${s.people.trust} has the capacity and capability to host this research.`] : []),
    `${budgetHolderName(signOff.budgetHolder, s.people.trust, s.supervisor?.organisation ?? null)} will hold the budget.`,
    ...(conditions ? ["The trust's support is subject to the conditions set out in this document, and R&D will check they are met."] : []),
  ] : [];
  return { lead: `I sign for research and development at ${s.people.trust}, and I confirm the following.`, points };
}

function clinician(s: Source): Commitments {
  const t = s.terms?.terms;
  const f = s.figures;
  const offers = (t?.teamContribution ?? []).map((k) => contributionsInWords[k]);
  const points = t && f ? [
    `If the application succeeds, I will spend ${share(t.academicPercent, f.daysPerWeek, 'my')} on research and training, ${period(t.startDate, t.durationMonths, f.endDate)}.`,
    ...(offers.length ? [`In return, I will ${listInWords(offers)}.`] : []),
    `I will keep my clinical skills up to date as this agreement sets out, and tell ${s.nameOf(s.context.managerId)} early about any change to my plans.`,
  ] : [];
  return { lead: 'As the clinician applying, I commit to the following.', points };
}

function supervisor(s: Source): Commitments {
  const t = s.terms?.terms;
  const f = s.figures;
  const university = s.supervisor?.organisation ?? 'the university';
  return {
    lead: `As the academic supervisor at ${university}, I commit to the following.`,
    points: [
      `If the application succeeds, I will supervise ${possessive(s.clinician)} research on the question we agreed${s.heldOn ? ` when we met on ${formatDate(s.heldOn)}` : ''}.`,
      ...(t && f ? [`I will supervise it for the length of the release, ${period(t.startDate, t.durationMonths, f.endDate)}.`] : []),
      `I will work with ${s.people.trust} on the longer-term relationship this letter describes.`,
    ],
  };
}

const attendee = (s: Source): Commitments => ({
  lead: `I took part in ${s.heldOn ? `the meeting held on ${formatDate(s.heldOn)}` : 'this meeting'}, and this record is a fair account of what we agreed.`,
  points: [],
});

/** The statement `role` confirms on a document of `kind`. */
export function commitmentsFor(kind: DocumentKind, role: Role, s: Source): Commitments {
  if (kind === 'meeting-record') return attendee(s);
  switch (role) {
    case 'manager': return manager(s, kind === 'training-agreement');
    case 'rdLead': return rdLead(s);
    case 'clinician': return clinician(s);
    case 'supervisor': return supervisor(s);
    default: return { lead: 'I have read this document and I confirm it.', points: [] };
  }
}
