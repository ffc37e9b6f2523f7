import type { AccountStatus } from '../accounts/accounts.repository.js';
import type { AdminLogEntry } from '../accounts/admin-log.repository.js';
import type { PlanOfPerson } from '../accounts/admin-queries.js';
import { organisationKinds, roles, type OrganisationKind, type Role } from '../domain/options.js';
import { formatDateTime } from '../presenters/format.js';
import { stateLabels } from '../../workflows/plan.labels.js';

// How the admin console shows accounts, plans and the log to a person.

export const roleText = (role: string) => {
  const label: string = roles[role as Role] ?? role;
  return label.charAt(0).toUpperCase() + label.slice(1);
};
export const kindText = (kind: string) => organisationKinds[kind as OrganisationKind] ?? kind;

const statuses: Record<AccountStatus, { text: string; colour: string }> = {
  active: { text: 'Active', colour: 'green' },
  invited: { text: 'Invited', colour: 'blue' },
  deactivated: { text: 'Deactivated', colour: 'grey' },
};
export const statusTag = (status: AccountStatus) => statuses[status];

const roleHints: Record<Role, string> = {
  clinician: 'Wants research training alongside clinical work, and starts their own plans',
  manager: 'A line manager: agrees plans in principle and negotiates the time and backfill',
  rdLead: "Signs off plans for R&D and sees every plan of the trust",
  supervisor: 'An academic supervisor, usually at a university',
  admin: 'Manages accounts and organisations, as you do',
};

export const roleItems = () => (Object.keys(roles) as Role[]).map((value) => ({ value, text: roleText(value), hint: roleHints[value] }));

export const kindItems = () => Object.entries(organisationKinds).map(([value, text]) => ({ value, text }));

const parts: Record<PlanOfPerson['part'], string> = { clinician: 'Clinician', manager: 'Line manager', supervisor: 'Academic supervisor' };

export const presentPlanOfPerson = (plan: PlanOfPerson) => ({
  href: `/plans/${plan.id}`, title: plan.title, part: parts[plan.part],
  status: stateLabels[plan.state]?.status ?? plan.state, waiting: plan.waitingOnThem,
});

const actions: Record<string, string> = {
  'organisation.created': 'Added the organisation',
  'organisation.changed': 'Changed the organisation',
  'user.invited': 'Invited',
  'user.invitation-resent': 'Sent a new invitation to',
  'user.role-changed': 'Changed the role of',
  'user.deactivated': 'Deactivated',
  'user.reactivated': 'Reactivated',
  'invitation.accepted': 'Accepted the invitation and set up the account',
  'password.changed': 'Changed their password',
  'password.reset-requested': 'A password reset link was sent to',
  'password.reset': 'Reset their password with an emailed link',
};

/** "role: manager; name: Sam Patel": a before or after, as words. */
function describe(json: string | null): string {
  if (!json) return '';
  const value = JSON.parse(json) as Record<string, unknown>;
  return Object.entries(value).map(([key, v]) => {
    const text = key === 'role' ? roleText(String(v)) : key === 'kind' ? kindText(String(v)) : String(v);
    return `${key}: ${text}`;
  }).join('; ');
}

/** One line of the log; a person acting on their own account reads "Sam Patel: changed their password". */
export function presentLogEntry(entry: AdminLogEntry) {
  const self = entry.actor_id !== null && entry.actor_id === entry.subject_id;
  const action = actions[entry.action] ?? entry.action;
  return {
    at: formatDateTime(entry.at),
    who: entry.actor_name ?? 'Someone on the forgotten password page',
    what: self ? action : `${action} ${entry.subject_name ?? ''}`.trim(),
    href: entry.subject_kind === 'user' ? `/admin/users/${entry.subject_id}` : `/admin/organisations/${entry.subject_id}`,
    before: describe(entry.before),
    after: describe(entry.after),
  };
}
