import { z } from 'zod';
import { newWebhookSchema } from './webhook-input.js';

// The webhook routes of the admin API, and what a receiver is sent.

const time = z.iso.datetime({ offset: true });

export const webhookComponents = {
  NewWebhook: newWebhookSchema,
  WebhookCreated: z.object({ id: z.string() }),
  WebhookList: z.object({
    webhooks: z.array(z.object({ id: z.string(), url: z.string(), createdAt: time, createdBy: z.string() })),
    deliveries: z.array(z.object({
      id: z.string(), url: z.string(), planId: z.string(), seq: z.number().int(), type: z.string(),
      status: z.enum(['pending', 'delivered', 'failed', 'cancelled']), attempts: z.number().int(),
      lastResponse: z.number().int().nullable(), lastError: z.string().nullable(), queuedAt: time, deliveredAt: time.nullable(), nextAttemptAt: time.nullable(),
    })).meta({ description: 'The 50 latest deliveries, newest first.' }),
  }),
  WebhookEvent: z.object({
    id: z.string().meta({ description: 'The event\'s id: the same on every retry.' }),
    planId: z.string(), seq: z.number().int().min(1).meta({ description: 'The event\'s number in the plan\'s history (1 is PLAN_CREATED).' }),
    type: z.string(), at: time, stateBefore: z.string().nullable(), stateAfter: z.string(),
  }).meta({ description: 'POSTed to each webhook with X-Signature-256: sha256=<hex HMAC-SHA256 of the exact body with the secret>.' }),
};

interface Tools {
  json(schema: object, description: string): object;
  body(id: string): object;
  ref(id: string): object;
  refuse: (...statuses: Array<400 | 401 | 403 | 404 | 409 | 415 | 422>) => Record<string, unknown>;
  signedIn: object[];
  signedInWrite: object[];
}

export function webhookPaths({ json, body, ref, refuse, signedIn, signedInWrite }: Tools) {
  const id = { name: 'id', in: 'path', required: true, description: 'The id of the webhook.', schema: { type: 'string' } };
  return {
    '/api/v1/admin/webhooks': {
      post: {
        summary: 'Register a webhook (administrators)', operationId: 'createWebhook', tags: ['admin'], security: signedInWrite,
        description: 'Only https, and never a private or reserved network address unless the service allows it (WEBHOOK_ALLOWED_HOSTS). Every plan event of the trust is then POSTed to it as a WebhookEvent.',
        requestBody: body('NewWebhook'),
        responses: { 201: json(ref('WebhookCreated'), 'Registered.'), ...refuse(400, 401, 403, 415, 422) },
      },
      get: {
        summary: "The trust's webhooks and latest deliveries (administrators)", operationId: 'listWebhooks', tags: ['admin'], security: signedIn,
        responses: { 200: json(ref('WebhookList'), 'Never the secrets.'), ...refuse(401, 403) },
      },
    },
    '/api/v1/admin/webhooks/{id}': {
      delete: {
        summary: 'Remove a webhook (administrators)', operationId: 'removeWebhook', tags: ['admin'], security: signedInWrite, parameters: [id],
        responses: { 204: { description: 'Removed; deliveries still waiting are cancelled.' }, ...refuse(401, 403, 404) },
      },
    },
  };
}
