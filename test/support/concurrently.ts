/**
 * Run `work` on every item, at most `limit` at a time, and fail with the first error (no item starts after it).
 * For tests that drive many independent plans: on PostgreSQL each transition mostly waits on round trips,
 * so several plans at once keep the server busy; on SQLite a limit of 1 keeps the order.
 */
export async function eachConcurrently<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < items.length) {
      const item = items[next++]!;
      try {
        await work(item);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}

/** How many plans a test may drive at once on this database: one connection on SQLite, a pool on PostgreSQL. */
export const plansAtOnce = (dialect: 'sqlite' | 'postgres') => (dialect === 'postgres' ? 8 : 1);
