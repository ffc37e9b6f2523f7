import { createHash } from 'node:crypto';
import { hashPassword } from '../src/accounts/password.js';
import type { Db } from '../src/db/connect.js';
import { derivePlanSummary } from '../src/db/migrations/2026_12_05_2001_report_summaries.js';
import { buildPatterns, type Pattern } from './scale-patterns.js';
import { bulkWriter, type TableSpec } from './scale-writer.js';
import { delayDays, orderedIds, personName, Random, randomFacts, randomTitle, shuffledTrusts, trustSizes } from './scale-world.js';

// A national database: trusts of realistic and varied size, their people, and
// plans copied from real patterns (bench/scale-patterns.ts) with their own
// people, idea, costs and times, spread over every state. Copies keep the
// pattern's hash chain (this database is for load, not for `verify`); the
// report summaries are derived from each copy's own audit trail, exactly as
// the migration derives them.

export interface SeedOptions {
  plans: number;
  trusts: number;
  /** The first trust's size: the large trust the benchmark reads (10,000 at national size). */
  largest: number;
  now: Date;
  log?: (line: string) => void;
}

export interface Seeded {
  password: string;
  /** Trust 1, the largest. */
  bench: { trustId: string; rdLeadEmail: string; clinicianEmail: string; managerEmail: string; plans: number };
  seconds: number;
}

export const SEED_PASSWORD = 'bench-password-1234';
const BATCH = 1000;
const DAY = 86_400_000;

const tables: Record<string, TableSpec> = {
  organisations: { id: 'text', name: 'text', kind: 'text', created_at: 'text' },
  users: { id: 'text', organisation_id: 'text', email: 'text', name: 'text', role: 'text', password_hash: 'text', created_at: 'text' },
  plans: {
    id: 'text', organisation_id: 'text', clinician_id: 'text', manager_id: 'text', supervisor_id: 'text', title: 'text', state: 'text',
    top_state: 'text', step: 'text', awaiting_role: 'text', waiting_since: 'text', due_at: 'text', snapshot: 'text', version: 'integer',
    created_at: 'text', updated_at: 'text',
  },
  plan_events: {
    plan_id: 'text', seq: 'integer', type: 'text', actor_id: 'text', actor_role: 'text', actor_organisation_id: 'text', at: 'text',
    payload: 'text', state_before: 'text', state_after: 'text', prev_hash: 'text', hash: 'text',
  },
  documents: { id: 'text', plan_id: 'text', kind: 'text', number: 'integer', plan_version: 'integer', content: 'text', html: 'text', sha256: 'text', issued_at: 'text' },
  document_signatures: { document_id: 'text', position: 'integer', role: 'text', user_id: 'text', authorised_at: 'text', statement: 'text', sha256_seen: 'text' },
  plan_reports: {
    plan_id: 'text', organisation_id: 'text', created_at: 'text', shared_at: 'text', top_state: 'text', profession: 'text', opportunity_level: 'text',
    scheme: 'text', agreed_backfill_cost_per_year: 'bigint', applications_submitted: 'integer', applications_awarded: 'integer', applications_not_awarded: 'integer',
  },
  plan_stays: {
    plan_id: 'text', seq: 'integer', organisation_id: 'text', plan_created_at: 'text', step: 'text', entered_at: 'text', left_at: 'text', entered_ms: 'bigint', left_ms: 'bigint',
  },
};

const SEEDED_HTML = '<p>Issued for the national load test: the real text is not copied.</p>';
const SEEDED_SHA = createHash('sha256').update(SEEDED_HTML).digest('hex');

interface Person { id: string; email: string }
interface Trust { id: string; size: number; clinicians: Person[]; managers: Person[]; rdLeads: Person[] }

export async function seedNation(db: Db, options: SeedOptions): Promise<Seeded> {
  const started = performance.now();
  const log = options.log ?? (() => undefined);
  const random = new Random(20261205);
  const randomUUID = orderedIds(random);
  const { patterns, world } = await buildPatterns();
  const passwordHash = await hashPassword(SEED_PASSWORD);
  const writer = await bulkWriter(db, tables);
  const nowIso = options.now.toISOString();
  const row = (table: string, values: Record<string, unknown>) => writer.add(table, Object.keys(tables[table]!).map((c) => values[c] ?? null));

  // Universities and their supervisors, shared by every trust.
  const supervisors: Array<Person & { organisationId: string }> = [];
  for (let u = 1; u <= Math.max(5, Math.round(options.trusts / 4)); u++) {
    const id = randomUUID();
    row('organisations', { id, name: `University ${String(u).padStart(3, '0')}`, kind: 'university', created_at: nowIso });
    for (let s = 1; s <= 40; s++) {
      const person = { id: randomUUID(), email: `s${s}@university${u}.ac.uk`, organisationId: id };
      row('users', { id: person.id, organisation_id: id, email: person.email, name: `Dr ${personName(random)}`, role: 'supervisor', password_hash: passwordHash, created_at: nowIso });
      supervisors.push(person);
    }
  }

  const sizes = trustSizes(random, options.plans, options.trusts, options.largest);
  const trusts: Trust[] = sizes.map((size, i) => {
    const n = i + 1;
    const id = randomUUID();
    row('organisations', { id, name: `Bench Trust ${String(n).padStart(3, '0')} NHS Foundation Trust`, kind: 'nhs-trust', created_at: nowIso });
    const people = (role: string, prefix: string, count: number) => Array.from({ length: count }, (_, k) => {
      const person = { id: randomUUID(), email: `${prefix}${k + 1}@trust${n}.nhs.uk` };
      row('users', { id: person.id, organisation_id: id, email: person.email, name: personName(random), role, password_hash: passwordHash, created_at: nowIso });
      return person;
    });
    const trust = { id, size, clinicians: people('clinician', 'c', Math.ceil(size / 2)), managers: people('manager', 'm', Math.ceil(size / 20) + 1), rdLeads: people('rdLead', 'rd', 3) };
    people('admin', 'admin', 2);
    return trust;
  });
  await writer.flush();
  log(`  ${trusts.length} trusts, ${supervisors.length} supervisors and their people written`);

  const cumulative: number[] = [];
  patterns.reduce((sum, p) => { cumulative.push(sum + p.weight); return sum + p.weight; }, 0);
  const pick = () => {
    const drawn = random.next() * cumulative.at(-1)!;
    return patterns[cumulative.findIndex((c) => c > drawn)]!;
  };

  let written = 0;
  const made = new Int32Array(trusts.length);
  for (const t of shuffledTrusts(random, sizes)) {
    const trust = trusts[t]!;
    copyPlan(pick(), trust, made[t]!++);
    written += 1;
    if (written % BATCH === 0) await writer.flush();
    if (written % 100_000 === 0) log(`  ${written.toLocaleString('en-GB')} plans (${Math.round((performance.now() - started) / 1000)} s)`);
  }
  await writer.flush();
  log(`  ${written.toLocaleString('en-GB')} plans written; building indexes`);
  await writer.finish();

  function copyPlan(pattern: Pattern, trust: Trust, i: number) {
    const clinician = trust.clinicians[i % trust.clinicians.length]!;
    const manager = trust.managers[random.int(trust.managers.length)]!;
    const rdLead = trust.rdLeads[random.int(trust.rdLeads.length)]!;
    const supervisor = supervisors[random.int(supervisors.length)]!;
    const id = randomUUID();
    const documentIds = pattern.documents.map(() => randomUUID());
    const facts = randomFacts(random);
    const swaps: Array<[string, string]> = [
      [pattern.plan.id, id], [world.clinician.id, clinician.id], [world.manager.id, manager.id], [world.rdLead.id, rdLead.id],
      [world.supervisor.id, supervisor.id], [world.trust.id, trust.id], [world.university.id, supervisor.organisationId],
      ...pattern.documents.map((d, k): [string, string] => [d.id, documentIds[k]!]),
      ['"profession":"allied-health-professional"', `"profession":"${facts.profession}"`],
      ['"opportunityLevel":"doctoral"', `"opportunityLevel":"${facts.level}"`],
      ['"scheme":"NIHR Doctoral Clinical and Practitioner Academic Fellowship",', facts.scheme ? `"scheme":${JSON.stringify(facts.scheme)},` : ''],
      ['"estimatedBackfillCostPerYear":28000', `"estimatedBackfillCostPerYear":${facts.backfill}`],
    ];
    const replacement = new Map(swaps);
    const tokens = new RegExp(swaps.map(([from]) => from.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');
    const swap = (text: string) => text.replace(tokens, (found) => replacement.get(found)!);
    const people = new Map([[world.clinician.id, clinician.id], [world.manager.id, manager.id], [world.rdLead.id, rdLead.id], [world.supervisor.id, supervisor.id]]);

    // When each event happened: the pattern's steps with delays of their kind, ending before now.
    const delays = pattern.events.map((e, k) => (k === 0 ? 0 : delayDays(random, e.type) * DAY));
    const span = delays.reduce((a, b) => a + b, 0);
    const latestStart = options.now.getTime() - span - DAY;
    const created = latestStart - random.next() * 3 * 365 * DAY;
    const times: string[] = [];
    delays.reduce((at, delay) => { const t = at + delay; times.push(new Date(t).toISOString()); return t; }, created);
    const createdAt = times[0]!;
    const last = times.at(-1)!;

    const events = pattern.events.map((e, k) => ({
      ...e, plan_id: id, at: times[k]!, actor_id: e.actor_id ? people.get(e.actor_id) ?? e.actor_id : null,
      actor_organisation_id: e.actor_organisation_id === world.university.id ? supervisor.organisationId : e.actor_organisation_id ? trust.id : null,
      payload: k === 0 ? JSON.stringify({ ...JSON.parse(swap(e.payload)), createdAt }) : swap(e.payload),
    }));
    for (const event of events) row('plan_events', event);
    const p = pattern.plan;
    row('plans', {
      ...p, id, organisation_id: trust.id, clinician_id: clinician.id, manager_id: manager.id, supervisor_id: p.supervisor_id ? supervisor.id : null,
      title: randomTitle(random), snapshot: swap(p.snapshot), created_at: createdAt, updated_at: last, waiting_since: p.awaiting_role ? last : null, due_at: null,
    });
    const seqTime = new Map(events.map((e) => [e.seq, e.at]));
    pattern.documents.forEach((d, k) => {
      row('documents', { ...d, id: documentIds[k], plan_id: id, content: '{}', html: SEEDED_HTML, sha256: SEEDED_SHA, issued_at: seqTime.get(d.plan_version) ?? createdAt });
    });
    for (const s of pattern.signatures) {
      const k = pattern.documents.findIndex((d) => d.id === s.document_id);
      const signed = s.authorised_at ? events.find((e) => e.type === 'AUTHORISE_DOCUMENT' && e.actor_id === people.get(s.user_id) && e.payload.includes(documentIds[k]!)) : undefined;
      row('document_signatures', { ...s, document_id: documentIds[k], user_id: people.get(s.user_id) ?? s.user_id, authorised_at: signed?.at ?? null, sha256_seen: signed ? SEEDED_SHA : null });
    }
    const summary = derivePlanSummary(createdAt, events);
    row('plan_reports', { plan_id: id, organisation_id: trust.id, created_at: createdAt, ...summary.facts });
    for (const stay of summary.stays) {
      row('plan_stays', {
        plan_id: id, organisation_id: trust.id, plan_created_at: createdAt, ...stay,
        entered_ms: Date.parse(stay.entered_at), left_ms: stay.left_at === null ? null : Date.parse(stay.left_at),
      });
    }
  }

  const bench = trusts[0]!;
  return {
    password: SEED_PASSWORD,
    bench: { trustId: bench.id, rdLeadEmail: bench.rdLeads[0]!.email, clinicianEmail: bench.clinicians[0]!.email, managerEmail: bench.managers[0]!.email, plans: bench.size },
    seconds: (performance.now() - started) / 1000,
  };
}
