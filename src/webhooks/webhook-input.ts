import { z } from 'zod';
import type { Config } from '../config.js';
import type { FieldError } from '../domain/events.js';
import { requiredText } from '../domain/fields.js';
import { problemWithUrl, targetPolicy } from './webhook-target.js';

// A webhook as an administrator registers it: where to post, and the secret
// the receiver checks each body's signature with.

export const newWebhookSchema = z.strictObject({
  url: requiredText('the address of the webhook', 2000),
  secret: z.string({ error: 'Enter a secret of at least 8 characters' })
    .min(8, { error: 'The secret must be at least 8 characters; 32 random characters is better' })
    .max(500, { error: 'The secret must be 500 characters or fewer' }),
});
export type NewWebhook = z.infer<typeof newWebhookSchema>;

/** The problems with a webhook that passed the schema: its address, checked against the settings. */
export async function targetErrors(input: NewWebhook, config: Config): Promise<FieldError[]> {
  const problem = await problemWithUrl(input.url, targetPolicy(config));
  return problem ? [{ path: 'url', message: problem }] : [];
}
