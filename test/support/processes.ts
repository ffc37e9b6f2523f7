import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * The timeout of a test that starts a process: generous, so that a busy machine (two test runs on two
 * cores) makes it slow, never wrong. Starting a TypeScript process alone can take seconds there.
 */
export const PROCESS_TEST_TIMEOUT = 180_000;

/** Run a TypeScript entry point of this project in its own Node process. */
export function runTs(file: string, args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', path.join(ROOT, file), ...args],
      { cwd: ROOT, env: { ...process.env, ...env }, timeout: 120_000 },
      (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }));
  });
}
