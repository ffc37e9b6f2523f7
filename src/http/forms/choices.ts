import {
  agendaPoints, backfillArrangements, budgetHolders, collaboratorKinds, opportunityLevels, outcomes, professions, rolesDuringTraining, teamContributions,
} from '../../domain/options.js';
import { schemes } from '../../schemes/catalogue.js';

// The items of every radio, checkbox and select group, as the NHS.UK partials
// want them ({ value, text }). Values are the API's; text is what people read.

type Item = { value: string; text: string; hint?: string };
const items = (labels: Record<string, string>): Item[] => Object.entries(labels).map(([value, text]) => ({ value, text }));

export const choices = {
  professions: items(professions),
  opportunityLevels: items(opportunityLevels),
  collaboratorKinds: [{ value: '', text: 'Select their role' }, ...items(collaboratorKinds)],
  rolesDuringTraining: items(rolesDuringTraining),
  backfillArrangements: items(backfillArrangements),
  teamContributions: items(teamContributions),
  budgetHolders: items(budgetHolders),
  outcomes: items(outcomes),
  schemes: [{ value: '', text: 'Not decided yet' }, ...schemes.map((s) => ({ value: s.id, text: s.name }))],
  yesNo: [{ value: 'yes', text: 'Yes' }, { value: 'no', text: 'No' }],
  capacityConfirmed: [{ value: 'yes', text: 'I confirm the trust has the capacity and capability to support this plan' }],
  agendaPoints: items(agendaPoints),
  reviseTerms: [
    { value: 'no', text: 'Apply again with the agreed terms' },
    { value: 'yes', text: 'Agree new terms first, for example for another scheme', hint: 'You and your manager agree the terms again, and R&D signs off again.' },
  ],
} satisfies Record<string, Item[]>;
