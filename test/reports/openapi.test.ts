import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pipelineSchema } from '../../src/reports/reports.openapi.js';
import { buildTestApp, BASE, type TestApp } from '../support/app.js';
import { seedKnownPlans } from './known-plans.js';

// The published contract of reports, tokens and webhooks matches what the routes answer.

describe('the OpenAPI document for reports, tokens and webhooks', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp('sqlite');
    await seedKnownPlans(t);
  }, 120_000);
  afterAll(() => t.cleanup());

  it('publishes every route, with the bearer token where a token may read', async () => {
    const doc = await (await t.app.request(`${BASE}/api/openapi.json`)).json();
    const operations = Object.entries(doc.paths as Record<string, object>).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    expect(operations).toEqual(expect.arrayContaining([
      'GET /api/v1/reports/pipeline', 'POST /api/v1/admin/tokens', 'GET /api/v1/admin/tokens', 'DELETE /api/v1/admin/tokens/{id}',
      'POST /api/v1/admin/webhooks', 'GET /api/v1/admin/webhooks', 'DELETE /api/v1/admin/webhooks/{id}',
    ]));
    expect(doc.paths['/api/v1/plans'].get.security).toContainEqual({ bearer: ['plans:read'] });
    expect(doc.paths['/api/v1/plans'].get.responses[200].content['text/csv']).toBeDefined();
    expect(doc.paths['/api/v1/reports/pipeline'].get.security).toContainEqual({ bearer: ['reports:read'] });
    expect(doc.paths['/api/v1/admin/tokens'].post.security).toEqual([{ session: [], csrfToken: [] }]);
    expect(doc.components.schemas.NewToken.properties.scopes.items.enum).toEqual(['plans:read', 'reports:read']);
    expect(Object.keys(doc.components.schemas.WebhookEvent.properties)).toEqual(['id', 'planId', 'seq', 'type', 'at', 'stateBefore', 'stateAfter']);
  });

  it('describes the pipeline exactly as the route answers it', async () => {
    const rd = await t.signIn(t.world.rdLead);
    const report = await (await rd.api('GET', '/api/v1/reports/pipeline')).json();
    expect(pipelineSchema.strict().safeParse(report).success).toBe(true);
    expect(Object.keys(report)).toEqual(Object.keys(pipelineSchema.shape));
  });
});
