import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/config.js';
import { connect } from '../src/db/connect.js';
import { migrate } from '../src/db/migrate.js';
import type { Database } from '../src/db/database.js';
import { createServices } from '../src/services.js';
import { agendaSteps, examples, idea, onTheDay, terms } from '../test/support/examples.js';
import { fixedClock } from '../test/support/clock.js';
import { actorOf, createWorld, type World } from '../test/support/world.js';
import type { Selectable } from 'kysely';

// The plans a national database is copied from: one real plan for each way a
// plan can stand today, each taken through the real plan service (machine,
// extensions, documents) on a scratch database, so every copy has a snapshot
// the service can load and act on, and an audit trail of the events that led there.

type Row<T extends keyof Database> = Selectable<Database[T]>;

export interface Pattern {
  name: string;
  /** How common this shape is among plans, relative to the others. */
  weight: number;
  plan: Row<'plans'>;
  events: Array<Row<'plan_events'>>;
  documents: Array<Row<'documents'>>;
  signatures: Array<Row<'document_signatures'>>;
}

export interface Patterns {
  patterns: Pattern[];
  /** The pattern world's people, whose ids each copy swaps for its own. */
  world: World;
}

type Who = 'clinician' | 'manager' | 'rdLead';
type Step = [Who, string, object?] | ['authorise'];

const upToIdea: Step[] = [['clinician', 'UPDATE_IDEA', idea], ['clinician', 'SUBMIT_FOR_AGREEMENT']];
const upToAgenda: Step[] = [...upToIdea, ['manager', 'AGREE_IN_PRINCIPLE', examples.AGREE_IN_PRINCIPLE(1)], ...agendaSteps];
const upToTerms: Step[] = [...upToAgenda, ['clinician', 'PROPOSE_TERMS', terms]];
const upToRd: Step[] = [...upToTerms, ['manager', 'COMMENT', { text: 'Happy with these; one question about cover in August.' }], ['manager', 'ACCEPT_TERMS', { termsVersion: 1 }]];
const upToMeeting: Step[] = [...upToRd, ['rdLead', 'SIGN_OFF', examples.SIGN_OFF(1)], ['authorise'], ['clinician', 'SCHEDULE_MEETING', examples.SCHEDULE_MEETING(1)]];
const upToApplication: Step[] = [...upToMeeting, ['clinician', 'RECORD_MEETING', examples.RECORD_MEETING(1)]];
const submitted: Step[] = [...upToApplication, ['authorise'], ['clinician', 'SUBMIT_APPLICATION', examples.SUBMIT_APPLICATION(1)]];
const notAwarded: Step[] = [...submitted, ['rdLead', 'RECORD_OUTCOME', { outcome: 'not-awarded', decidedOn: '2027-07-01', feedback: 'Strong field.' }]];

/** Each shape, with how many plans in a thousand are like it: most are in progress; about three applications in ten are funded. */
const shapes: Array<[string, number, Step[]]> = [
  ['private draft', 70, [['clinician', 'UPDATE_IDEA', idea]]],
  ['idea sent back', 20, [...upToIdea, ['manager', 'REQUEST_CHANGES', examples.REQUEST_CHANGES(1)]]],
  ['with the manager', 60, upToIdea],
  ['terms to draft', 30, upToIdea.concat([['manager', 'AGREE_IN_PRINCIPLE', examples.AGREE_IN_PRINCIPLE(1)]])],
  ['terms with the manager', 40, upToTerms],
  ['counter-proposal', 30, [...upToTerms, ['manager', 'PROPOSE_TERMS', examples.PROPOSE_TERMS(1)]]],
  ['with R&D', 40, upToRd],
  ['returned by R&D', 15, [...upToRd, ['rdLead', 'RETURN_FOR_CHANGES', examples.RETURN_FOR_CHANGES(1)]]],
  ['meeting to arrange', 30, upToMeeting.slice(0, -1)],
  ['meeting arranged', 35, upToMeeting],
  ['preparing, letters signed', 55, [...upToApplication, ['authorise']]],
  ['preparing, letters to sign', 5, upToApplication],
  ['application submitted', 80, submitted],
  ['awarded', 100, [...submitted, ['clinician', 'RECORD_OUTCOME', examples.RECORD_OUTCOME(1)]]],
  ['not awarded', 150, notAwarded],
  ['reapplying', 40, [...notAwarded, ['clinician', 'REAPPLY']]],
  ['declined by the manager', 50, [...upToIdea, ['manager', 'DECLINE', examples.DECLINE(1)]]],
  ['declined by R&D', 20, [...upToRd, ['rdLead', 'DECLINE', examples.DECLINE(1)]]],
  ['reopened', 10, [...upToIdea, ['manager', 'DECLINE', examples.DECLINE(1)], ['clinician', 'REOPEN', examples.REOPEN(1)]]],
  ['withdrawn early', 70, [...upToIdea, ['clinician', 'WITHDRAW', examples.WITHDRAW(1)]]],
  ['withdrawn after sign-off', 65, [...upToMeeting.slice(0, -1), ['clinician', 'WITHDRAW', examples.WITHDRAW(1)]]],
];

export async function buildPatterns(): Promise<Patterns> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scale-patterns-'));
  const url = `sqlite:${path.join(dir, 'patterns.db')}`;
  const db = connect(url);
  try {
    await migrate(db);
    const world = await createWorld(db);
    const clock = fixedClock('2026-01-05T09:00:00.000Z');
    const services = createServices(db, loadConfig({ DATABASE_URL: url, DEMO_SEED: 'off' }), clock);
    const people: Record<Who | 'supervisor', World['clinician']> = { clinician: world.clinician, manager: world.manager, rdLead: world.rdLead, supervisor: world.supervisor };
    const patterns: Pattern[] = [];
    for (const [name, weight, steps] of shapes) {
      const { id } = await services.plans.create(actorOf(world.clinician), { title: name, managerId: world.manager.id });
      let version = 1;
      for (const step of steps) {
        clock.advance(86_400_000);
        if (step[0] === 'authorise') {
          version = await authoriseAll(db.kysely, services, people, id, version);
          continue;
        }
        const [who, type, payload] = step;
        // Dates of what has happened (a meeting held, an application sent) are the day it is recorded.
        await services.plans.send(id, actorOf(people[who]), { type, version, payload: onTheDay(type, payload ?? {}, clock()) });
        version += 1;
      }
      const k = db.kysely;
      const documents = await k.selectFrom('documents').selectAll().where('plan_id', '=', id).orderBy('issued_at').execute();
      patterns.push({
        name, weight,
        plan: await k.selectFrom('plans').selectAll().where('id', '=', id).executeTakeFirstOrThrow(),
        events: await k.selectFrom('plan_events').selectAll().where('plan_id', '=', id).orderBy('seq').execute(),
        documents,
        signatures: documents.length === 0 ? [] : await k.selectFrom('document_signatures').selectAll().where('document_id', 'in', documents.map((d) => d.id)).execute(),
      });
    }
    return { patterns, world };
  } finally {
    await db.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Every signature the plan's current documents still wait for, given by each signatory in turn. */
async function authoriseAll(k: import('kysely').Kysely<Database>, services: ReturnType<typeof createServices>, people: Record<string, World['clinician']>, planId: string, version: number) {
  const pending = await k.selectFrom('document_signatures as s').innerJoin('documents as d', 'd.id', 's.document_id')
    .select(['d.id', 'd.sha256', 's.user_id', 's.role']).where('d.plan_id', '=', planId).where('s.authorised_at', 'is', null).orderBy('d.issued_at').execute();
  for (const signature of pending) {
    const person = Object.values(people).find((p) => p.id === signature.user_id)!;
    await services.plans.send(planId, actorOf(person), { type: 'AUTHORISE_DOCUMENT', version, payload: { documentId: signature.id, sha256: signature.sha256 } });
    version += 1;
  }
  return version;
}
