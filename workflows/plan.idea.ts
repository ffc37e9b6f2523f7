import type { PlanContext } from './plan.types.js';

/** The idea fields a manager needs before they are asked to agree (DESIGN section 5). */
export const requiredIdeaFields = [
  'profession', 'opportunityLevel', 'whyNow', 'researchIdeas', 'serviceRelevance', 'careerGoal',
] as const;

export function missingIdeaFields(idea: PlanContext['idea']): Array<(typeof requiredIdeaFields)[number]> {
  return requiredIdeaFields.filter((field) => idea[field] === undefined || idea[field] === '');
}

export const isIdeaComplete = (idea: PlanContext['idea']) => missingIdeaFields(idea).length === 0;

export const missingIdeaMessages: Record<(typeof requiredIdeaFields)[number], string> = {
  profession: 'Select your profession',
  opportunityLevel: 'Select the level of opportunity',
  whyNow: 'Enter why this opportunity is right now',
  researchIdeas: 'Enter your research ideas',
  serviceRelevance: 'Enter how it matters to the service',
  careerGoal: 'Enter your career goal',
};
