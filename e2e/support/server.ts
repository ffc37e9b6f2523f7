import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { serve } from '@hono/node-server';
import { createApp } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config.js';
import { connect, type Db } from '../../src/db/connect.js';
import { migrate } from '../../src/db/migrate.js';
import { createLogger } from '../../src/operations/logger.js';
import { createServices } from '../../src/services.js';
import { createPeople, type People } from './people.js';

// The real application, in this process, on a fresh SQLite file and a free
// port of 127.0.0.1. The clock is the real one: dates typed in forms that must
// be in the future are next year's.

export interface E2eServer {
  base: string;
  db: Db;
  config: Config;
  people: People;
  close(): Promise<void>;
}

/** `env` adds settings, such as SMTP_URL for a test that reads the emails. */
export async function startServer(env: Record<string, string> = {}): Promise<E2eServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plans-e2e-'));
  const url = `sqlite:${path.join(dir, 'e2e.db')}`;
  const db = connect(url);
  await migrate(db);
  const people = await createPeople(db);

  const clock = () => new Date();
  const config = loadConfig({ DATABASE_URL: url, DEMO_SEED: 'off', ...env });
  // The services the real server assembles (documents, notifications, audit, costing, …), not a bare plan service.
  const app = createApp(createServices(db, config, clock, { logger: createLogger({ LOG_LEVEL: 'warn' }) }));

  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', () => resolve());
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;

  return {
    base: `http://127.0.0.1:${port}`,
    db,
    config,
    people,
    close: async () => {
      // Browsers keep connections alive; drop them so close() returns at once.
      if ('closeAllConnections' in server) server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
