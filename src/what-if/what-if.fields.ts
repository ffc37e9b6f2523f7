import { costingChoices } from '../costing/costing.form.js';

// The inputs of one what-if option, worked out in full here (ids, hints,
// which item is selected) so the page renders them with one plain partial:
// three options are 27 inputs, and the general field partials made the page
// several times slower than a plain signed-in page.

type Item = { value: string; text: string; hint?: string };
export type Field = {
  kind: 'input' | 'select' | 'radios';
  name: string; label: string; hint?: string; value: string; error?: string;
  prefix?: string; suffix?: string; widthClass?: string; inputmode?: string;
  items?: Array<Item & { selected: boolean; id: string }>;
  describedBy?: string;
};

type Spec = Omit<Field, 'name' | 'value' | 'error' | 'items' | 'describedBy'> & { key: string; choices?: Item[] };

const specs: Spec[] = [
  { key: 'academicPercent', kind: 'input', label: 'Academic share of the week', suffix: '%', widthClass: ' nhsuk-input--width-3', inputmode: 'numeric' },
  { key: 'durationMonths', kind: 'input', label: 'How long', suffix: 'months', widthClass: ' nhsuk-input--width-3', inputmode: 'numeric' },
  { key: 'wte', kind: 'input', label: "The clinician's WTE", hint: '1 for full time', widthClass: ' nhsuk-input--width-4', inputmode: 'decimal' },
  { key: 'clinicianBand', kind: 'select', label: "The clinician's band", choices: costingChoices.clinicianBands },
  { key: 'clinicianSalary', kind: 'input', label: 'Or their salary a year', hint: 'If not on Agenda for Change, such as a doctor', prefix: '£', widthClass: ' nhsuk-input--width-10', inputmode: 'numeric' },
  { key: 'backfillBand', kind: 'select', label: 'Band of the person who covers', choices: costingChoices.backfillBands },
  { key: 'backfillSalary', kind: 'input', label: 'Or their salary a year', prefix: '£', widthClass: ' nhsuk-input--width-10', inputmode: 'numeric' },
  { key: 'payPoint', kind: 'radios', label: 'Pay point', choices: costingChoices.payPoints.map(({ value, text }) => ({ value, text })) },
  { key: 'schemeId', kind: 'select', label: 'Scheme', choices: costingChoices.schemes },
];

export function optionFields(option: string, values: Record<string, string>, errors: Record<string, string>): Field[] {
  return specs.map(({ key, choices, ...spec }) => {
    const name = `${option}-${key}`;
    const error = errors[name];
    const describedBy = [spec.hint ? `${name}-hint` : '', error ? `${name}-error` : ''].filter(Boolean).join(' ');
    const value = values[key] ?? '';
    return {
      ...spec, name, value, ...(error ? { error } : {}), ...(describedBy ? { describedBy } : {}),
      ...(choices ? { items: choices.map((item, i) => ({ ...item, selected: item.value === value, id: i === 0 ? name : `${name}-${i + 1}` })) } : {}),
    };
  });
}
