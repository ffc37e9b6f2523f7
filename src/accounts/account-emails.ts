import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { roles, type Role } from '../domain/options.js';
import { queueNotification } from '../notifications/outbox.js';
import { formatDateTime } from '../presenters/format.js';
import { validityMs } from './tokens.repository.js';

// The two emails an account gets outside any plan: an invitation and a
// password reset. Both go through the outbox like every other email, to the
// address only (never an in-app notification: the link is for that inbox).

export const invitationPath = (token: string) => `/invitations/${token}`;
export const resetPath = (token: string) => `/reset-password/${token}`;

export interface InvitationEmail {
  to: { email: string; name: string };
  role: Role;
  organisation: string;
  invitedBy: string;
  token: string;
  /** The single sign-on button's words ("Sign in with NHSmail"), when it is set up. */
  ssoLabel?: string | undefined;
  at: Date;
}

export async function queueInvitation(trx: Kysely<Database>, mail: InvitationEmail): Promise<void> {
  const expires = formatDateTime(new Date(mail.at.getTime() + validityMs.invitation).toISOString());
  const how = mail.ssoLabel
    ? `Follow the link to choose a password, or to use "${mail.ssoLabel}" instead.`
    : 'Follow the link to choose your password.';
  await queueNotification(trx, {
    planId: null, to: mail.to, kind: 'invitation', at: mail.at.toISOString(), path: invitationPath(mail.token),
    subject: 'Your account for Clinical academic plans',
    body: [
      `${mail.invitedBy} has made you an account for Clinical academic plans at ${mail.organisation}, as ${article(roles[mail.role])}.`,
      'The service is where a clinician, their line manager, R&D and an academic supervisor agree a plan for research training alongside clinical work.',
      `${how} The link works once, until ${expires}. If it has run out, ask ${mail.invitedBy} to send a new one.`,
    ].join('\n\n'),
  });
}

export async function queueReset(trx: Kysely<Database>, to: { email: string; name: string }, token: string, at: Date): Promise<void> {
  await queueNotification(trx, {
    planId: null, to, kind: 'password-reset', at: at.toISOString(), path: resetPath(token),
    subject: 'Choose a new password for Clinical academic plans',
    body: [
      'Someone, probably you, asked to reset the password for this email address.',
      'Follow the link to choose a new one. It works once, within the next 60 minutes, and signs you out everywhere else.',
      'If you did not ask for this, you can ignore this email: your password has not changed.',
    ].join('\n\n'),
  });
}

const article = (role: string) => `${/^[aeiou]/i.test(role) ? 'an' : 'a'} ${role}`;
