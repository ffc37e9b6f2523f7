import { pointsWaitingOn, pointsNotAgreed } from '../../workflows/plan.agenda.js';
import { statusOf, type PlanSnapshot } from '../../workflows/plan.status.js';
import type { Actor, AwardCondition } from '../../workflows/plan.types.js';
import { isLegacyPlan } from '../../workflows/plan.versions.js';
import { unconfirmed } from '../../workflows/steps/award.js';
import { missingSignatures } from '../../workflows/steps/documents.js';
import type { DocumentKind, Role } from '../domain/options.js';

// Whose move the plan waits on (issue 17): the person the state waits on
// (the machine's state meta, which the dashboards list too), the party each
// point of the agenda waits on, each signatory still to authorise a current
// document, and the owner of each condition of the award still to confirm.
// The pages name these people, and offer the main action only to them.

export type Wait =
  | { kind: 'state'; role: Role; userId: string | null; blocked: boolean }
  | { kind: 'points'; role: Role; userId: string; count: number; blocked: false }
  | { kind: 'signatures'; role: Role; userId: string; documents: DocumentKind[]; blocked: false }
  | { kind: 'conditions'; role: Role; userId: string | null; conditions: AwardCondition[]; blocked: false };

/** The person a role names on this plan; null for R&D, whose every lead of the trust may act. */
export function holderId(s: PlanSnapshot, role: Role): string | null {
  const c = s.context;
  return role === 'clinician' ? c.clinicianId : role === 'manager' ? c.managerId : role === 'supervisor' ? c.supervisorId : null;
}

/**
 * Every wait of the plan, those that must end first at the top: the signatures before the application is
 * sent, the conditions before training starts, the points before the terms can be accepted. A state wait
 * behind them is `blocked`: its person cannot move the plan on yet.
 */
export function waitsOf(s: PlanSnapshot): Wait[] {
  const status = statusOf(s);
  if (!status.awaitingRole && status.final) return [];
  const c = s.context;
  const legacy = isLegacyPlan(c);
  const points: Wait[] = legacy || !s.matches('backfillPlan') ? [] : (['clinician', 'manager'] as const).flatMap((role) => {
    const count = pointsWaitingOn(c.agenda, role).length;
    return count ? [{ kind: 'points' as const, role, userId: holderId(s, role)!, count, blocked: false as const }] : [];
  });
  const signatures = legacy ? [] : signaturesOwed(s);
  const conditions = legacy || !s.matches({ awarded: 'settingUp' }) ? [] : conditionsOwed(s);
  const state: Wait[] = status.awaitingRole ? [{
    kind: 'state', role: status.awaitingRole, userId: holderId(s, status.awaitingRole), blocked: false,
  }] : [];
  if (s.matches({ application: 'preparing' }) && signatures.length) return [...signatures, ...blockedAll(state)];
  if (conditions.length) return [...conditions, ...blockedAll(state), ...signatures];
  if (points.length) {
    const accepting = s.matches({ backfillPlan: 'awaitingManager' }) || s.matches({ backfillPlan: 'awaitingClinician' });
    return [...points, ...(accepting && pointsNotAgreed(c.agenda).length ? blockedAll(state) : state), ...signatures];
  }
  return [...state, ...signatures];
}

const blockedAll = (waits: Wait[]): Wait[] => waits.map((w) => ({ ...w, blocked: true }) as Wait);

function signaturesOwed(s: PlanSnapshot): Wait[] {
  const byPerson = new Map<string, { role: Role; documents: DocumentKind[] }>();
  for (const m of missingSignatures(s.context)) {
    const entry = byPerson.get(m.userId) ?? { role: m.role as Role, documents: [] };
    if (!entry.documents.includes(m.kind)) entry.documents.push(m.kind);
    byPerson.set(m.userId, entry);
  }
  return [...byPerson].map(([userId, { role, documents }]) => ({ kind: 'signatures', role, userId, documents, blocked: false }));
}

function conditionsOwed(s: PlanSnapshot): Wait[] {
  const owners = [...new Set(unconfirmed(s.context).map((c) => c.owner))];
  return owners.map((role) => ({
    kind: 'conditions', role, userId: holderId(s, role), conditions: unconfirmed(s.context).filter((c) => c.owner === role), blocked: false,
  }));
}

/**
 * Is this wait on the reader? A signature is theirs alone: a colleague covering for them may act on
 * their other waits, never sign for them (DESIGN section 11).
 */
export function waitsOnReader(wait: Wait, actor: Actor): boolean {
  if (wait.role !== actor.role) return false;
  if (wait.userId === null) return true;
  return wait.userId === actor.userId || (wait.kind !== 'signatures' && wait.userId === actor.onBehalfOf?.userId);
}
