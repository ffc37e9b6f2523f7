import type { Kysely } from 'kysely';
import type { User } from '../accounts/accounts.repository.js';
import type { Database } from '../db/database.js';
import { param, runPrepared } from '../db/prepared.js';

// Awards of the trust still being set up (`awarded.settingUp`): how many of
// their conditions are still to confirm, and by whom. For R&D leads and
// administrators, from the plan's own columns (kept with every change), over
// the (organisation_id, top_state) index.

export const SETTING_UP = 'awarded.settingUp';

export interface AwardSettingUp {
  id: string; title: string; clinician_id: string; clinician_name: string; manager_id: string; manager_name: string;
  waiting_since: string | null; conditions_for_clinician: number; conditions_for_manager: number; conditions_for_rd: number;
}

export async function awardsSettingUp(db: Kysely<Database>, user: User, limit = 20): Promise<AwardSettingUp[]> {
  if (user.role !== 'rdLead' && user.role !== 'admin') return [];
  const { rows } = await runPrepared<AwardSettingUp>(db, 'awardsSettingUp', () => db.selectFrom('plans')
    .innerJoin('users as clinician', 'clinician.id', 'plans.clinician_id')
    .innerJoin('users as manager', 'manager.id', 'plans.manager_id')
    .select(['plans.id', 'plans.title', 'plans.clinician_id', 'clinician.name as clinician_name', 'plans.manager_id', 'manager.name as manager_name',
      'plans.waiting_since', 'plans.conditions_for_clinician', 'plans.conditions_for_manager', 'plans.conditions_for_rd'])
    .where('plans.organisation_id', '=', param('organisationId')).where('plans.top_state', '=', 'awarded').where('plans.state', '=', SETTING_UP)
    .orderBy('plans.waiting_since').orderBy('plans.id').limit(param<number>('limit')), { organisationId: user.organisationId, limit });
  return rows;
}
