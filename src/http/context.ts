import type { User } from '../accounts/accounts.repository.js';
import type { Config } from '../config.js';
import type { Db } from '../db/connect.js';
import type { Logger } from '../operations/logger.js';
import type { Metrics } from '../operations/metrics.js';
import type { PlanService, Clock } from '../plans/plan.service.js';
import type { Views } from './view.js';
import type { Actor } from '../../workflows/plan.types.js';
import type { ApiTokenGrant } from '../tokens/token-scopes.js';

/** What every route can reach: built once by the server, passed to createApp. */
export interface Services {
  db: Db;
  plans: PlanService;
  views: Views;
  config: Config;
  clock: Clock;
  /** Structured logs (src/operations/logger.ts): no personal data. */
  logger: Logger;
  /** Prometheus metrics, or null unless METRICS=on. */
  metrics: Metrics | null;
}

export interface AppEnv {
  Variables: {
    services: Services;
    user: User | null;
    csrfToken: string;
    /** The cookie value of the current session, to end it on sign-out. */
    sessionCookie: string | null;
    flash: string | null;
    /** Set when the request came with an API token (src/tokens/bearer.middleware.ts) instead of a session. */
    apiToken: ApiTokenGrant | undefined;
    /** X-Request-Id: the caller's when it is well formed, else one made here; in every log line of the request. */
    requestId: string;
  };
}

export const actorOf = (user: User): Actor => ({ userId: user.id, role: user.role, organisationId: user.organisationId });
