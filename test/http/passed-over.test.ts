import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserEventType } from '../../src/domain/events.js';
import { listDocuments } from '../../src/documents/documents.repository.js';
import { authorise } from '../../src/documents/documents.service.js';
import type { User } from '../../src/accounts/accounts.repository.js';
import { buildTestApp, type Agent, type TestApp } from '../support/app.js';
import { agendaSteps, examples } from '../support/examples.js';
import { actorOf } from '../support/world.js';

// A signature is not a conflict (issue 17.9): someone else authorising a
// document, a reminder or a request for mediation while a form is open does
// not make it "this plan has changed"; any other change by a person still
// does, on the pages and over the API. The rule is the plan service's
// (PASSED_OVER_EVENTS in workflows/plan.reminders.ts): these tests hold the
// pages and the API to it.

type Who = 'clinician' | 'manager' | 'rdLead' | 'supervisor';

const toSignatures: Array<[Who, UserEventType]> = [
  ['clinician', 'UPDATE_IDEA'], ['clinician', 'SUBMIT_FOR_AGREEMENT'], ['manager', 'AGREE_IN_PRINCIPLE'],
  ...agendaSteps.map(([who, type]) => [who, type] as [Who, UserEventType]),
  ['clinician', 'PROPOSE_TERMS'], ['manager', 'ACCEPT_TERMS'], ['rdLead', 'SIGN_OFF'],
  ['clinician', 'SCHEDULE_MEETING'], ['supervisor', 'RECORD_MEETING'],
];

describe('a signature is not a conflict', () => {
  let t: TestApp;
  let as: Record<Who, Agent>;

  beforeAll(async () => {
    t = await buildTestApp();
    as = await t.signInPlanPeople();
  });
  afterAll(() => t.cleanup());

  const versionOf = (id: string) => t.versionOf(id);

  /** A plan whose documents wait for signatures, with agenda steps sent with their own example payloads. */
  async function planWaitingForSignatures(): Promise<string> {
    const { id } = await t.services.plans.create(actorOf(t.world.clinician), { title: 'Early mobilisation', managerId: t.world.manager.id });
    for (const [index, [who, type]] of toSignatures.entries()) {
      const payload = index >= 3 && index < 3 + agendaSteps.length ? agendaSteps[index - 3]![2] : examples[type](1);
      await t.services.plans.send(id, actorOf(t.world[who]), { type, version: await versionOf(id), payload });
    }
    return id;
  }

  /** One signature by `user` on a document that waits for theirs. */
  async function signOnce(id: string, user: User): Promise<void> {
    const documents = await listDocuments(t.services.db.kysely, id);
    const document = documents.find((d) => d.current && d.signatures.some((s) => s.user_id === user.id && !s.authorised_at));
    if (!document) throw new Error(`no document waits for ${user.name}`);
    await authorise(t.services, id, actorOf(user), document.id, document.sha256);
  }

  const formVersion = async (who: Who, path: string) => {
    const page = await (await as[who].get(path)).text();
    return /name="version" value="(\d+)"/.exec(page)![1]!;
  };

  it('a form opened before someone else signs a document is still accepted (pages)', async () => {
    const id = await planWaitingForSignatures();
    const version = await formVersion('manager', `/plans/${id}/events/COMMENT`);
    await signOnce(id, t.world.clinician);
    expect(await versionOf(id)).toBe(Number(version) + 1);
    const res = await as.manager.post(`/plans/${id}/events/COMMENT`, { text: 'Signed on my side this afternoon.', version });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/plans/${id}?done=COMMENT`);
    expect(await versionOf(id)).toBe(Number(version) + 2);
  });

  it('a form opened before someone else comments is a conflict (409, what was typed kept)', async () => {
    const id = await planWaitingForSignatures();
    const version = await formVersion('manager', `/plans/${id}/events/COMMENT`);
    await t.services.plans.send(id, actorOf(t.world.clinician), { type: 'COMMENT', version: Number(version), payload: { text: 'Any news?' } });
    const res = await as.manager.post(`/plans/${id}/events/COMMENT`, { text: 'Signed on my side this afternoon.', version });
    expect(res.status).toBe(409);
    const page = await res.text();
    expect(page).toContain('Someone else changed this plan while you were working on it');
    expect(page).toContain('Signed on my side this afternoon.');
    expect(await versionOf(id)).toBe(Number(version) + 1);
  });

  it('a signature and then a comment since the form was opened is still a conflict', async () => {
    const id = await planWaitingForSignatures();
    const version = Number(await formVersion('manager', `/plans/${id}/events/COMMENT`));
    await signOnce(id, t.world.clinician);
    await t.services.plans.send(id, actorOf(t.world.clinician), { type: 'COMMENT', version: version + 1, payload: { text: 'Any news?' } });
    const res = await as.manager.post(`/plans/${id}/events/COMMENT`, { text: 'Signed on my side.', version: String(version) });
    expect(res.status).toBe(409);
  });

  it('over the API: a signature since the version sent is passed over; a comment is a 409 problem', async () => {
    const id = await planWaitingForSignatures();
    const seen = await versionOf(id);
    await signOnce(id, t.world.clinician);
    const accepted = await as.manager.api('POST', `/api/v1/plans/${id}/events`, { type: 'COMMENT', version: seen, text: 'Signed on my side.' });
    expect(accepted.status).toBe(200);
    expect(await versionOf(id)).toBe(seen + 2);

    const stale = await versionOf(id);
    await t.services.plans.send(id, actorOf(t.world.clinician), { type: 'COMMENT', version: stale, payload: { text: 'Any news?' } });
    const refused = await as.manager.api('POST', `/api/v1/plans/${id}/events`, { type: 'COMMENT', version: stale, text: 'Signed on my side.' });
    expect(refused.status).toBe(409);
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await versionOf(id)).toBe(stale + 1);
  });

  it('two people acting on the same version: exactly one wins', async () => {
    const id = await planWaitingForSignatures();
    const version = await versionOf(id);
    const results = await Promise.all((['clinician', 'manager'] as const).map((who) =>
      as[who].api('POST', `/api/v1/plans/${id}/events`, { type: 'COMMENT', version, text: `From the ${who}` })));
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(await versionOf(id)).toBe(version + 1);
  });
});
