import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type Agent, type TestApp } from '../support/app.js';

// An administrator's pages for webhooks: add one (the secret never shown back), remove it.

describe('the webhook pages', () => {
  let t: TestApp;
  let admin: Agent;
  beforeAll(async () => {
    t = await buildTestApp('sqlite');
    admin = await t.signIn(t.world.admin);
  }, 60_000);
  afterAll(() => t.cleanup());

  it('are there only for administrators', async () => {
    expect((await admin.get('/admin/webhooks')).status).toBe(200);
    for (const person of [t.world.rdLead, t.world.clinician]) {
      const agent = await t.signIn(person);
      expect((await agent.get('/admin/webhooks')).status).toBe(404);
      expect((await agent.post('/admin/webhooks', { url: 'https://receiver.example.org/hook', secret: 'long-enough-secret' })).status).toBe(404);
    }
  });

  it('refuse an address that is not https, keeping the address but never the secret', async () => {
    const res = await admin.post('/admin/webhooks', { url: 'http://receiver.example.org/hook', secret: 'do-not-echo-this-secret' });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('<a href="#url">The webhook address must start with https://</a>');
    expect(html).toContain('value="http://receiver.example.org/hook"');
    expect(html).not.toContain('do-not-echo-this-secret');
    expect(await t.t.db.kysely.selectFrom('webhooks').selectAll().execute()).toEqual([]);
  });

  it('add a webhook, list it, and remove it after asking', async () => {
    const added = await admin.post('/admin/webhooks', { url: 'https://receiver.example.org/hooks/plans', secret: 'a-shared-secret-for-the-receiver' });
    expect(added.status).toBe(303);
    const list = await (await admin.get(added.headers.get('location')!)).text();
    expect(list).toContain('The webhook has been added.');
    expect(list).toContain('https:/<wbr>/<wbr>receiver.<wbr>example.<wbr>org/<wbr>hooks/<wbr>plans<wbr>');
    expect(list).not.toContain('a-shared-secret-for-the-receiver');
    const href = /href="(\/admin\/webhooks\/[^"]+\/remove)"/.exec(list)![1]!;
    expect(await (await admin.get(href)).text()).toContain('Remove this webhook?');
    const removed = await admin.post(href, {});
    expect(removed.headers.get('location')).toBe('/admin/webhooks?done=removed');
    expect(await (await admin.get('/admin/webhooks')).text()).toContain('Your trust has no webhooks.');
    expect((await admin.get(href)).status).toBe(404);
  });
});
