import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createServices } from '../../src/services.js';
import { signInHttp } from '../../reliability/support/client.js';
import { startServer, type ServerProcess } from '../../reliability/support/server.js';
import { meetingRecorded } from '../documents/journey.js';
import { fixedClock } from '../support/clock.js';
import { openTestDb, type TestDb } from '../support/databases.js';
import { PROCESS_TEST_TIMEOUT, ROOT } from '../support/processes.js';
import { createWorld, PASSWORD, type World } from '../support/world.js';

// SIGTERM, as a platform sends it before replacing an instance: the server
// stops taking connections, finishes every download it has begun, stops its
// background work and the database, and exits 0. `npm start` passes the
// signal on to the server.

const DOWNLOADS = 40;

/** Log lines of the server's output whose message starts with `start`. */
const lines = (output: string, start: string) => output.split('\n').filter((l) => l.startsWith('{'))
  .map((l) => JSON.parse(l) as { msg: string; route?: string; inFlight?: number }).filter((l) => l.msg.startsWith(start));

/** A GET on its own connection: `sent` once the request is written (so connected), `answer` once the response is read. */
function download(url: string, cookie: string, agent: http.Agent) {
  let sent!: () => void;
  const written = new Promise<void>((resolve) => { sent = resolve; });
  const answer = new Promise<{ status: number; bytes: Buffer }>((resolve, reject) => {
    const req = http.get(url, { agent, headers: { cookie } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('finish', sent).on('error', reject);
  });
  // Awaited by the test; this only keeps a download cut short by a failed test from being reported twice.
  answer.catch(() => undefined);
  return { written, answer };
}

/** A GET on a connection of its own, never one kept alive from before. */
function freshGet(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http.get(url, { agent: false }, (res) => { res.resume(); resolve(res.statusCode ?? 0); }).on('error', reject);
  });
}

/** A form POST whose body is sent in two parts: the first half now, the rest on `finish()`. */
function slowPost(url: string, cookie: string, body: string) {
  const req = http.request(url, {
    method: 'POST', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) },
  });
  const status = new Promise<number>((resolve, reject) => {
    req.on('response', (res) => { res.resume(); res.on('end', () => resolve(res.statusCode ?? 0)); }).on('error', reject);
  });
  const half = Math.floor(body.length / 2);
  req.write(body.slice(0, half));
  return { status, finish: () => req.end(body.slice(half)) };
}

async function until<T>(what: string, check: () => Promise<T | undefined> | T | undefined, ms = 60_000): Promise<T> {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 25))) {
    const value = await check();
    if (value !== undefined) return value;
  }
  throw new Error(`waited ${ms} ms for ${what}`);
}

describe('graceful shutdown', () => {
  let t: TestDb;
  let world: World;
  const pdfs: string[] = [];
  let server: ServerProcess | null = null;

  beforeAll(async () => {
    t = await openTestDb('sqlite');
    world = await createWorld(t.db);
    const services = createServices(t.db, loadConfig({ DATABASE_URL: t.url, DEMO_SEED: 'off', LOG_LEVEL: 'warn' }), fixedClock('2026-12-01T09:00:00.000Z'));
    // Forty documents never downloaded before: each is rendered on its first download, about 0.1 s of CPU each.
    while (pdfs.length < DOWNLOADS) {
      const plan = await meetingRecorded(services.plans, world);
      const documents = await t.db.kysely.selectFrom('documents').select('id').where('plan_id', '=', plan.id).execute();
      pdfs.push(...documents.map((d) => `/plans/${plan.id}/documents/${d.id}.pdf`));
    }
    pdfs.length = DOWNLOADS;
  }, PROCESS_TEST_TIMEOUT);
  afterAll(async () => {
    await server?.kill('SIGKILL');
    await t.cleanup();
  });

  it(`finishes a form still arriving and ${DOWNLOADS} PDF downloads when SIGTERM comes, refuses new connections meanwhile, then exits 0`, async () => {
    // At debug level the server logs each request as it starts.
    server = await startServer(t.url, { LOG_LEVEL: 'debug', SHUTDOWN_TIMEOUT_SECONDS: '120' });
    const { base } = server;
    const session = await signInHttp(base, world.manager.email, PASSWORD);
    const planId = pdfs[0]!.split('/')[2]!;
    const { version } = (await t.db.kysely.selectFrom('plans').select('version').where('id', '=', planId).executeTakeFirstOrThrow());
    const isRoute = (route: string) => (l: { route?: string }) => l.route === route;
    const begun = (route: string) => lines(server!.output(), 'request started').filter(isRoute(route)).length;

    // A comment whose form is still on its way: half of it now, the rest after the signal.
    const form = new URLSearchParams({ _csrf: session.csrfToken, version: String(version), text: 'Sent just as the service restarted.' }).toString();
    const comment = slowPost(`${base}/plans/${planId}/events/COMMENT`, session.cookie, form);
    await until('the comment to begin', () => (begun('/plans/:id/events/:type') === 1 ? true : undefined));
    // A connection each, all at once, as forty people's browsers would.
    const agent = new http.Agent({ maxSockets: DOWNLOADS });
    const downloads = pdfs.map((p) => download(`${base}${p}`, session.cookie, agent));
    await Promise.all(downloads.map((d) => d.written));

    const exited = new Promise<number | null>((resolve) => server!.child.once('exit', (code) => resolve(code)));
    process.kill(server.pid, 'SIGTERM');
    const stopping = await until('the server to begin stopping', () => lines(server!.output(), 'SIGTERM: stopping')[0]);
    expect(stopping.inFlight, 'the comment was in progress when the signal came').toBeGreaterThanOrEqual(1);
    await until('the server to stop listening', () => lines(server!.output(), 'No longer accepting connections')[0]);
    // (A request on a connection already open would still be answered: that is what draining means.)
    await expect(freshGet(`${base}/healthz`), 'a new connection is refused').rejects.toThrow(/ECONNREFUSED/);

    comment.finish();
    expect(await comment.status).toBe(303);
    const answers = await Promise.all(downloads.map((d) => d.answer));
    expect(answers.map((a) => a.status)).toEqual(pdfs.map(() => 200));
    for (const { bytes } of answers) {
      expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(bytes.subarray(-8).toString('latin1').trimEnd()).toMatch(/%%EOF$/);
    }
    expect(await exited).toBe(0);
    expect(lines(server.output(), 'SIGTERM: stopped')).toHaveLength(1);
    server = null;
    const last = await t.db.kysely.selectFrom('plan_events').select(['type', 'payload']).where('plan_id', '=', planId).orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect([last.type, JSON.parse(last.payload).text]).toEqual(['COMMENT', 'Sent just as the service restarted.']);
  }, PROCESS_TEST_TIMEOUT);

  it('npm start passes SIGTERM on to the server, which stops gracefully', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plans-npm-start-'));
    const npm = spawn('npm', ['start'], {
      cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DEMO_SEED: 'off', DATABASE_URL: `sqlite:${path.join(dir, 'app.db')}`, LOG_LEVEL: 'info' },
    });
    let output = '';
    npm.stdout!.on('data', (d) => { output += d; });
    npm.stderr!.on('data', (d) => { output += d; });
    const exited = new Promise<number | null>((resolve) => npm.once('exit', (code) => resolve(code)));
    try {
      // It may compile dist/ first (scripts/launch.mjs), which takes a while on a busy machine.
      const port = await until('the server to listen', () => /\(port (\d+),/.exec(output)?.[1], PROCESS_TEST_TIMEOUT - 30_000);
      expect(await freshGet(`http://127.0.0.1:${port}/healthz`)).toBe(200);
      process.kill(npm.pid!, 'SIGTERM');
      await exited;
      expect(lines(output, 'SIGTERM: stopped'), output).toHaveLength(1);
      await expect(freshGet(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow(/ECONNREFUSED/);
    } finally {
      if (npm.exitCode === null) npm.kill('SIGKILL');
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, PROCESS_TEST_TIMEOUT);
});
