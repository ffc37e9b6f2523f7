import type { Server } from 'node:http';
import net from 'node:net';
import type { Logger } from './logger.js';

// Graceful shutdown, on SIGTERM (or SIGINT):
// 1. /readyz answers 503 so the load balancer stops sending; connections
//    already waiting to be accepted are accepted (one more turn of the loop);
// 2. stop listening;
// 3. answer every request received, each with `Connection: close`: those in
//    progress and those already read from a connection but not yet started
//    (the server does one thing at a time, so a queue of them is normal);
// 4. close the idle keep-alive connections, or after SHUTDOWN_TIMEOUT_SECONDS
//    every connection still open; stop the scheduler and the sender, close
//    the database, exit 0.

export interface Shutdown {
  draining(): boolean;
}

export interface ShutdownSteps {
  server: Server;
  timeoutMs: number;
  logger: Logger;
  /** Stop the scheduler and the sender, then close the database. */
  stopWork(): Promise<void>;
}

/** Before the listener closes: for the load balancer to see /readyz fail, and for waiting connections to be accepted. */
const ACCEPT_GRACE_MS = 250;
/** With nothing in progress, how long to wait for requests already sent on open connections to be read. */
const SETTLE_MS = 100;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** One turn of the event loop: its poll phase accepts waiting connections and reads what has arrived. */
const turn = () => new Promise((resolve) => setImmediate(resolve));

export function handleShutdown({ server, timeoutMs, logger, stopWork }: ShutdownSteps): Shutdown {
  let draining = false;
  let inFlight = 0;
  let answered = 0;
  let whenIdle: (() => void) | null = null;
  server.on('request', (_req, res) => {
    inFlight += 1;
    if (draining) res.setHeader('Connection', 'close');
    res.once('close', () => {
      inFlight -= 1;
      if (draining) answered += 1;
      if (inFlight === 0) whenIdle?.();
    });
  });
  const idle = () => (inFlight === 0 ? Promise.resolve() : new Promise<void>((resolve) => { whenIdle = resolve; }));

  /** Until nothing is in progress and nothing more arrives on the open connections. */
  async function drain() {
    for (;;) {
      await idle();
      await sleep(SETTLE_MS);
      await turn();
      if (inFlight === 0) return;
    }
  }

  async function stop(signal: string) {
    if (draining) return;
    draining = true;
    const started = performance.now();
    logger.info({ signal, inFlight, timeoutMs }, `${signal}: stopping; finishing the requests received`);
    await sleep(ACCEPT_GRACE_MS);
    await turn();
    // net.Server's close stops listening only; http.Server's would also drop keep-alive connections at once,
    // whose requests may already be on their way.
    const closed = new Promise<void>((resolve) => net.Server.prototype.close.call(server, () => resolve()));
    logger.info({ inFlight }, 'No longer accepting connections');
    const timedOut = await Promise.race([
      drain().then(() => false),
      sleep(timeoutMs).then(() => true),
    ]);
    if (timedOut) {
      logger.warn({ inFlight }, 'Shutdown timeout: closing the connections of the requests still in progress');
      server.closeAllConnections();
    } else {
      server.closeIdleConnections();
    }
    await closed;
    await stopWork();
    logger.info({ signal, answered, ms: Math.round(performance.now() - started) }, `${signal}: stopped`);
    process.exit(0);
  }

  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
  return { draining: () => draining };
}
