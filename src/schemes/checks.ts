import { z } from 'zod';
import { opportunityLevels, professions } from '../domain/options.js';
import type { PlanContext } from '../../workflows/plan.types.js';
import { hostKinds, schemeById, type Scheme } from './catalogue.js';

// The plan's current terms and idea against the rules of the scheme it aims
// for. Advice, never a process rule: nothing here blocks a step (the
// statechart decides that); the pages show these as warnings to the people
// agreeing the terms and to R&D, and the API lists them as `checks`.

export const checkSchema = z.object({
  code: z.enum(['academic-share', 'clinical-time', 'duration', 'profession', 'level', 'hosts', 'costing-scheme']),
  severity: z.enum(['warning', 'info']),
  message: z.string(),
  field: z.string().meta({ description: 'The field the check is about, as named in the API: academicPercent, durationMonths, profession, opportunityLevel, collaborators or costing.' }),
});
export type Check = z.infer<typeof checkSchema>;

type Idea = PlanContext['idea'] & { schemeId?: string };
type Terms = { academicPercent?: number; durationMonths?: number; costing?: { schemeId?: string } };

const professionsPlural: Record<keyof typeof professions, string> = {
  nurse: 'nurses', midwife: 'midwives', 'allied-health-professional': 'allied health professionals', pharmacist: 'pharmacists',
  'healthcare-scientist': 'healthcare scientists', psychologist: 'psychologists', doctor: 'doctors', dentist: 'dentists',
  other: 'other registered health and care professionals',
};
const lower = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);
const article = (text: string) => (/^[aeiou]/i.test(text) ? 'an' : 'a');
const range = (r: { min: number; max: number }, unit: string) => (r.min === r.max ? `about ${r.min}${unit}` : `${r.min}–${r.max}${unit}`);
const listOf = (items: string[], joiner = 'or') => (items.length > 1 ? `${items.slice(0, -1).join(', ')} ${joiner} ${items.at(-1)}` : items[0] ?? '');

function ideaChecks(scheme: Scheme, idea: Idea, the: string): Check[] {
  const checks: Check[] = [];
  if (idea.profession && !scheme.professions.includes(idea.profession)) {
    const who = listOf(scheme.professions.map((p) => professionsPlural[p]));
    checks.push({ code: 'profession', severity: 'warning', field: 'profession',
      message: `${the} is for ${who}; this plan is for ${article(professions[idea.profession])} ${lower(professions[idea.profession])}.` });
  }
  if (idea.opportunityLevel && !scheme.levels.includes(idea.opportunityLevel)) {
    checks.push({ code: 'level', severity: 'warning', field: 'opportunityLevel',
      message: `${the} is at the level of ${listOf(scheme.levels.map((l) => lower(opportunityLevels[l])))}; this plan aims at ${lower(opportunityLevels[idea.opportunityLevel])}.` });
  }
  const hasSupervisor = (idea.collaborators ?? []).some((p) => p.kind === 'supervisor');
  if (scheme.hostsRequired.includes('academic') && !hasSupervisor) {
    checks.push({ code: 'hosts', severity: 'warning', field: 'collaborators',
      message: `${the} needs ${listOf(scheme.hostsRequired.map((h) => hostKinds[h]), 'and')}: name the academic supervisor and their university in the research idea.` });
  }
  return checks;
}

function termsChecks(scheme: Scheme, idea: Idea, terms: Terms, the: string): Check[] {
  const checks: Check[] = [];
  const share = terms.academicPercent;
  if (share !== undefined && scheme.academicPercent && (share < scheme.academicPercent.min || share > scheme.academicPercent.max)) {
    checks.push({ code: 'academic-share', severity: 'warning', field: 'academicPercent',
      message: `${the} expects ${range(scheme.academicPercent, '%')} of the week on research; this plan gives ${share}%.` });
  }
  if (share !== undefined && scheme.clinicalPercentMax !== null && 100 - share > scheme.clinicalPercentMax) {
    checks.push({ code: 'clinical-time', severity: 'info', field: 'academicPercent',
      message: `${the} pays for up to ${scheme.clinicalPercentMax}% clinical time within the award; this plan has ${100 - share}% clinical, so the trust pays for the rest as usual clinical work.` });
  }
  const months = terms.durationMonths;
  if (months !== undefined && scheme.durationMonths && (months < scheme.durationMonths.min || months > scheme.durationMonths.max)) {
    const lasts = scheme.durationMonths.min === scheme.durationMonths.max ? `${scheme.durationMonths.min} months` : `between ${scheme.durationMonths.min} and ${scheme.durationMonths.max} months`;
    checks.push({ code: 'duration', severity: 'warning', field: 'durationMonths', message: `${the} lasts ${lasts}; this plan gives ${months} months.` });
  }
  const costed = schemeById(terms.costing?.schemeId);
  if (costed && costed.id !== idea.schemeId) {
    checks.push({ code: 'costing-scheme', severity: 'info', field: 'costing', message: `The costing assumes the ${costed.name}, but the research idea names the ${scheme.name}.` });
  }
  return checks;
}

/**
 * Checks of an idea and (when given) terms against the idea's scheme; none when no scheme from the catalogue
 * is chosen. `subject` replaces "The <scheme's name>" where the page has already named it ("This scheme").
 */
export function checksFor(idea: Idea, terms: Terms | undefined, subject?: string): Check[] {
  const scheme = schemeById(idea.schemeId);
  if (!scheme) return [];
  const the = subject ?? `The ${scheme.name}`;
  return [...ideaChecks(scheme, idea, the), ...(terms ? termsChecks(scheme, idea, terms, the) : [])];
}

/** The plan's checks: its idea and its current terms (the latest proposal). */
export function planChecks(context: PlanContext): Check[] {
  return checksFor(context.idea, context.terms.at(-1)?.terms);
}
