import { agendaKeys, type AgendaKey, type PointStatus, type Role } from '../src/domain/options.js';
import type { Agenda, AgendaPoint, PlanContext, PointProposal } from './plan.types.js';

// The rules of the shared agenda (DESIGN section 9) that the machine's guards
// and the pages both read: a point's status, whose move it is, and whether the
// discussion has stalled into a disagreement that R&D should help with.

export const emptyAgenda = (): Agenda =>
  Object.fromEntries(agendaKeys.map((key) => [key, { proposals: [], agreed: null, dispute: null, reopened: null }])) as unknown as Agenda;

export const latestProposal = (point: AgendaPoint): PointProposal | undefined => point.proposals.at(-1);

/** Open (never proposed), reopened by R&D, disputed, agreed, or proposed and waiting for the other party. */
export function pointStatus(point: AgendaPoint): PointStatus {
  if (point.proposals.length === 0) return 'open';
  if (point.reopened) return 'reopened';
  if (point.dispute) return 'disputed';
  if (point.agreed) return 'agreed';
  return 'proposed';
}

/** The clinician and the manager negotiate; each is the other's "other party". */
export type Party = Extract<Role, 'clinician' | 'manager'>;
export const otherParty = (role: Party): Party => (role === 'clinician' ? 'manager' : 'clinician');

/**
 * Whose move a point waits on: the other party of a proposal; the proposer of
 * a disputed one, to propose again. Open and reopened points wait on either of
 * them (null).
 */
export function pointWaitsOn(point: AgendaPoint): Party | null {
  const latest = latestProposal(point);
  switch (pointStatus(point)) {
    case 'proposed': return otherParty(latest!.proposedBy.role as Party);
    case 'disputed': return latest!.proposedBy.role as Party;
    default: return null;
  }
}

export const pointsNotAgreed = (agenda: Agenda): AgendaKey[] => agendaKeys.filter((key) => pointStatus(agenda[key]) !== 'agreed');

export const pointsWaitingOn = (agenda: Agenda, role: string): AgendaKey[] => agendaKeys.filter((key) => pointWaitsOn(agenda[key]) === role);

/** A person may agree or dispute the point's latest version only if the other party proposed it and nobody has answered yet. */
export const mayAnswerPoint = (point: AgendaPoint, role: string, version: number): boolean => {
  const latest = latestProposal(point);
  return pointStatus(point) === 'proposed' && latest!.version === version && latest!.proposedBy.role !== role;
};

/**
 * When the current disagreement began, or null when there is none: the
 * earliest dispute still standing, or the first counter-proposal of terms
 * that have gone back and forth since the plan last came to the terms.
 */
export function disagreementSince(context: PlanContext): string | null {
  const disputes = agendaKeys.map((key) => context.agenda[key]).filter((p) => pointStatus(p) === 'disputed').map((p) => p.dispute!.at);
  const openedAt = context.termsOpenedAt;
  const round = context.acceptedTerms || !openedAt ? [] : context.terms.filter((t) => t.proposedAt >= openedAt);
  const counter = round.find((t, i) => i > 0 && t.proposedBy.role !== round[0]!.proposedBy.role);
  const times = [...disputes, ...(counter ? [counter.proposedAt] : [])].sort();
  return times[0] ?? null;
}

/** Has R&D already been asked to help with the disagreement that began at `since`? */
export const isMediated = (context: PlanContext, since: string): boolean => context.mediations.some((m) => m.since === since);

/** When R&D was asked to help with the disagreement going on now; null when there is none or they were not asked. */
export function rdAskedToHelpAt(context: PlanContext): string | null {
  const since = disagreementSince(context);
  return (since && context.mediations.find((m) => m.since === since)?.at) ?? null;
}
