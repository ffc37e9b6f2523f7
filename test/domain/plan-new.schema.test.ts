import { describe, expect, it } from 'vitest';
import { newPlanSchema } from '../../src/domain/accounts.js';

// Starting a plan: the line manager is chosen from a drop-down, so its
// message says "Select", as NHS.UK error messages do for a choice.

const messages = (input: unknown) => {
  const result = newPlanSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => [issue.path.join('.'), issue.message]);
};

describe('starting a plan', () => {
  it.each([
    ['missing', { title: 'Falls after discharge' }],
    ['left on "Choose your line manager"', { title: 'Falls after discharge', managerId: '' }],
  ])('asks to select the line manager when the choice is %s', (_name, input) => {
    expect(messages(input)).toEqual([['managerId', 'Select your line manager']]);
  });

  it('takes a title and a manager', () => {
    expect(messages({ title: 'Falls after discharge', managerId: 'a-manager-id' })).toEqual([]);
  });
});
