// A separate process that sends one event to a plan at an agreed moment, so
// tests can race real processes against one database. Prints the outcome as JSON.
import { connect } from '../../src/db/connect.js';
import { PlanService } from '../../src/plans/plan.service.js';

const { url, planId, actor, request, startAt } = JSON.parse(process.argv[2]!);
const db = connect(url);
const service = new PlanService(db);
await db.kysely.selectFrom('plans').select('id').where('id', '=', planId).execute(); // warm up before the start line
await new Promise((resolve) => setTimeout(resolve, Math.max(0, startAt - Date.now())));
try {
  const result = await service.send(planId, actor, request);
  console.log(JSON.stringify({ ok: true, version: result.row.version }));
} catch (error) {
  console.log(JSON.stringify({ ok: false, error: (error as Error).name, message: (error as Error).message }));
} finally {
  await db.destroy();
}
