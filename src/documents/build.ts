import type { PlanContext } from '../../workflows/plan.types.js';
import { signatoriesFor } from '../../workflows/plan.documents.js';
import { documentKinds, type DocumentKind } from '../domain/options.js';
import { commitmentsFor } from './commitments.js';
import type { DocumentContent } from './content.js';
import { agreementContent } from './content.agreement.js';
import { letterContent } from './content.letter.js';
import { meetingContent } from './content.meeting.js';
import { supervisorLetterContent } from './content.supervisor-letter.js';
import type { DocumentPeople } from './people.js';
import { kindReference } from './reference.js';
import { makeSource } from './source.js';

// From a plan snapshot and the people it names to the content of a document.
// Pure: the same snapshot, names and plan reference always give the same content.

export { partyRoleLabels } from './source.js';

export function buildContent(kind: DocumentKind, planId: string, context: PlanContext, people: DocumentPeople, planReference: string | null): DocumentContent {
  const source = makeSource(planId, context, people);
  // The machine names a 1.1 version's signatories when it issues it; a 1.0 plan's are worked out as 1.0 did.
  const signatories = (context.issued?.[kind]?.signatories ?? signatoriesFor(kind, context))
    .map((s) => ({ ...source.party(s.role, s.userId), commitments: commitmentsFor(kind, s.role, source) }));
  const base = {
    kind, title: documentKinds[kind], organisation: people.trust, planTitle: context.title, planId, signatories,
    ...(planReference ? { reference: kindReference(kind, planReference) } : {}),
  };
  switch (kind) {
    case 'training-agreement': return { ...base, ...agreementContent(source) };
    case 'meeting-record': return { ...base, ...meetingContent(source) };
    case 'letter-of-support': return { ...base, ...letterContent(source) };
    case 'supervisor-letter': return { ...base, ...supervisorLetterContent(source) };
  }
}
