import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drive, sendAs } from '../test/support/drive.js';
import { signEverything } from '../test/support/sign.js';
import { buildTestApp, type Agent, type TestApp } from '../test/support/app.js';
import { agendaSteps, examples, idea, terms } from '../test/support/examples.js';
import { actorOf, type World } from '../test/support/world.js';
import type { PlanEvent } from '../workflows/plan.types.js';

// Reading must never write: every page and API resource reachable by
// following links, crawled as every role, leaves the database byte for byte
// as it was; all but document_pdfs, where a PDF's bytes are kept once first
// rendered (src/documents/stored-pdf.ts): a cache of what is already stored;
// and plan_views, where opening a plan records the version the reader saw so
// the next visit can show what changed since (src/plans/views.repository.ts).

describe('crawling every GET route as every role', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await buildTestApp('sqlite');
    const w = t.world;
    const at = t.clock().toISOString();
    const ev = (user: World['clinician'], type: string, payload: object = {}) => ({ type, actor: actorOf(user), at, ...payload }) as PlanEvent;
    const agenda = agendaSteps.map(([who, type, payload]) => ev(w[who], type, payload));
    const toAgreement = [ev(w.clinician, 'UPDATE_IDEA', idea), ev(w.clinician, 'SUBMIT_FOR_AGREEMENT'),
      ev(w.manager, 'AGREE_IN_PRINCIPLE', examples.AGREE_IN_PRINCIPLE(1))];
    const toSignOff = [...toAgreement, ...agenda, ev(w.clinician, 'PROPOSE_TERMS', terms), ev(w.manager, 'ACCEPT_TERMS', { termsVersion: 1 })];
    await drive(t.services.plans, w, []);
    // One plan mid-agenda, one with R&D, and one carried to its award with every document signed.
    await drive(t.services.plans, w, [...toAgreement, ...agenda.slice(0, 3)]);
    await drive(t.services.plans, w, toSignOff);
    const { id, version } = await drive(t.services.plans, w, [...toSignOff, ev(w.rdLead, 'SIGN_OFF', examples.SIGN_OFF(1)),
      ev(w.clinician, 'SCHEDULE_MEETING', examples.SCHEDULE_MEETING(1)), ev(w.supervisor, 'RECORD_MEETING', examples.RECORD_MEETING(1))]);
    const signed = await signEverything(t.services, id, w);
    await sendAs(t.services.plans, id, ev(w.clinician, 'SUBMIT_APPLICATION', examples.SUBMIT_APPLICATION(1)), version + signed);
    await sendAs(t.services.plans, id, ev(w.rdLead, 'RECORD_OUTCOME', examples.RECORD_OUTCOME(1)), version + signed + 1);
  }, 60_000);
  afterAll(() => t.cleanup());

  /** A hash of each table, so a failure names the table a GET wrote to. */
  async function fingerprint(): Promise<Record<string, string>> {
    const sqlite = t.t.db.sqlite!;
    const tables = sqlite.prepare("select name from sqlite_master where type = 'table' and name not in ('document_pdfs', 'plan_views') order by name").pluck().all() as string[];
    return Object.fromEntries(tables.map((table) => [table,
      createHash('sha256').update(JSON.stringify(sqlite.prepare(`select * from "${table}" order by rowid`).all())).digest('hex')]));
  }

  async function crawl(agent: Agent): Promise<{ pages: number; failures: string[] }> {
    const seen = new Set<string>();
    const queue = ['/', '/plans/new', '/notifications', '/api/v1/me', '/api/v1/plans', '/api/v1/users?role=manager', '/api/openapi.json'];
    const failures: string[] = [];
    while (queue.length && seen.size < 400) {
      const path = queue.shift()!;
      if (seen.has(path)) continue;
      seen.add(path);
      const res = await agent.get(path);
      if (res.status >= 500) failures.push(`${path}: ${res.status}`);
      const type = res.headers.get('content-type') ?? '';
      const text = type.includes('html') || type.includes('json') ? await res.text() : (await res.arrayBuffer(), '');
      for (const [, href] of text.matchAll(/href="(\/[^"#]*)/g)) if (!href!.startsWith('/assets/')) queue.push(href!.replaceAll('&amp;', '&'));
      for (const [, id] of text.matchAll(/"id":"([0-9a-f-]{36})"/g)) queue.push(`/api/v1/plans/${id}`, `/api/v1/plans/${id}/history`, `/api/v1/plans/${id}/documents`);
    }
    return { pages: seen.size, failures };
  }

  it('changes nothing in the database', async () => {
    const w = t.world;
    const agents = await Promise.all([w.clinician, w.manager, w.rdLead, w.supervisor, w.admin, w.otherClinician, w.outsiderRdLead].map((u) => t.signIn(u)));
    const before = await fingerprint();
    let pages = 0;
    for (const agent of agents) {
      const result = await crawl(agent);
      expect(result.failures, agent.user.role).toEqual([]);
      pages += result.pages;
    }
    expect(await fingerprint()).toEqual(before);
    console.log(`[reliability] GET crawl: ${pages} page visits as ${agents.length} people, database unchanged`);
  }, 300_000);
});
