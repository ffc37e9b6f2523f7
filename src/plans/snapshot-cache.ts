import { restoreSnapshot, type PlanSnapshot } from '../../workflows/plan.status.js';
import type { PlanRow } from './plan.repository.js';

// Restoring a snapshot from JSON is a large share of a transition's work. A
// plan's snapshot at a given version never changes (every write bumps the
// version, and only one writer wins each version), so the snapshot restored
// or computed for (plan, version) can be reused until the plan moves on.

const LIMIT = 2000;

export class SnapshotCache {
  private readonly entries = new Map<string, { version: number; snapshot: PlanSnapshot }>();

  restore(row: Pick<PlanRow, 'id' | 'version' | 'snapshot'>): PlanSnapshot {
    const hit = this.entries.get(row.id);
    if (hit && hit.version === row.version) return hit.snapshot;
    const snapshot = restoreSnapshot(JSON.parse(row.snapshot));
    this.remember(row, snapshot);
    return snapshot;
  }

  /** Call only with a snapshot that is committed at this version. */
  remember(row: Pick<PlanRow, 'id' | 'version'>, snapshot: PlanSnapshot): void {
    this.entries.delete(row.id);
    if (this.entries.size >= LIMIT) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(row.id, { version: row.version, snapshot });
  }
}
