import os from 'node:os';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import type nodemailer from 'nodemailer';
import type { Config } from '../config.js';
import type { Services } from '../http/context.js';
import type { Logger } from '../operations/logger.js';
import { headerText } from './header-text.js';
import { composeEmail } from './email.js';
import { SECRET_LINK_KINDS, SECRET_LINK_REMOVED, type NotificationRow } from './outbox.js';

// Delivers the outbox in the background, never inside a request. Each row is
// claimed with one conditional UPDATE (the same on SQLite and PostgreSQL), so
// two instances never send the same row at once; a claim lapses after its
// lease, so a sender that died mid-send leaves nothing stuck. A failure is
// retried with exponential back-off until MAIL_MAX_ATTEMPTS, then the row is
// kept as "failed" (never deleted) and logged.

export interface Email {
  /** The notification's id and kind: what a log line may say about a message. */
  id: string;
  kind: string;
  to: string;
  subject: string;
  text: string;
  /** The same message as HTML, sent beside the text as multipart/alternative. */
  html?: string;
  calendar: string | null;
}

export interface Mailer {
  /** "sent" when an SMTP server took it; "logged" when it was only written to the log (no SMTP_URL). */
  readonly outcome: 'sent' | 'logged';
  send(email: Email): Promise<void>;
  close(): void;
}

/** Email over SMTP (nodemailer), with timeouts so a silent server cannot hold a claim for ever. */
export function smtpMailer(config: Pick<Config, 'SMTP_URL' | 'MAIL_FROM'>): Mailer {
  // Loaded only with SMTP_URL set.
  const { createTransport } = createRequire(import.meta.url)('nodemailer') as typeof nodemailer;
  const transport = createTransport({
    url: config.SMTP_URL, connectionTimeout: 20_000, greetingTimeout: 20_000, socketTimeout: 60_000,
  });
  return {
    outcome: 'sent',
    async send(email) {
      await transport.sendMail({
        from: config.MAIL_FROM, to: headerText(email.to), subject: headerText(email.subject), text: email.text, html: email.html,
        attachments: email.calendar ? [{ filename: 'meeting.ics', content: email.calendar, contentType: 'text/calendar; charset=utf-8; method=REQUEST' }] : [],
      });
    },
    close: () => transport.close(),
  };
}

type LogInfo = (fields: object, message: string) => void;

/**
 * Without SMTP_URL: one line a message in the log, naming its id and kind
 * only (never the address, the subject or the text: those are personal);
 * the full message stays readable at /dev/mailbox.
 */
export function logMailer(log: LogInfo): Mailer {
  return {
    outcome: 'logged',
    send: async (email) => log({ job: 'mail', notificationId: email.id, kind: email.kind, calendar: email.calendar !== null },
      '[mail] kept for /dev/mailbox, not sent: no SMTP_URL'),
    close: () => undefined,
  };
}

export const mailerFor = (config: Config, logger: Pick<Logger, 'info'>): Mailer =>
  (config.SMTP_URL ? smtpMailer(config) : logMailer((fields, message) => logger.info(fields, message)));

export const newWorkerId = () => `${os.hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;

export type SenderServices = Pick<Services, 'db' | 'clock' | 'config'> & Partial<Pick<Services, 'logger' | 'metrics'>>;

export interface DeliveryResult {
  delivered: number;
  retrying: number;
  failed: number;
}

const LEASE_MS = 5 * 60_000;
const MAX_BACKOFF_MS = 6 * 60 * 60_000;

/** Wait before attempt n+1 after n failures: the first wait, doubling, capped at six hours (email and webhooks). */
export const doublingBackoffMs = (firstSeconds: number, failures: number) =>
  Math.min(MAX_BACKOFF_MS, firstSeconds * 1000 * 2 ** Math.max(0, failures - 1));

export const backoffMs = (config: Pick<Config, 'MAIL_RETRY_SECONDS'>, failures: number) => doublingBackoffMs(config.MAIL_RETRY_SECONDS, failures);

/** One pass of the sender over what is due now. */
export async function deliverPending(services: SenderServices, mailer: Mailer, workerId: string, limit = 50): Promise<DeliveryResult> {
  const { db, clock, config } = services;
  const result: DeliveryResult = { delivered: 0, retrying: 0, failed: 0 };
  const now = clock();
  const candidates = await db.kysely.selectFrom('notifications').select('id')
    .where('delivery', '=', 'pending').where('next_attempt_at', '<=', now.toISOString())
    .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', now.toISOString())]))
    .orderBy('seq').limit(limit).execute();
  for (const { id } of candidates) {
    const row = await claim(services, id, workerId);
    if (!row) continue;
    try {
      const { text, html } = composeEmail(row, config.APP_URL, await forNameOf(services, row));
      await mailer.send({ id: row.id, kind: row.kind, to: row.email, subject: row.subject, text, html, calendar: row.calendar });
      // Once sent, a secret link lives only in the person's mailbox; without SMTP it stays for the development mailbox.
      const forget = mailer.outcome === 'sent' && SECRET_LINK_KINDS.has(row.kind) ? { path: SECRET_LINK_REMOVED } : {};
      await db.kysely.updateTable('notifications')
        .set({ delivery: mailer.outcome, delivered_at: clock().toISOString(), attempts: row.attempts + 1, last_error: null, claimed_by: null, claimed_until: null, ...forget })
        .where('id', '=', id).where('claimed_by', '=', workerId).execute();
      result.delivered += 1;
    } catch (error) {
      const attempts = row.attempts + 1;
      const gaveUp = attempts >= config.MAIL_MAX_ATTEMPTS;
      const message = error instanceof Error ? error.message : String(error);
      await db.kysely.updateTable('notifications')
        .set({
          delivery: gaveUp ? 'failed' : 'pending', attempts, last_error: message.slice(0, 1000), claimed_by: null, claimed_until: null,
          next_attempt_at: new Date(clock().getTime() + backoffMs(config, attempts)).toISOString(),
        })
        .where('id', '=', id).where('claimed_by', '=', workerId).execute();
      // The error text can quote the address back (a refused recipient), so the log has its code only; the row keeps the text.
      const fields = { job: 'mail', notificationId: row.id, kind: row.kind, attempts, code: (error as { responseCode?: number; code?: string }).responseCode ?? (error as { code?: string }).code };
      if (gaveUp) services.logger?.error(fields, '[mail] gave up: kept as failed');
      else services.logger?.warn(fields, '[mail] delivery failed: will retry');
      services.metrics?.deliveryFailures.inc({ outcome: gaveUp ? 'gave-up' : 'retrying' });
      result[gaveUp ? 'failed' : 'retrying'] += 1;
    }
  }
  return result;
}

/** For a copy sent to a colleague in cover: the name of the person it was asked of. */
export async function forNameOf(services: Pick<SenderServices, 'db'>, row: Pick<NotificationRow, 'for_user_id'>): Promise<string | null> {
  if (!row.for_user_id) return null;
  const user = await services.db.kysely.selectFrom('users').select('name').where('id', '=', row.for_user_id).executeTakeFirst();
  return user?.name ?? null;
}

/** Take the row for this worker, or null when another worker has it or it is no longer due. */
async function claim(services: SenderServices, id: string, workerId: string): Promise<NotificationRow | null> {
  const now = services.clock();
  const taken = await services.db.kysely.updateTable('notifications')
    .set({ claimed_by: workerId, claimed_until: new Date(now.getTime() + LEASE_MS).toISOString() })
    .where('id', '=', id).where('delivery', '=', 'pending').where('next_attempt_at', '<=', now.toISOString())
    .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', now.toISOString())]))
    .executeTakeFirst();
  if (taken.numUpdatedRows !== 1n) return null;
  return (await services.db.kysely.selectFrom('notifications').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
}
