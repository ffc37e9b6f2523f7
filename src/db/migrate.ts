import { type Migration, Migrator } from 'kysely';
import type { Db } from './connect.js';
import * as core from './migrations/2026_11_21_0001_core.js';
import * as sessions from './migrations/2026_11_21_0002_sessions.js';
import * as documents from './migrations/2026_11_21_0003_documents.js';
import * as notifications from './migrations/2026_11_21_0004_notifications.js';
import * as signatureTimers from './migrations/2026_11_21_0005_signature_timers.js';
import * as listingIndexes from './migrations/2026_11_21_0006_listing_indexes.js';
import * as agenda from './migrations/2026_12_05_1501_agenda.js';
import * as awardAndCover from './migrations/2026_12_05_1601_award_and_cover.js';
import * as accounts from './migrations/2026_12_05_1901_accounts.js';
import * as leadTimes from './migrations/2026_12_05_1801_lead_times.js';
import * as reportSummaries from './migrations/2026_12_05_2001_report_summaries.js';
import * as apiTokens from './migrations/2026_12_05_2002_api_tokens.js';
import * as webhooks from './migrations/2026_12_05_2003_webhooks.js';
import * as sessionIdle from './migrations/2026_12_05_1401_session_idle.js';
import * as auditSignatures from './migrations/2026_12_05_1402_audit_signatures.js';
import * as documentPdfs from './migrations/2026_12_05_1403_document_pdfs.js';
import * as notificationTopics from './migrations/2026_12_05_2201_notification_topics.js';

// Listed in code rather than read from a folder, so migrations run the same
// under tsx, vitest and any bundler.
const migrations: Record<string, Migration> = {
  '2026_11_21_0001_core': core,
  '2026_11_21_0002_sessions': sessions,
  '2026_11_21_0003_documents': documents,
  '2026_11_21_0004_notifications': notifications,
  '2026_11_21_0005_signature_timers': signatureTimers,
  '2026_11_21_0006_listing_indexes': listingIndexes,
  '2026_12_05_1501_agenda': agenda,
  '2026_12_05_1601_award_and_cover': awardAndCover,
  '2026_12_05_1901_accounts': accounts,
  '2026_12_05_1801_lead_times': leadTimes,
  '2026_12_05_2001_report_summaries': reportSummaries,
  '2026_12_05_2002_api_tokens': apiTokens,
  '2026_12_05_2003_webhooks': webhooks,
  '2026_12_05_1401_session_idle': sessionIdle,
  '2026_12_05_1402_audit_signatures': auditSignatures,
  '2026_12_05_1403_document_pdfs': documentPdfs,
  '2026_12_05_2201_notification_topics': notificationTopics,
};

export async function migrate(db: Db): Promise<string[]> {
  // Features are built side by side, each with its own migrations: a database
  // that already ran a later-named one must still take an earlier-named newcomer.
  const migrator = new Migrator({ db: db.kysely, provider: { getMigrations: async () => migrations }, allowUnorderedMigrations: true });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Migrations this code knows that the database has not run yet: /readyz is not ready while any is pending. */
export async function pendingMigrations(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db: db.kysely, provider: { getMigrations: async () => migrations }, allowUnorderedMigrations: true });
  return (await migrator.getMigrations()).filter((m) => !m.executedAt).map((m) => m.name);
}
