import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { AppEnv } from './context.js';

/**
 * The address a request came from, for throttling sign-ins; null when unknown
 * (a request made in-process, as the tests do). With TRUST_PROXY=on it is
 * the last address in X-Forwarded-For, the one our own proxy added: earlier
 * ones are whatever the client wrote. A header that is not an address is
 * the sender's mistake (400), never a 500.
 */
export function clientAddress(c: Context<AppEnv>): string | null {
  if (c.get('services').config.TRUST_PROXY === 'on') {
    const forwarded = c.req.header('x-forwarded-for');
    if (forwarded !== undefined) {
      const last = forwarded.split(',').at(-1)!.trim();
      if (!isIP(last)) throw new HTTPException(400, { message: 'The X-Forwarded-For header does not end with an IP address.' });
      return last;
    }
  }
  const env = c.env as { incoming?: IncomingMessage } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? null;
}
