import { agendaKeys, agendaPoints, pointStatuses, type AgendaKey, type Role } from '../domain/options.js';
import { latestProposal, pointStatus, pointWaitsOn, type Party } from '../../workflows/plan.agenda.js';
import type { AgendaPoint, PlanContext, PointProposal } from '../../workflows/plan.types.js';
import { isLegacyPlan } from '../../workflows/plan.versions.js';
import { agendaHref, pointHref } from '../http/links.js';
import { changesBetween, rowsOf } from './fields.js';
import { formatDateTime } from './format.js';
import { personLabel, type Names } from './people.js';
import { pointFields } from './agenda-questions.js';

// The agenda as people read it: each point's status at a glance, whose move it
// is, and for one point every version with what changed between them.

const tagColour = { open: 'grey', proposed: 'blue', agreed: 'green', disputed: 'red', reopened: 'orange' } as const;

const values = (p: PointProposal) => ({ position: p.position, ...p.answers });

/** Whose move a point is, as the viewer reads it: "Waiting for you", "Waiting for Sam Patel", or either of you. */
function waitingText(point: AgendaPoint, context: PlanContext, viewer: string, names: Names): string {
  const party = pointWaitsOn(point);
  const status = pointStatus(point);
  if (status === 'agreed') return '';
  if (!party) return status === 'open' ? 'Either of you can propose it' : 'Either of you can propose a new version';
  if (party === viewer) return 'Waiting for you';
  return `Waiting for ${names.get(party === 'clinician' ? context.clinicianId : context.managerId) ?? `the ${party}`}`;
}

export interface AgendaSummary {
  agreed: number;
  total: number;
  forYou: Array<{ key: AgendaKey; title: string; href: string }>;
  forOther: Array<{ key: AgendaKey; title: string; href: string }>;
  href: string;
}

/** Null for a plan of 1.0, which has no agenda. */
export function agendaSummary(context: PlanContext, planId: string, viewer: string): AgendaSummary | null {
  if (isLegacyPlan(context)) return null;
  const link = (key: AgendaKey) => ({ key, title: agendaPoints[key], href: pointHref(planId, key) });
  const other: Party | null = viewer === 'clinician' ? 'manager' : viewer === 'manager' ? 'clinician' : null;
  return {
    agreed: agendaKeys.filter((k) => pointStatus(context.agenda[k]) === 'agreed').length,
    total: agendaKeys.length,
    forYou: agendaKeys.filter((k) => pointWaitsOn(context.agenda[k]) === viewer).map(link),
    forOther: agendaKeys.filter((k) => other && pointWaitsOn(context.agenda[k]) === other).map(link),
    href: agendaHref(planId),
  };
}

/** The agenda page's task list: every point with its status and whose move it is. */
export function agendaItems(context: PlanContext, planId: string, viewer: string, names: Names) {
  return agendaKeys.map((key) => {
    const point = context.agenda[key];
    const status = pointStatus(point);
    const waiting = waitingText(point, context, viewer, names);
    return {
      key, title: agendaPoints[key], id: `point-${key}`, href: pointHref(planId, key),
      hint: waiting, status: pointStatuses[status], statusTag: tagColour[status],
    };
  });
}

/** One point: its latest version in full, its earlier versions with what changed, and what happened to it. */
export function presentPoint(context: PlanContext, key: AgendaKey, viewer: string, names: Names) {
  const point = context.agenda[key];
  const fields = pointFields(key);
  const who = (p: { userId: string; role: string }) => personLabel(names, p.userId, p.role);
  const latest = latestProposal(point);
  const status = pointStatus(point);
  const versions = point.proposals.map((p, i) => {
    const before = point.proposals[i - 1];
    return {
      version: p.version, by: who(p.proposedBy), at: formatDateTime(p.proposedAt), comment: p.comment,
      rows: rowsOf(fields, values(p)).map((r) => ({ key: r.label, value: r.value })),
      changes: before ? changesBetween(fields, values(before), values(p)) : [],
      latest: p === latest,
    };
  }).reverse();
  return {
    key, title: agendaPoints[key], status, statusText: pointStatuses[status], statusTag: tagColour[status],
    waiting: waitingText(point, context, viewer, names),
    latest: versions[0] ?? null,
    earlier: versions.slice(1),
    agreed: point.agreed ? { by: who(point.agreed.by), at: formatDateTime(point.agreed.at) } : null,
    dispute: point.dispute ? { reason: point.dispute.reason, by: who(point.dispute.by), at: formatDateTime(point.dispute.at) } : null,
    reopened: point.reopened ? { by: who(point.reopened.by), at: formatDateTime(point.reopened.at) } : null,
    /** The viewer may agree or disagree: the other party proposed the latest version, still unanswered. */
    answerable: status === 'proposed' && latest !== undefined && latest.proposedBy.role !== viewer && (viewer === 'clinician' || viewer === 'manager'),
  };
}

/** Everyone named on the agenda, so their names can be looked up at once. */
export const peopleOnAgenda = (context: PlanContext): string[] => (isLegacyPlan(context) ? [] : agendaKeys.flatMap((key) => {
  const p = context.agenda[key];
  return [...p.proposals.map((x) => x.proposedBy.userId), p.agreed?.by.userId, p.dispute?.by.userId, p.reopened?.by.userId];
}).filter((id): id is string => !!id));
