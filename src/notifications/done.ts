import { param, runPrepared } from '../db/prepared.js';
import type { TransitionChange } from '../plans/plan.service.js';
import type { Role } from '../domain/options.js';
import { isStillAsked, signaturesOwed, topics, type PlanNow } from './tasks.js';

// After every change of a plan, in its transaction: each notification on it
// that asked its reader something the plan no longer asks of them is marked
// done, whoever made it so (the reader acting, someone else acting, the plan
// withdrawn, the reader handed off the plan). A copy sent to a colleague in
// cover is done when the person it was asked of no longer has it to do.

export async function markDone(change: TransitionChange): Promise<number> {
  const { trx, planId, event, after } = change;
  // On every transition: built once (src/db/prepared.ts).
  const { rows: open } = await runPrepared(trx, 'notifications:open-asks', () => trx.selectFrom('notifications as n')
    .innerJoin('users as u', (join) => join.on((eb) => eb('u.id', '=', eb.fn.coalesce('n.for_user_id', 'n.user_id'))))
    .select(['n.id', 'n.topic', 'u.id as person_id', 'u.role', 'u.organisation_id'])
    .where('n.plan_id', '=', param('planId')).where('n.topic', 'is not', null).where('n.topic', '!=', topics.meeting)
    .where('n.done_at', 'is', null).where('n.superseded_by', 'is', null), { planId });
  if (!open.length) return 0;
  const now: PlanNow = {
    snapshot: after,
    owed: open.some((r) => /^(sign|follow-up-sign):/.test(r.topic!)) ? await signaturesOwed(trx, planId) : [],
  };
  // Several rows often ask one person the same (a request and its reminder): ask the machine once for each.
  const answers = new Map<string, boolean>();
  const stillAsked = (row: (typeof open)[number]) => {
    const key = `${row.topic}\u0000${row.person_id}\u0000${row.role}`;
    let answer = answers.get(key);
    if (answer === undefined) {
      answer = isStillAsked(row.topic!, now, { userId: row.person_id, role: row.role as Role, organisationId: row.organisation_id });
      answers.set(key, answer);
    }
    return answer;
  };
  const done = open.filter((row) => !stillAsked(row)).map((row) => row.id);
  if (done.length) await trx.updateTable('notifications').set({ done_at: event.at }).where('id', 'in', done).execute();
  return done.length;
}
