import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { deliverWebhooks } from '../../src/webhooks/webhooks.sender.js';
import { buildTestApp, type Agent, type TestApp } from '../support/app.js';
import { databaseKinds } from '../support/databases.js';
import { idea } from '../support/examples.js';
import { actorOf, PASSWORD } from '../support/world.js';
import { createUser } from '../../src/accounts/accounts.service.js';
import { startReceiver, type Receiver } from './receiver.js';

// A trust's system is told of every plan event: queued with the event, posted
// after it commits, signed, retried with back-off, and logged.

const SECRET = 'a-shared-secret-for-the-receiver';
const LOOPBACK = { WEBHOOK_ALLOW_HTTP: 'on', WEBHOOK_ALLOWED_HOSTS: '127.0.0.1', WEBHOOK_RETRY_SECONDS: '30', WEBHOOK_MAX_ATTEMPTS: '4' };

describe.each(databaseKinds)('webhooks, on %s', (kind) => {
  let t: TestApp;
  let admin: Agent;
  let receiver: Receiver;
  let hookId: string;
  let planId: string;

  const deliveries = () => t.t.db.kysely.selectFrom('webhook_deliveries').selectAll().orderBy('seq').execute();
  const deliver = () => deliverWebhooks(t.services, 'test-worker');

  beforeAll(async () => {
    t = await buildTestApp(kind, LOOPBACK);
    admin = await t.signIn(t.world.admin);
    receiver = await startReceiver(SECRET);
  }, 60_000);
  afterAll(async () => {
    await receiver.close();
    await t.cleanup();
  });

  it('is registered by an administrator of the trust', async () => {
    const res = await admin.api('POST', '/api/v1/admin/webhooks', { url: receiver.url, secret: SECRET });
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(Object.keys(body)).toEqual(['id']);
    hookId = body.id;
    const rd = await t.signIn(t.world.rdLead);
    expect((await rd.api('POST', '/api/v1/admin/webhooks', { url: receiver.url, secret: SECRET })).status).toBe(403);
  });

  it('queues every event in its own transaction and posts nothing before the sender runs', async () => {
    const clinician = actorOf(t.world.clinician);
    ({ id: planId } = await t.services.plans.create(clinician, { title: 'Pressure ulcers at home', managerId: t.world.manager.id }));
    await t.services.plans.send(planId, clinician, { type: 'UPDATE_IDEA', version: 1, payload: idea });
    await t.services.plans.send(planId, clinician, { type: 'SUBMIT_FOR_AGREEMENT', version: 2, payload: {} });
    // Refused by the machine: the transaction rolls back and queues nothing.
    await expect(t.services.plans.send(planId, clinician, { type: 'AGREE_IN_PRINCIPLE', version: 3, payload: {} })).rejects.toThrow();
    const queued = await deliveries();
    expect(queued.map((d) => [d.event_seq, d.event_type, d.delivery])).toEqual([
      [1, 'PLAN_CREATED', 'pending'], [2, 'UPDATE_IDEA', 'pending'], [3, 'SUBMIT_FOR_AGREEMENT', 'pending'],
    ]);
    expect(receiver.received).toHaveLength(0);
  });

  it('posts each event as a small signed body the receiver can verify, with no personal data', async () => {
    expect(await deliver()).toEqual({ delivered: 3, retrying: 0, failed: 0 });
    expect(receiver.received).toHaveLength(3);
    for (const post of receiver.received) {
      expect(post.signatureValid).toBe(true);
      expect(post.headers['content-type']).toBe('application/json');
      expect(post.headers['x-signature-256']).toMatch(/^sha256=[0-9a-f]{64}$/);
    }
    const bodies = receiver.received.map((r) => JSON.parse(r.body));
    expect(Object.keys(bodies[2]).sort()).toEqual(['at', 'id', 'planId', 'seq', 'stateAfter', 'stateBefore', 'type']);
    expect(bodies[2]).toMatchObject({ planId, seq: 3, type: 'SUBMIT_FOR_AGREEMENT', stateBefore: 'researchIdea.drafting', stateAfter: 'managerAgreement', at: '2026-12-01T09:00:00.000Z' });
    expect(bodies[0]).toMatchObject({ seq: 1, type: 'PLAN_CREATED', stateBefore: null, stateAfter: 'researchIdea.drafting' });
    const everything = receiver.received.map((r) => r.body).join('');
    for (const personal of ['Pressure ulcers', 'Alex Morgan', 'alex.morgan', 'Sam Patel', idea.whyNow, t.world.clinician.id]) expect(everything).not.toContain(personal);
    expect(new Set(bodies.map((b) => b.id)).size).toBe(3);
    expect((await deliveries()).every((d) => d.delivery === 'delivered' && d.last_status === 204)).toBe(true);
    expect(await deliver()).toEqual({ delivered: 0, retrying: 0, failed: 0 });
  });

  it('tries again after 30 seconds, then 60, when the receiver fails, with the same event id and signature', async () => {
    receiver.received.length = 0;
    receiver.answers.push(500, 503);
    await t.services.plans.send(planId, actorOf(t.world.manager), { type: 'COMMENT', version: 3, payload: { text: 'Reading it now.' } });
    expect(await deliver()).toEqual({ delivered: 0, retrying: 1, failed: 0 });
    let [row] = (await deliveries()).filter((d) => d.event_type === 'COMMENT');
    expect(row).toMatchObject({ delivery: 'pending', attempts: 1, last_status: 500, last_error: 'The receiver answered 500', next_attempt_at: '2026-12-01T09:00:30.000Z' });
    expect(await deliver()).toEqual({ delivered: 0, retrying: 0, failed: 0 });
    t.clock.advance(30_000);
    expect(await deliver()).toEqual({ delivered: 0, retrying: 1, failed: 0 });
    [row] = (await deliveries()).filter((d) => d.event_type === 'COMMENT');
    expect(row).toMatchObject({ attempts: 2, last_status: 503, next_attempt_at: '2026-12-01T09:01:30.000Z' });
    t.clock.advance(60_000);
    expect(await deliver()).toEqual({ delivered: 1, retrying: 0, failed: 0 });
    expect(receiver.received).toHaveLength(3);
    expect(new Set(receiver.received.map((r) => r.body)).size).toBe(1);
    expect(new Set(receiver.received.map((r) => r.headers['x-signature-256'])).size).toBe(1);
  });

  it('gives up after WEBHOOK_MAX_ATTEMPTS and says so in the log on the admin page', async () => {
    receiver.answers.push(500, 500, 500, 500);
    await t.services.plans.send(planId, actorOf(t.world.manager), { type: 'COMMENT', version: 4, payload: { text: 'Second thoughts.' } });
    for (let attempt = 0; attempt < 4; attempt++) {
      await deliver();
      t.clock.advance(10 * 60_000);
    }
    const [row] = (await deliveries()).filter((d) => d.event_seq === 5);
    expect(row).toMatchObject({ delivery: 'failed', attempts: 4 });
    const log = await (await admin.api('GET', '/api/v1/admin/webhooks')).json();
    expect(log.webhooks).toEqual([expect.objectContaining({ id: hookId, url: receiver.url, createdBy: 'Chris Lee' })]);
    expect(JSON.stringify(log)).not.toContain(SECRET);
    expect(log.deliveries[0]).toMatchObject({ type: 'COMMENT', seq: 5, status: 'failed', attempts: 4, lastResponse: 500 });
    const page = await (await admin.get('/admin/webhooks')).text();
    expect(page).toContain('Failed');
    expect(page).toContain('The receiver answered 500');
  });

  it('checks the address again when it sends: a private address not allowed now is refused, not posted to', async () => {
    receiver.received.length = 0;
    await t.services.plans.send(planId, actorOf(t.world.manager), { type: 'COMMENT', version: 5, payload: { text: 'Third.' } });
    const strict = loadConfig({ DATABASE_URL: t.t.url, DEMO_SEED: 'off', WEBHOOK_ALLOW_HTTP: 'on' });
    expect(await deliverWebhooks({ ...t.services, config: strict }, 'strict-worker')).toEqual({ delivered: 0, retrying: 1, failed: 0 });
    expect(receiver.received).toHaveLength(0);
    const [row] = (await deliveries()).filter((d) => d.event_seq === 6);
    expect(row!.last_error).toContain('private or reserved network address (127.0.0.1)');
  });

  it("is never told of another trust's plans, and once removed is told of nothing more", async () => {
    const theirs = async (name: string, role: 'clinician' | 'manager') =>
      createUser(t.t.db, { name, email: `${role}@southvale.nhs.uk`, role, organisation: t.world.otherTrust.id, password: PASSWORD });
    const [mo, di] = [await theirs('Mo Khan', 'clinician'), await theirs('Di Ross', 'manager')];
    const { id: otherPlan } = await t.services.plans.create(actorOf(mo), { title: 'Southvale plan', managerId: di.id });
    expect((await deliveries()).filter((d) => d.plan_id === otherPlan)).toEqual([]);
    const before = (await deliveries()).length;
    const theirAdmin = await t.signIn(t.world.outsiderAdmin);
    expect((await theirAdmin.api('DELETE', `/api/v1/admin/webhooks/${hookId}`)).status).toBe(404);
    expect((await admin.api('DELETE', `/api/v1/admin/webhooks/${hookId}`)).status).toBe(204);
    expect((await deliveries()).filter((d) => d.event_seq === 6)[0]!.delivery).toBe('cancelled');
    await t.services.plans.send(planId, actorOf(t.world.manager), { type: 'COMMENT', version: 6, payload: { text: 'After removal.' } });
    expect((await deliveries()).length).toBe(before);
    expect((await admin.api('DELETE', `/api/v1/admin/webhooks/${hookId}`)).status).toBe(404);
  });
});

describe('a webhook address that is refused', () => {
  let t: TestApp;
  let admin: Agent;
  beforeAll(async () => {
    t = await buildTestApp('sqlite', { WEBHOOK_ALLOWED_HOSTS: '10.20.0.0/16,hooks.internal.example' });
    admin = await t.signIn(t.world.admin);
  }, 60_000);
  afterAll(() => t.cleanup());

  const register = (url: unknown, secret: unknown = SECRET) => admin.api('POST', '/api/v1/admin/webhooks', { url, secret });

  it('says why, field by field, and registers nothing', async () => {
    const cases: Array<[unknown, string]> = [
      ['http://receiver.example.org/hook', 'The webhook address must start with https://'],
      ['https://10.1.2.3/hook', 'The webhook address points at a private or reserved network address (10.1.2.3)'],
      ['https://127.0.0.1:8443/hook', 'private or reserved network address (127.0.0.1)'],
      ['https://localhost/hook', 'private or reserved network address (127.0.0.1)'],
      ['https://[::1]/hook', 'private or reserved network address (::1)'],
      ['https://[::ffff:192.168.1.10]/hook', 'private or reserved network address (192.168.1.10)'],
      ['https://169.254.169.254/latest/meta-data', 'private or reserved network address (169.254.169.254)'],
      ['https://user:pass@receiver.example.org/hook', 'Leave the user name and password out'],
      ['receiver.example.org/hook', 'Enter the full address of the webhook, starting with https://'],
      ['', 'Enter the address of the webhook'],
    ];
    for (const [url, message] of cases) {
      const res = await register(url);
      expect(res.status, String(url)).toBe(422);
      const body = await res.json();
      expect(body.errors, String(url)).toHaveLength(1);
      expect(body.errors[0].path).toBe('url');
      expect(body.errors[0].message, String(url)).toContain(message);
    }
    const short = await register('https://receiver.example.org/hook', 'short');
    expect((await short.json()).errors).toEqual([{ path: 'secret', message: 'The secret must be at least 8 characters; 32 random characters is better' }]);
    expect((await (await admin.api('GET', '/api/v1/admin/webhooks')).json()).webhooks).toEqual([]);
  });

  it('unless the allow-list names its range or its host', async () => {
    expect((await register('https://10.20.3.4/hook')).status).toBe(201);
    expect((await register('https://hooks.internal.example/hook')).status).toBe(201);
    expect((await register('https://receiver.example.org/hook')).status).toBe(201);
  });
});
