import type { Hono } from 'hono';
import { createApp } from '../../src/app.js';
import { createServices, type ServiceOptions } from '../../src/services.js';
import { connectionOptions, loadConfig } from '../../src/config.js';
import type { DialectName } from '../../src/db/connect.js';
import type { AppEnv, Services } from '../../src/http/context.js';
import type { User } from '../../src/accounts/accounts.repository.js';
import { TEST_AUDIT_KEY } from './audit-key.js';
import { fixedClock } from './clock.js';
import { openSqliteCopy, openTestDb, type TestDb } from './databases.js';
import { actorOf, createWorld, findWorld, PASSWORD, type World } from './world.js';

// The real application on a real database file, driven with app.request().

export const BASE = 'http://localhost';

export interface TestApp {
  app: Hono<AppEnv>;
  services: Services;
  world: World;
  t: TestDb;
  clock: ReturnType<typeof fixedClock>;
  /** Sign in through the sign-in form; returns a browser-like agent for that person. */
  signIn(user: User): Promise<Agent>;
  /** The four people of a plan, each signed in. */
  signInPlanPeople(): Promise<Record<PlanPerson, Agent>>;
  /** The plan's version now, as its clinician reads it. */
  versionOf(planId: string): Promise<number>;
  cleanup(): Promise<void>;
}

export type PlanPerson = 'clinician' | 'manager' | 'rdLead' | 'supervisor';

export interface Agent {
  user: User;
  cookie: string;
  csrfToken: string;
  get(path: string): Promise<Response>;
  /** POST a form as this person, with their CSRF token unless `_csrf` is given. */
  post(path: string, form: Record<string, string | string[]>): Promise<Response>;
  /** Call the JSON API with the session cookie and the X-CSRF-Token header. */
  api(method: string, path: string, body?: unknown): Promise<Response>;
}

export async function buildTestApp(kind: DialectName = 'sqlite', env: Record<string, string> = {}, options: ServiceOptions = {}): Promise<TestApp> {
  const settings = testSettings(env);
  const t = await openTestDb(kind, connectionOptions(loadConfig(settings)));
  return assemble(t, await createWorld(t.db), settings, options);
}

/**
 * The application on a copy of a database file kept as a fixture (such as the one made by version 1.0),
 * migrated as a server starting on it would migrate it; its people are the world's, found by email.
 */
export async function buildFixtureApp(file: string, env: Record<string, string> = {}): Promise<TestApp> {
  const settings = testSettings(env);
  const t = await openSqliteCopy(file, connectionOptions(loadConfig(settings)));
  return assemble(t, await findWorld(t.db), settings, {});
}

function testSettings(env: Record<string, string>) {
  // Request lines are left out of the test output; warnings and errors still show. Tests move the clock by
  // hand, by days at a time, so sign-ins do not end for idleness unless a test sets SESSION_IDLE_MINUTES itself.
  return { DEMO_SEED: 'off', LOG_LEVEL: 'warn', AUDIT_KEY: TEST_AUDIT_KEY, SESSION_IDLE_MINUTES: String(30 * 24 * 60), ...env };
}

async function assemble(t: TestDb, world: World, settings: Record<string, string>, options: ServiceOptions): Promise<TestApp> {
  const clock = fixedClock('2026-12-01T09:00:00.000Z');
  const config = loadConfig({ ...settings, DATABASE_URL: t.url });
  const services: Services = createServices(t.db, config, clock, options);
  const app = createApp(services);

  async function signIn(user: User): Promise<Agent> {
    const page = await app.request(`${BASE}/sign-in`);
    const visitor = /plans_visitor_csrf=([^;]+)/.exec(page.headers.get('set-cookie') ?? '')![1]!;
    const token = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1]!;
    const res = await app.request(`${BASE}/sign-in`, {
      method: 'POST', headers: { cookie: `plans_visitor_csrf=${visitor}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email: user.email, password: PASSWORD, _csrf: token, next: '/' }),
    });
    if (res.status !== 303) throw new Error(`sign-in failed for ${user.email}: ${res.status}`);
    const cookie = /plans_session=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')![1]!;
    const home = await app.request(`${BASE}/`, { headers: { cookie: `plans_session=${cookie}` } });
    const csrfToken = /name="_csrf" value="([^"]+)"/.exec(await home.text())![1]!;
    const headers = { cookie: `plans_session=${cookie}` };
    return {
      user, cookie, csrfToken,
      get: async (p) => app.request(`${BASE}${p}`, { headers }),
      post: async (p, form) => {
        const body = new URLSearchParams();
        if (!('_csrf' in form)) body.append('_csrf', csrfToken);
        for (const [k, v] of Object.entries(form)) for (const item of [v].flat()) body.append(k, item);
        return app.request(`${BASE}${p}`, { method: 'POST', headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' }, body });
      },
      api: async (method, p, body) => app.request(`${BASE}${p}`, {
        method,
        headers: { ...headers, 'x-csrf-token': csrfToken, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      }),
    };
  }

  async function signInPlanPeople(): Promise<Record<PlanPerson, Agent>> {
    const [clinician, manager, rdLead, supervisor] = await Promise.all([world.clinician, world.manager, world.rdLead, world.supervisor].map(signIn));
    return { clinician: clinician!, manager: manager!, rdLead: rdLead!, supervisor: supervisor! };
  }

  const versionOf = async (planId: string) => (await services.plans.load(planId, actorOf(world.clinician))).row.version;

  return { app, services, world, t, clock, signIn, signInPlanPeople, versionOf, cleanup: () => t.cleanup() };
}
