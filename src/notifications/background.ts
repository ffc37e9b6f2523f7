import { removeExpiredSessions } from '../accounts/sessions.js';
import { removeOldAttempts } from '../accounts/throttle.js';
import type { Services } from '../http/context.js';
import { errorFields } from '../operations/logger.js';
import { runReminders } from './scheduler.js';
import { deliverPending, mailerFor, newWorkerId, type Mailer } from './sender.js';
import { deliverWebhooks } from '../webhooks/webhooks.sender.js';

// The scheduler, the email sender, the webhook sender and housekeeping, run
// inside the server process. Each is a loop of "do one pass, then sleep", so a
// slow pass never overlaps the next; all keep their state in the database, so
// any number of instances may run them. Each pass that did something is one
// log line (and a metric); idle passes log only at debug level. Tests call
// each pass directly instead.

export interface Background {
  stop(): Promise<void>;
}

/** What a pass did, for its log line; `worked` false for a pass that found nothing to do. */
interface PassOutcome {
  worked: boolean;
  fields: object;
}

function loop(services: Services, name: string, seconds: number, pass: () => Promise<PassOutcome>) {
  const { logger, metrics } = services;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const schedule = () => {
    if (!stopped) timer = setTimeout(tick, seconds * 1000);
  };
  const tick = () => {
    const started = performance.now();
    running = pass()
      .then(({ worked, fields }) => {
        const ms = Math.round(performance.now() - started);
        if (worked) logger.info({ job: name, ms, ...fields }, `${name} pass`);
        else logger.debug({ job: name, ms }, `${name} pass: nothing to do`);
        metrics?.jobRuns.inc({ job: name, outcome: 'ok' });
        metrics?.jobSeconds.observe({ job: name }, ms / 1000);
      })
      .catch((error) => {
        logger.error({ job: name, ...errorFields(error) }, `${name} pass failed`);
        metrics?.jobRuns.inc({ job: name, outcome: 'failed' });
      })
      .finally(schedule);
  };
  if (seconds > 0) tick();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}

const HOUSEKEEPING_SECONDS = 15 * 60;

export function startBackground(services: Services, mailer: Mailer = mailerFor(services.config, services.logger)): Background {
  const { config, db, clock } = services;
  const workerId = newWorkerId();
  const loops = [
    loop(services, 'reminders', config.REMINDER_INTERVAL_SECONDS, async () => {
      const { sent, skipped } = await runReminders(services);
      return { worked: sent.length + skipped > 0, fields: { sent: sent.length, skipped, kinds: sent.map((s) => s.kind) } };
    }),
    loop(services, 'mail', config.MAIL_POLL_SECONDS, async () => {
      const result = await deliverPending(services, mailer, workerId);
      return { worked: result.delivered + result.retrying + result.failed > 0, fields: result };
    }),
    loop(services, 'housekeeping', HOUSEKEEPING_SECONDS, async () => {
      const now = clock();
      const sessions = await removeExpiredSessions(db.kysely, now, config.SESSION_IDLE_MINUTES);
      await removeOldAttempts(db.kysely, new Date(now.getTime() - 2 * config.LOGIN_LOCK_MINUTES * 60_000));
      return { worked: sessions > 0, fields: { sessionsEnded: sessions } };
    }),
    loop(services, 'webhooks', config.WEBHOOK_POLL_SECONDS, async () => {
      const result = await deliverWebhooks(services, workerId);
      return { worked: result.delivered + result.retrying + result.failed > 0, fields: result };
    }),
  ];
  return {
    async stop() {
      await Promise.all(loops.map((l) => l.stop()));
      mailer.close();
    },
  };
}
