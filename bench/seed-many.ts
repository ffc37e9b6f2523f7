import { randomUUID } from 'node:crypto';
import type { Db } from '../src/db/connect.js';
import { hashPassword } from '../src/accounts/password.js';
import { createOrganisation } from '../src/accounts/accounts.service.js';
import { PlanService } from '../src/plans/plan.service.js';
import { idea } from '../test/support/examples.js';

// A trust with many people and many plans, written in bulk: each plan is a
// copy of one real plan (snapshot and events) under a new id. The copies'
// hash chains are not recomputed, nor are they signed: this database is for
// load, not for verify. An audit anchor is recorded, as a server would at its
// first start, so the server does not sign the copies when it starts.

export interface Crowd {
  trustId: string;
  clinicians: Array<{ id: string; email: string }>;
  managers: Array<{ id: string; email: string }>;
  /** The trust's R&D lead, who sees every plan. */
  rdLead: { id: string; email: string };
  password: string;
  /** Plans by clinician id, each at version 3 (created, idea saved, sent to the manager). */
  plansOf: Map<string, string[]>;
}

export async function seedCrowd(db: Db, plans: number, clinicianCount = 2000, managerCount = 400): Promise<Crowd> {
  const sqlite = db.sqlite!;
  const password = 'bench-password-1234';
  const hash = await hashPassword(password);
  const trust = await createOrganisation(db, { name: 'Bench NHS Trust', kind: 'nhs-trust' });
  const now = new Date().toISOString();
  const insertUser = sqlite.prepare('insert into users (id, organisation_id, email, name, role, password_hash, created_at) values (?, ?, ?, ?, ?, ?, ?)');
  const people = (role: string, n: number) => Array.from({ length: n }, (_, i) => ({ id: randomUUID(), email: `${role.toLowerCase()}${i}@bench.nhs.uk`, name: `${role} ${i}` }));
  const clinicians = people('clinician', clinicianCount);
  const managers = people('manager', managerCount);
  const [rdLead] = people('rdLead', 1);
  sqlite.transaction(() => {
    insertUser.run(rdLead!.id, trust.id, rdLead!.email, rdLead!.name, 'rdLead', hash, now);
    for (const u of clinicians) insertUser.run(u.id, trust.id, u.email, u.name, 'clinician', hash, now);
    for (const u of managers) insertUser.run(u.id, trust.id, u.email, u.name, 'manager', hash, now);
  })();

  // One real plan, taken through the service, is the pattern for the rest.
  const service = new PlanService(db);
  const first = clinicians[0]!;
  const actor = { userId: first.id, role: 'clinician' as const, organisationId: trust.id };
  const { id: patternId } = await service.create(actor, { title: 'Pattern plan', managerId: managers[0]!.id });
  await service.send(patternId, actor, { type: 'UPDATE_IDEA', version: 1, payload: idea });
  await service.send(patternId, actor, { type: 'SUBMIT_FOR_AGREEMENT', version: 2, payload: {} });
  const pattern = sqlite.prepare('select * from plans where id = ?').get(patternId) as Record<string, unknown>;
  const patternEvents = sqlite.prepare('select * from plan_events where plan_id = ? order by seq').all(patternId) as Array<Record<string, unknown>>;

  const plansOf = new Map<string, string[]>([[first.id, [patternId]]]);
  const columns = Object.keys(pattern);
  const insertPlan = sqlite.prepare(`insert into plans (${columns.join(', ')}) values (${columns.map(() => '?').join(', ')})`);
  const eventColumns = Object.keys(patternEvents[0]!);
  const insertEvent = sqlite.prepare(`insert into plan_events (${eventColumns.join(', ')}) values (${eventColumns.map(() => '?').join(', ')})`);
  const swap = (text: unknown, from: string[], to: string[]) => from.reduce((acc, f, i) => acc.split(f).join(to[i]!), String(text));
  sqlite.transaction(() => {
    for (let n = 1; n < plans; n++) {
      const clinician = clinicians[n % clinicians.length]!;
      const manager = managers[n % managers.length]!;
      const id = randomUUID();
      const from = [patternId, first.id, managers[0]!.id];
      const to = [id, clinician.id, manager.id];
      // A minute apart, as if written over months: lists sort by these, and ties would flatter nothing.
      const at = new Date(Date.parse(String(pattern.updated_at)) - n * 60_000).toISOString();
      const row: Record<string, unknown> = {
        ...pattern, id, clinician_id: clinician.id, manager_id: manager.id, title: `Plan ${n}`, snapshot: swap(pattern.snapshot, from, to),
        created_at: at, updated_at: at, waiting_since: at,
      };
      insertPlan.run(columns.map((c) => row[c]));
      for (const e of patternEvents) {
        const copy: Record<string, unknown> = { ...e, plan_id: id, actor_id: e.actor_id === first.id ? clinician.id : e.actor_id, payload: swap(e.payload, from, to) };
        insertEvent.run(eventColumns.map((c) => copy[c]));
      }
      plansOf.set(clinician.id, [...(plansOf.get(clinician.id) ?? []), id]);
    }
    sqlite.prepare('insert into audit_anchors (id, anchored_at, key_id, events, signature) values (?, ?, ?, ?, ?)')
      .run('history', now, 'bench', 0, 'not signed: a benchmark database');
  })();
  return { trustId: trust.id, clinicians, managers, rdLead: rdLead!, password, plansOf };
}
