import type { Kysely } from 'kysely';
import type { Actor } from '../../workflows/plan.types.js';
import type { Database } from '../db/database.js';
import { documentsAwaiting } from './plan-documents.js';

// After someone authorises a document, the page offers the next one waiting
// for their signature: first on the same plan (the meeting record after the
// letter of support), then on their other plans, oldest first.

export interface NextSignature {
  href: string;
  /** "supervisor meeting record" */
  name: string;
  number: number;
  /** The plan's title when the next document belongs to another plan. */
  otherPlan: string | null;
}

export async function nextSignature(db: Kysely<Database>, actor: Actor, planId: string): Promise<NextSignature | null> {
  const waiting = await documentsAwaiting(db, actor);
  const next = waiting.find((w) => w.planId === planId) ?? waiting[0];
  return next ? { href: next.href, name: next.title, number: next.number, otherPlan: next.planId === planId ? null : next.planTitle } : null;
}
