import { z } from 'zod';
import { DEFAULT_DATABASE_URL } from './db/connect.js';

// Every setting, read from the environment once and checked, in one place.
// The README's configuration table lists the same names.

const onOff = z.enum(['on', 'off'], { error: 'must be "on" or "off"' });

const schema = z.object({
  PORT: z.coerce.number({ error: 'must be a port number' }).int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().regex(/^(sqlite:|postgres(ql)?:\/\/)/, { error: 'must start with sqlite: or postgres://' }).default(DEFAULT_DATABASE_URL),
  DEMO_SEED: onOff.default('on'),
  APP_URL: z.url({ error: 'must be a URL such as https://plans.example.nhs.uk' }).optional(),
  SESSION_HOURS: z.coerce.number().positive().max(24 * 30).default(12),
  /** Body size limit for any request, in kilobytes. */
  BODY_LIMIT_KB: z.coerce.number().int().positive().max(10_240).default(256),
  LOGIN_MAX_FAILURES: z.coerce.number().int().positive().default(5),
  LOGIN_LOCK_MINUTES: z.coerce.number().positive().default(15),
  SMTP_URL: z.string().regex(/^smtps?:\/\//, { error: 'must look like smtp://user:pass@host:port' }).optional(),
  MAIL_FROM: z.string().default('Clinical academic plans <no-reply@localhost>'),
});

export type Config = z.infer<typeof schema> & { APP_URL: string };

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`The configuration is not valid:\n${problems}`);
  }
  const config = result.data;
  return { ...config, APP_URL: (config.APP_URL ?? `http://localhost:${config.PORT}`).replace(/\/$/, '') };
}
