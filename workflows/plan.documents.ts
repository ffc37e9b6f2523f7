import type { DocumentKind } from '../src/domain/options.js';
import type { PlanContext, Signatory } from './plan.types.js';

// Who signs each document, and the statement they confirm. The agreement is
// signed by the clinician, the manager and the R&D lead who signed it off; the
// meeting record by the attendees who have accounts; the employer's letter of
// support by the manager and that R&D lead; the supervisor's letter for the
// university by the supervisor.

export function signatoriesFor(kind: DocumentKind, context: PlanContext): Signatory[] {
  const clinician: Signatory = { role: 'clinician', userId: context.clinicianId };
  const manager: Signatory = { role: 'manager', userId: context.managerId };
  const rdLead: Signatory[] = context.signOff?.by.role === 'rdLead' ? [{ role: 'rdLead', userId: context.signOff.by.userId }] : [];
  switch (kind) {
    case 'training-agreement': return [clinician, manager, ...rdLead];
    case 'meeting-record': return [clinician, manager, ...(context.supervisorId ? [{ role: 'supervisor' as const, userId: context.supervisorId }] : [])];
    case 'letter-of-support': return [manager, ...rdLead];
    case 'supervisor-letter': return context.supervisorId ? [{ role: 'supervisor', userId: context.supervisorId }] : [];
  }
}

export const authorisationStatements: Record<DocumentKind, string> = {
  'training-agreement': 'I have read this training agreement and I agree to it on behalf of myself or my organisation.',
  'meeting-record': 'I have read this record and it is a fair account of what was agreed at the meeting.',
  'letter-of-support': 'I have read this letter and I confirm the organisation supports the application as it describes.',
  'supervisor-letter': 'I have read this letter and I confirm I will supervise the research as it describes.',
};
