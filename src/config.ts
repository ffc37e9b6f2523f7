import { z } from 'zod';
import { DEFAULT_DATABASE_URL } from './db/connect.js';

// Every setting, read from the environment once and checked, in one place.
// The README's configuration table lists the same names.

const onOff = z.enum(['on', 'off'], { error: 'must be "on" or "off"' });
const workingDays = z.coerce.number({ error: 'must be a whole number of working days' }).int().min(0).max(365);
const wholeNumber = (what: string) => z.coerce.number({ error: `must be a whole number of ${what}` }).int({ error: `must be a whole number of ${what}` });

const schema = z.object({
  /** "production" makes a missing audit key stop the boot (README, "Audit key"). */
  NODE_ENV: z.string().default('development'),
  PORT: z.coerce.number({ error: 'must be a port number' }).int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().regex(/^(sqlite:|postgres(ql)?:\/\/)/, { error: 'must start with sqlite: or postgres://' }).default(DEFAULT_DATABASE_URL),
  SQLITE_BUSY_TIMEOUT_MS: wholeNumber('milliseconds').min(0).max(600_000).default(10_000),
  PG_POOL_SIZE: wholeNumber('connections').min(1).max(1000).default(10),
  DEMO_SEED: onOff.default('on'),
  APP_URL: z.url({ error: 'must be a URL such as https://plans.example.nhs.uk' })
    .refine((url) => /^https?:\/\//i.test(url), { error: 'must start with http:// or https://' }).optional(),
  SESSION_HOURS: z.coerce.number().positive().max(24 * 30).default(12),
  /** A sign-in unused for this long ends, whatever is left of SESSION_HOURS. */
  SESSION_IDLE_MINUTES: wholeNumber('minutes').min(1).max(24 * 60 * 30).default(60),
  /** Body size limit for any request, in kilobytes. */
  BODY_LIMIT_KB: z.coerce.number().int().positive().max(10_240).default(256),
  LOGIN_MAX_FAILURES: z.coerce.number().int().positive().default(5),
  /** Failed sign-ins from one client address, over every account, before that address is refused for a while. */
  LOGIN_MAX_FAILURES_PER_ADDRESS: wholeNumber('attempts').positive().default(50),
  LOGIN_LOCK_MINUTES: z.coerce.number().positive().default(15),
  /** "on" behind a reverse proxy: the client's address is the last one the proxy adds to X-Forwarded-For. */
  TRUST_PROXY: onOff.default('off'),
  /** The audit signing key (and older keys still trusted), or unset to read AUDIT_KEY_FILE. */
  AUDIT_KEY: z.string().optional(),
  AUDIT_KEY_FILE: z.string().default('./data/audit.key'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { error: 'must be one of fatal, error, warn, info, debug, trace, silent' }).default('info'),
  METRICS: onOff.default('off'),
  /** When set, /metrics answers only requests with `Authorization: Bearer <METRICS_TOKEN>`. */
  METRICS_TOKEN: z.string().min(16, { error: 'must be at least 16 characters' }).optional(),
  /** On SIGTERM, how long in-flight requests may take to finish before their connections are closed. */
  SHUTDOWN_TIMEOUT_SECONDS: z.coerce.number({ error: 'must be a number of seconds' }).min(0).max(600).default(25),
  SMTP_URL: z.string().regex(/^smtps?:\/\//, { error: 'must look like smtp://user:pass@host:port' }).optional(),
  MAIL_FROM: z.string().default('Clinical academic plans <no-reply@localhost>'),
  // How long each step may wait on someone before a reminder; 0 means no due date.
  DUE_DAYS_IDEA: workingDays.default(0),
  DUE_DAYS_AGREEMENT: workingDays.default(10),
  DUE_DAYS_TERMS: workingDays.default(10),
  DUE_DAYS_SIGN_OFF: workingDays.default(15),
  DUE_DAYS_MEETING: workingDays.default(0),
  DUE_DAYS_APPLICATION: workingDays.default(0),
  /** After the award: how long the conditions may take to confirm before whoever owns them is reminded. */
  DUE_DAYS_SETUP: workingDays.default(20),
  /** How long a disagreement (a disputed point, terms going back and forth) lasts before R&D is asked to help. */
  DUE_DAYS_DISAGREEMENT: workingDays.default(10),
  /** For the documents work: how long a signatory has to authorise an issued document. */
  DUE_DAYS_AUTHORISATION: workingDays.default(5),
  /** After the reminder, how long until R&D (or, for R&D's own waits, the trust's administrators) is told. */
  ESCALATION_WORKING_DAYS: workingDays.default(5),
  /** Demos only: "minutes" reads every period above as minutes of the clock instead of working days. */
  DUE_PERIOD_UNIT: z.enum(['working-days', 'minutes'], { error: 'must be "working-days" or "minutes"' }).default('working-days'),
  /** How often the scheduler looks for overdue plans; 0 turns it off in this instance. */
  REMINDER_INTERVAL_SECONDS: z.coerce.number().min(0).max(86_400).default(60),
  /** How often the sender looks for email to deliver; 0 turns it off in this instance. */
  MAIL_POLL_SECONDS: z.coerce.number().min(0).max(3600).default(5),
  MAIL_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(10),
  /** Wait after the first failed delivery; it doubles with each further failure, up to six hours. */
  MAIL_RETRY_SECONDS: z.coerce.number().positive().max(86_400).default(30),
  /** The plan page warns when a funding call closes within this many weeks and sign-offs are outstanding. */
  DEADLINE_WARNING_WEEKS: z.coerce.number().int().min(0).max(104).default(12),
  /** Single sign-on (OpenID Connect): the issuer's URL; https, or http on the loopback for tests. Unset turns it off. */
  OIDC_ISSUER: z.url({ error: 'must be a URL such as https://login.microsoftonline.com/<tenant id>/v2.0' })
    .refine(isSafeIssuer, { error: 'must use https (http is accepted only on the loopback: 127.0.0.1, localhost or [::1])' }).optional(),
  OIDC_CLIENT_ID: z.string().optional(),
  OIDC_CLIENT_SECRET: z.string().optional(),
  OIDC_LABEL: z.string().max(60, { error: 'must be 60 characters or fewer' }).default('Sign in with single sign-on'),
  /** Who runs the service (the data controller, named on the privacy notice and the accessibility statement). */
  SERVICE_OWNER: z.string().trim().min(1).max(120, { error: 'must be 120 characters or fewer' }).optional(),
  /** Where people get help with the service: usually the trust's R&D office. */
  HELP_EMAIL: z.email({ error: 'must be an email address such as rd.office@example.nhs.uk' }).optional(),
  HELP_PHONE: z.string().trim().regex(/^[0-9 +()-]{6,30}$/, { error: 'must be a telephone number such as 0113 496 0000' }).optional(),
  /** The data protection officer of the organisation that runs the service, for the privacy notice. */
  DPO_EMAIL: z.email({ error: 'must be an email address such as dpo@example.nhs.uk' }).optional(),
  /** How many "forgotten password" emails one address may be sent in an hour. */
  PASSWORD_RESETS_PER_HOUR: z.coerce.number().int().min(1).max(100).default(3),
  /** Webhooks: "on" also accepts http:// addresses (for tests on the loopback; never in production). */
  WEBHOOK_ALLOW_HTTP: onOff.default('off'),
  /** Webhooks: hosts, addresses or CIDR ranges on a private network that webhooks may still reach, comma-separated. */
  WEBHOOK_ALLOWED_HOSTS: z.string().default(''),
  /** How often this instance delivers queued webhook events; 0 turns its delivery off. */
  WEBHOOK_POLL_SECONDS: z.coerce.number().min(0).max(3600).default(5),
  WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(10),
  /** Wait after the first failed delivery; it doubles with each further failure, up to six hours. */
  WEBHOOK_RETRY_SECONDS: z.coerce.number().positive().max(86_400).default(30),
  /** How long a receiver has to answer one delivery. */
  WEBHOOK_TIMEOUT_SECONDS: z.coerce.number().positive().max(120).default(10),
}).refine((c) => !c.OIDC_ISSUER || (c.OIDC_CLIENT_ID && c.OIDC_CLIENT_SECRET), {
  error: 'OIDC_ISSUER needs OIDC_CLIENT_ID and OIDC_CLIENT_SECRET too', path: ['OIDC_CLIENT_ID'],
});

/** An identity provider must be reached over https; plain http only on this machine (tests). */
export function isSafeIssuer(value: string): boolean {
  const url = new URL(value);
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
}

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

export const isProduction = (config: Pick<Config, 'NODE_ENV'>) => config.NODE_ENV === 'production';

/** Cookies are Secure when the public address is https, even though a TLS proxy hands the app plain http. */
export const usesHttps = (config: Pick<Config, 'APP_URL'>) => config.APP_URL.toLowerCase().startsWith('https:');

/** The settings the database connection takes. */
export const connectionOptions = (config: Config) => ({ busyTimeoutMs: config.SQLITE_BUSY_TIMEOUT_MS, poolSize: config.PG_POOL_SIZE });
