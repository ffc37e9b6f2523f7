import { z } from 'zod';
import { choice, email, form, requiredText, SHORT_TEXT } from './fields.js';
import { organisationKinds, roles } from './options.js';

export const newOrganisationSchema = form({
  name: requiredText('the name of the organisation', SHORT_TEXT),
  kind: choice(organisationKinds, 'Select whether the organisation is an NHS trust or a university'),
});

export const newUserSchema = form({
  email: email('the email address'),
  name: requiredText('the full name', SHORT_TEXT),
  role: choice(roles, 'Select a role: clinician, manager, rdLead, supervisor or admin'),
  organisationId: requiredText('the organisation', SHORT_TEXT),
  password: z.string({ error: 'Enter a password' })
    .min(12, { error: 'The password must be 12 characters or more' })
    .max(200, { error: 'The password must be 200 characters or fewer' }),
});

export const newPlanSchema = form({
  title: requiredText('a title for the plan', SHORT_TEXT),
  // Chosen from a drop-down, so "Select", never "Enter" (NHS.UK error messages).
  managerId: z.string({ error: 'Select your line manager' }).trim().min(1, { error: 'Select your line manager' })
    .max(SHORT_TEXT, { error: 'Select your line manager from the list' }),
});

export type NewOrganisation = z.infer<typeof newOrganisationSchema>;
export type NewUser = z.infer<typeof newUserSchema>;
export type NewPlan = z.infer<typeof newPlanSchema>;

// ---- administration (issue 19) -----------------------------------------

const roleChoice = choice(roles, 'Select a role: clinician, manager, rdLead (R&D lead), supervisor or admin');

export const inviteSchema = form({
  name: requiredText('the full name', SHORT_TEXT),
  email: email('the email address'),
  role: roleChoice,
  organisationId: requiredText('the organisation', SHORT_TEXT),
});

export const roleChangeSchema = form({ role: roleChoice });

export const organisationFormSchema = newOrganisationSchema;

export type Invite = z.infer<typeof inviteSchema>;
