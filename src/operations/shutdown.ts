import type { Server } from 'node:http';
import net from 'node:net';
import type { Logger } from './logger.js';

// Graceful shutdown, on SIGTERM (or SIGINT). The server does one request at a
// time (SQLite and the PDF renderer are synchronous), and Node accepts one
// waiting connection per turn of its event loop, so when the signal comes
// most requests "in flight" are waiting: in the listening socket's queue, or
// read from a connection and not yet begun. So:
// 1. /readyz answers 503, for the load balancer to stop sending;
// 2. connections keep being accepted until a turn of the loop finds none
//    waiting (a quarter of a second at least), then the server stops listening;
// 3. every request received is answered, each with `Connection: close`, until
//    none is in progress and none more arrives on the open connections;
// 4. idle connections are closed, or after SHUTDOWN_TIMEOUT_SECONDS every
//    connection still open; the scheduler and the sender stop, the database
//    closes, and the process exits 0.

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

/** The least time the listener stays open after the signal: for the load balancer to see /readyz fail. */
const ACCEPT_GRACE_MS = 250;
/** How long a quiet spell must last: no connection accepted, or no request begun, in it. */
const SETTLE_MS = 50;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** One turn of the event loop: its poll phase accepts waiting connections and reads what has arrived. */
const turn = () => new Promise((resolve) => setImmediate(resolve));

export function handleShutdown({ server, timeoutMs, logger, stopWork }: ShutdownSteps): Shutdown {
  let draining = false;
  let inFlight = 0;
  let answered = 0;
  let accepted = 0;
  let begun = 0;
  server.on('connection', () => { accepted += 1; });
  server.on('request', (_req, res) => {
    inFlight += 1;
    begun += 1;
    if (draining) res.setHeader('Connection', 'close');
    res.once('close', () => {
      inFlight -= 1;
      if (draining) answered += 1;
    });
  });

  /** Until a spell of SETTLE_MS and a turn of the loop (which polls every socket) bring nothing new to `count`. */
  async function quiet(count: () => number, settled: () => boolean = () => true) {
    for (;;) {
      const before = count();
      await sleep(SETTLE_MS);
      await turn();
      if (count() === before && settled()) return;
    }
  }

  async function stop(signal: string) {
    if (draining) return;
    draining = true;
    const started = performance.now();
    logger.info({ signal, inFlight, timeoutMs }, `${signal}: stopping; finishing the requests received`);
    const timedOut = await Promise.race([
      (async () => {
        await sleep(ACCEPT_GRACE_MS);
        await quiet(() => accepted);
        // net.Server's close stops listening only; http.Server's would also drop the open connections
        // whose requests have not been read yet.
        net.Server.prototype.close.call(server);
        logger.info({ inFlight, accepted }, 'No longer accepting connections');
        await quiet(() => begun, () => inFlight === 0);
        return false;
      })(),
      sleep(timeoutMs).then(() => true),
    ]);
    if (timedOut) {
      logger.warn({ inFlight }, 'Shutdown timeout: closing every connection still open');
      if (server.listening) net.Server.prototype.close.call(server);
      server.closeAllConnections();
    } else {
      server.closeIdleConnections();
    }
    await stopWork();
    logger.info({ signal, answered, ms: Math.round(performance.now() - started) }, `${signal}: stopped`);
    process.exit(0);
  }

  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
  return { draining: () => draining };
}
