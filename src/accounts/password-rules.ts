import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../paths.js';

// What makes a password acceptable, after the NCSC's guidance: length rather
// than complexity rules, a check against passwords people commonly use (a list
// kept as data beside this file), and no forced expiry. Nothing else is asked:
// no mix of symbols, digits or capitals.

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 200;

export const PASSWORD_HINT = `Use ${MIN_PASSWORD_LENGTH} characters or more. Three random words together make a strong password that is easy to remember, for example "copper lantern meadow".`;

// Read from the project's folder, so the compiled server (dist/) finds it too.
const LIST = path.join(ROOT, 'src', 'accounts', 'data', 'common-passwords.txt');
let common: Set<string> | undefined;

/** The list, read once on first use. */
function commonPasswords(): Set<string> {
  common ??= new Set(fs.readFileSync(LIST, 'utf8').split('\n').filter((line) => line && !line.startsWith('#')));
  return common;
}

/** The password without the digits and symbols people add before or after a word ("Dragon123!" → "dragon"). */
const core = (password: string) => password.toLowerCase().replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');

/** Is it, or is it made from, a commonly used password? */
export function isCommonPassword(password: string): boolean {
  const list = commonPasswords();
  const lower = password.toLowerCase();
  const stripped = core(password);
  return list.has(lower) || list.has(lower.replace(/\s+/g, '')) || (stripped.length > 0 && list.has(stripped));
}

/** Why this password will not do, or null when it is acceptable. `email` is the account's own address. */
export function passwordProblem(password: string, email: string): string | null {
  if (!password) return 'Enter a password';
  if (password.length < MIN_PASSWORD_LENGTH) return `Your password must be ${MIN_PASSWORD_LENGTH} characters or more`;
  if (password.length > MAX_PASSWORD_LENGTH) return `Your password must be ${MAX_PASSWORD_LENGTH} characters or fewer`;
  if (/^(.)\1*$/su.test(password)) return 'Your password must not be one character repeated';
  const lower = password.toLowerCase();
  if (lower === email.toLowerCase() || lower === email.toLowerCase().split('@')[0]) return 'Your password must not be your email address';
  if (isCommonPassword(password)) return 'This password is one that many people use, so it is easy to guess. Choose a different one';
  return null;
}
