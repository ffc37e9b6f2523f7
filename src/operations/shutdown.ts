import type { Server } from 'node:http';
import net from 'node:net';
import type { Logger } from './logger.js';

// Graceful shutdown. On SIGTERM (or SIGINT): stop accepting connections, and
// tell the load balancer (/readyz answers 503); let every request already
// received finish, each answer saying `Connection: close`; once none is left
// (or after SHUTDOWN_TIMEOUT_SECONDS, when the rest are cut), close the idle
// keep-alive connections, then stop the background work and the database.

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

/** A pause for requests written just before the signal to be read: they then count as in flight. */
const SETTLE_MS = 100;

export function handleShutdown({ server, timeoutMs, logger, stopWork }: ShutdownSteps): Shutdown {
  let draining = false;
  let inFlight = 0;
  let drained: () => void = () => undefined;
  server.on('request', (_req, res) => {
    inFlight += 1;
    if (draining) res.setHeader('Connection', 'close');
    res.once('close', () => {
      inFlight -= 1;
      if (draining && inFlight === 0) drained();
    });
  });

  async function stop(signal: string) {
    if (draining) return;
    draining = true;
    const started = performance.now();
    logger.info({ signal, inFlight, timeoutMs }, `${signal}: stopping; finishing the requests in flight`);
    // net.Server's close stops listening only; http.Server's own would also drop keep-alive connections
    // whose next request may already be on its way.
    const closed = new Promise<void>((resolve) => net.Server.prototype.close.call(server, () => resolve()));
    const idle = new Promise<void>((resolve) => { drained = resolve; if (inFlight === 0) resolve(); });
    const timedOut = await Promise.race([
      idle.then(() => new Promise((r) => setTimeout(r, SETTLE_MS))).then(() => (inFlight === 0 ? false : waitAgain())),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(true), timeoutMs).unref()),
    ]);
    if (timedOut) logger.warn({ inFlight }, 'Shutdown timeout: closing the connections of the requests still in flight');
    server.closeIdleConnections();
    if (timedOut) server.closeAllConnections();
    await closed;
    await stopWork();
    logger.info({ signal, ms: Math.round(performance.now() - started) }, `${signal}: stopped`);
    process.exit(0);
  }

  /** More requests arrived during the pause: wait for them too. */
  function waitAgain(): Promise<boolean> {
    return new Promise((resolve) => { drained = () => resolve(false); });
  }

  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
  return { draining: () => draining };
}
