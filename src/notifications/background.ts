import type { Services } from '../http/context.js';
import { runReminders } from './scheduler.js';
import { deliverPending, mailerFor, newWorkerId, type Mailer } from './sender.js';
import { deliverWebhooks } from '../webhooks/webhooks.sender.js';

// The scheduler, the email sender and the webhook sender, run inside the
// server process. Each is a loop of "do one pass, then sleep", so a slow pass
// never overlaps the next; all keep their state in the database, so any number
// of instances may run them. Tests call each pass directly instead.

export interface Background {
  stop(): Promise<void>;
}

function loop(name: string, seconds: number, pass: () => Promise<unknown>) {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const schedule = () => {
    if (!stopped) timer = setTimeout(tick, seconds * 1000);
  };
  const tick = () => {
    running = pass()
      .catch((error) => console.error(`[${name}] pass failed:`, error))
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

export function startBackground(services: Services, mailer: Mailer = mailerFor(services.config)): Background {
  const { config } = services;
  const workerId = newWorkerId();
  const loops = [
    loop('reminders', config.REMINDER_INTERVAL_SECONDS, async () => {
      const { sent } = await runReminders(services);
      for (const s of sent) console.log(`[reminders] ${s.kind} sent for plan ${s.planId}${s.documentId ? ` to signatory ${s.userId} of document ${s.documentId}` : ''}`);
    }),
    loop('mail', config.MAIL_POLL_SECONDS, () => deliverPending(services, mailer, workerId)),
    loop('webhooks', config.WEBHOOK_POLL_SECONDS, () => deliverWebhooks(services, workerId)),
  ];
  return {
    async stop() {
      await Promise.all(loops.map((l) => l.stop()));
      mailer.close();
    },
  };
}
