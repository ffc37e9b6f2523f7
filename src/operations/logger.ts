import { pino, type DestinationStream, type Logger } from 'pino';
import type { Config } from '../config.js';

// Structured logs: one JSON object a line on standard output, for whatever
// collects the service's output. Lines carry what happened (route patterns,
// statuses, durations, counts, ids), never personal data: no emails, names,
// titles or free text, and no request paths (a pattern says which route).

export type { Logger };

export function createLogger(config: Pick<Config, 'LOG_LEVEL'>, destination?: DestinationStream): Logger {
  return pino({
    level: config.LOG_LEVEL,
    base: { service: 'clinical-academic-plans', pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
  }, destination ?? pino.destination({ dest: 1, sync: true }));
}

/** For an error in a log line: its kind, code and stack, which name places in the code, not people. */
export const errorFields = (error: unknown) => (error instanceof Error
  ? { err: { type: error.name, code: (error as { code?: unknown }).code, message: error.message, stack: error.stack } }
  : { err: { message: String(error) } });

/** What code that only reports needs of a logger: the service's logger, or the command line's plain lines. */
export interface Notes {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
}
