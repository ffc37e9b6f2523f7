import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeEmail } from '../../src/notifications/email.js';
import { runReminders } from '../../src/notifications/scheduler.js';
import { signEverything } from '../support/sign.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { databaseKinds } from '../support/databases.js';
import { act, outbox, planSignedOff, planWaitingOnManager, planWaitingOnRd, type PlanRef } from './helpers.js';

// Everyone concerned is told: comments to the people they name (or else to
// everyone else on the plan), R&D's return to the clinician and the manager,
// the award's conditions to each owner with a due date and a reminder when
// overdue. Each email says what is asked, by when, and where the plan stands.

describe.each(databaseKinds)('news for everyone concerned on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => { t = await buildTestApp(kind); });
  afterAll(() => t.cleanup());

  const told = async (plan: PlanRef, step: () => Promise<unknown>) => {
    const before = (await outbox(t.services, plan.id)).length;
    await step();
    return (await outbox(t.services, plan.id)).slice(before);
  };

  it('tells only the people a comment names, or else everyone else on the plan', async () => {
    const plan = await planWaitingOnRd(t.services, t.world);
    const named = await told(plan, () => act(t.services, plan, t.world.clinician, 'COMMENT', { text: 'Priya Shah, could you check the costs?' }));
    expect(named.map((r) => [r.kind, r.recipient_name, r.subject]))
      .toEqual([['comment', 'Priya Shah', 'Alex Morgan (clinician) mentioned you in a comment on “Early mobilisation after hip fracture”']]);
    expect(named[0]!.path).toBe(`/plans/${plan.id}#comments`);
    const everyone = await told(plan, () => act(t.services, plan, t.world.manager, 'COMMENT', { text: 'Thanks, looks good.' }));
    expect(everyone.map((r) => r.recipient_name)).toEqual(['Alex Morgan', 'Priya Shah']);
  });

  it('asks the clinician and the manager to revise when R&D returns the plan', async () => {
    const plan = await planWaitingOnRd(t.services, t.world);
    const rows = await told(plan, () => act(t.services, plan, t.world.rdLead, 'RETURN_FOR_CHANGES', { comment: 'The backfill costs are missing.' }));
    expect(rows.map((r) => [r.kind, r.recipient_name, r.asked])).toEqual([
      ['returned-for-changes', 'Alex Morgan', 'propose the terms: start date, time split and backfill'],
      ['returned-for-changes', 'Sam Patel', 'agree revised terms with Alex Morgan, so the plan can go back to R&D'],
    ]);
    for (const row of rows) expect(row.body).toContain('The backfill costs are missing.');
  });

  it('asks each owner of a condition of the award to confirm theirs by a due date, and reminds those still open when overdue', async () => {
    const plan = await planSignedOff(t.services, t.world);
    await act(t.services, plan, t.world.clinician, 'SCHEDULE_MEETING');
    await act(t.services, plan, t.world.supervisor, 'RECORD_MEETING');
    await signEverything(t.services, plan.id, t.world);
    await act(t.services, plan, t.world.clinician, 'SUBMIT_APPLICATION');
    const rows = await told(plan, () => act(t.services, plan, t.world.rdLead, 'RECORD_OUTCOME'));
    const asks = rows.filter((r) => r.topic === 'conditions');
    expect(asks.map((r) => r.recipient_name).sort()).toEqual(['Alex Morgan', 'Priya Shah', 'Sam Patel']);
    const toManager = asks.find((r) => r.user_id === t.world.manager.id)!;
    expect(toManager.asked).toBe('confirm these 2 conditions of the award: the backfill is in place; the start date is confirmed');
    expect(toManager.due_at).not.toBeNull();
    // The supervisor has no condition to confirm, but hears of the award.
    expect(rows.find((r) => r.user_id === t.world.supervisor.id)).toMatchObject({ kind: 'outcome', asked: null });

    await act(t.services, plan, t.world.manager, 'CONFIRM_CONDITION', { condition: 'backfill-in-place' });
    await act(t.services, plan, t.world.manager, 'CONFIRM_CONDITION', { condition: 'start-date-confirmed' });
    expect((await outbox(t.services, plan.id)).find((r) => r.id === toManager.id)!.done_at).not.toBeNull();
    t.clock.set(toManager.due_at!);
    const reminders = await told(plan, () => runReminders(t.services));
    expect(reminders.map((r) => [r.kind, r.recipient_name, r.topic]).sort()).toEqual([
      ['reminder', 'Alex Morgan', 'conditions'], ['reminder', 'Priya Shah', 'conditions'],
    ]);
  });

  it('writes each email with what is asked, by when, the plan in two lines and the link, as text and escaped HTML', async () => {
    t.clock.set('2026-12-01T09:00:00.000Z');
    const plan = await planWaitingOnManager(t.services, t.world, 'Falls <b>after</b> hip fracture');
    const [row] = await outbox(t.services, plan.id);
    const { text, html } = composeEmail(row!, 'https://plans.example');
    expect(text).toContain('Dear Sam Patel,');
    expect(text).toContain('Alex Morgan (clinician) has sent you the research idea “Falls <b>after</b> hip fracture”.');
    expect(text).toContain('What you need to do: agree in principle, ask for changes or decline.\nPlease do this by Tuesday 15 December 2026.');
    expect(text).toContain('The plan:\n“Falls <b>after</b> hip fracture”, Alex Morgan\'s plan\nWhere it stands: Manager agreement, waiting for you since 1 December 2026.');
    expect(text).toContain(`Open the plan: https://plans.example/plans/${plan.id}`);
    expect(text).not.toContain('passed the plan');
    expect(html).toContain('Falls &lt;b&gt;after&lt;/b&gt; hip fracture');
    expect(html).not.toContain('<b>after</b>');
    expect(html).toContain('<h2>What you need to do</h2>');
    expect(html).toContain('Please do this by Tuesday 15 December 2026.');
    expect(html).toContain(`<a href="https://plans.example/plans/${plan.id}">Open the plan</a>`);
    expect(html).not.toMatch(/<img|src=/i);
  });
});
