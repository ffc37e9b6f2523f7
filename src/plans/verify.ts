import { persistSnapshot, statusOf, type PlanSnapshot } from '../../workflows/plan.status.js';
import type { Db } from '../db/connect.js';
import { canonicalJson, eventHash, GENESIS_HASH } from './hash.js';
import { listEvents, type PlanEventRow, type PlanRow } from './plan.repository.js';
import { PLAN_CREATED, replaySteps } from './replay.js';
import { verifyDocuments } from '../documents/verify-documents.js';
import type { AuditKeys } from '../audit/audit-keys.js';
import { readAnchor } from '../audit/anchor.js';
import { signaturesOfPlan, type AnchorRow } from '../audit/signatures.repository.js';
import { signatureProblems } from '../audit/verify-signatures.js';

export interface BrokenPlan {
  planId: string;
  title: string;
  problems: string[];
}

export interface VerifyReport {
  plans: number;
  events: number;
  /** Issued documents checked against their stored hashes. */
  documents: number;
  broken: BrokenPlan[];
  /**
   * Set when keys were given: the anchor, and whether signatures were checked. They are not before the
   * database's first start with an audit key (no anchor and no signature): signing begins there.
   */
  signatures: { anchor: AnchorRow | null; checked: boolean } | null;
  /** Problems of the database as a whole rather than of one plan (the audit anchor). */
  problems: string[];
}

export interface VerifyOptions {
  /** The trusted audit keys: every event's signature is checked against them. Without them signatures are not checked. */
  keys?: AuditKeys;
}

/**
 * Prove that what is stored is what happened: for every plan, each audit event
 * is chained to the one before it, replaying the events through the machine
 * from its initial snapshot passes through the recorded states, and ends at
 * exactly the stored snapshot and version.
 */
export async function verifyPlans(db: Db, options: VerifyOptions = {}): Promise<VerifyReport> {
  const { keys } = options;
  const report: VerifyReport = { plans: 0, events: 0, documents: 0, broken: [], signatures: null, problems: [] };
  if (keys) {
    const anchor = await readAnchor(db, keys);
    report.signatures = { anchor: anchor.anchor, checked: anchor.anchor !== null || anchor.signed };
    report.problems.push(...anchor.problems);
  }
  const checkSignatures = keys && report.signatures?.checked ? keys : undefined;
  const plans = await db.kysely.selectFrom('plans').selectAll().orderBy('created_at').orderBy('id').execute();
  for (const plan of plans) {
    const events = await listEvents(db.kysely, plan.id);
    report.plans += 1;
    report.events += events.length;
    const problems = verifyPlan(plan, events);
    if (checkSignatures) problems.push(...signatureProblems(checkSignatures, events, await signaturesOfPlan(db.kysely, plan.id)));
    if (problems.length) report.broken.push({ planId: plan.id, title: plan.title, problems });
  }
  const documents = await verifyDocuments(db.kysely);
  report.documents = documents.documents;
  for (const [planId, problems] of documents.problems) {
    const broken = report.broken.find((b) => b.planId === planId);
    if (broken) broken.problems.push(...problems);
    else report.broken.push({ planId, title: plans.find((p) => p.id === planId)?.title ?? '', problems });
  }
  return report;
}

export function verifyPlan(plan: PlanRow, events: PlanEventRow[]): string[] {
  const problems = checkChain(events);
  let snapshot: PlanSnapshot | undefined;
  for (const { row, before, after } of replaySteps(events)) {
    if (row.seq === 1 && row.type !== PLAN_CREATED) return [...problems, 'the first event is not the creation of the plan'];
    if (before && after === before) problems.push(`event ${row.seq} (${row.type}) was not allowed when replayed`);
    snapshot = after;
    if (snapshot && statusOf(snapshot).state !== row.state_after) {
      problems.push(`event ${row.seq} (${row.type}) records state ${row.state_after} but replay reaches ${statusOf(snapshot).state}`);
    }
  }
  if (!snapshot) return [...problems, 'the plan has no audit events'];
  if (events.length !== plan.version) problems.push(`the plan is at version ${plan.version} but has ${events.length} events`);
  if (canonicalJson(persistSnapshot(snapshot)) !== canonicalJson(JSON.parse(plan.snapshot))) {
    problems.push('the stored snapshot differs from the replayed events');
  }
  if (statusOf(snapshot).state !== plan.state) problems.push(`the plan's listed state ${plan.state} differs from its snapshot`);
  return problems;
}

function checkChain(events: PlanEventRow[]): string[] {
  const problems: string[] = [];
  let prevHash = GENESIS_HASH;
  events.forEach((row, index) => {
    if (row.seq !== index + 1) problems.push(`event ${index + 1} is missing or out of order (found ${row.seq})`);
    if (row.prev_hash !== prevHash) problems.push(`event ${row.seq} does not follow the event before it`);
    const expected = eventHash({
      planId: row.plan_id, seq: row.seq, type: row.type, actorId: row.actor_id, actorRole: row.actor_role,
      actorOrganisationId: row.actor_organisation_id, at: row.at, payload: row.payload,
      stateBefore: row.state_before, stateAfter: row.state_after, prevHash: row.prev_hash,
    });
    if (expected !== row.hash) problems.push(`event ${row.seq} (${row.type}) has been altered: its hash does not match`);
    prevHash = row.hash;
  });
  return problems;
}
