import type { Services } from '../http/context.js';

/** The scheduler and the email sender that run inside the server process. */
export function startBackground(_services: Services): { stop(): Promise<void> } {
  return { stop: async () => undefined };
}
