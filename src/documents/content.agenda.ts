import { latestProposal } from '../../workflows/plan.agenda.js';
import { isLegacyPlan } from '../../workflows/plan.versions.js';
import { agendaKeys, agendaPoints } from '../domain/options.js';
import { pointFields } from '../presenters/agenda-questions.js';
import type { Section } from './content.js';
import type { Source } from './source.js';

// The agenda the clinician and the manager agreed point by point (DESIGN
// section 9), as the training agreement prints it: each point's agreed
// position and answers, who agreed it and when, and whose proposal it was.
// Plans of 1.0 had no agenda: their agreement keeps the manager's notes.

const fields = (key: (typeof agendaKeys)[number], agreed: boolean) =>
  pointFields(key).map((f) => (f.key === 'position' ? { ...f, label: agreed ? 'Agreed position' : 'Position proposed' } : f));

function point(s: Source, key: (typeof agendaKeys)[number]): Section {
  const state = s.context.agenda[key];
  const agreed = state.agreed;
  // The version agreed is the one printed: a later proposal would have cleared the agreement.
  const shown = (agreed && state.proposals.find((p) => p.version === agreed.version)) || latestProposal(state);
  const proposed = shown ? `version ${shown.version}, proposed by ${s.stampOf({ by: shown.proposedBy, at: shown.proposedAt })}` : '';
  return {
    heading: agendaPoints[key],
    rows: shown ? s.lines(fields(key, !!agreed), pointFields(key).map((f) => f.key), { position: shown.position, ...shown.answers }) : [],
    note: agreed
      ? `Agreed by ${s.stampOf(agreed)} (${proposed}).`
      : shown ? `Not agreed yet (${proposed}).` : 'Not discussed yet.',
  };
}

/** The agreed agenda's sections, or none for a plan of 1.0. */
export function agendaSections(s: Source): Section[] {
  if (isLegacyPlan(s.context) || !s.context.agenda) return [];
  const manager = s.nameOf(s.context.managerId);
  return [
    {
      heading: 'What we agreed, point by point',
      paragraphs: [
        `${s.clinician} and ${manager} discussed each of the following points and agreed a shared position on it. `
          + 'Under each point is who agreed it, when, and whose proposal it was.',
      ],
    },
    ...agendaKeys.map((key) => point(s, key)),
  ];
}
