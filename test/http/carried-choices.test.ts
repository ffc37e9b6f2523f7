import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../src/app.js';
import { carriedPage } from '../../src/http/carried.js';
import { choices } from '../../src/http/forms/choices.js';
import { listTemplates } from '../../src/http/view.js';

// The page that gives back a form carried through signing in again shows each
// choice as the form offered it. The pairing of an input with its list lives in
// the templates; these tests read it from there, so a choice added to a form
// and not to the carried page fails here rather than showing its raw value.

type ChoiceList = keyof typeof choices;

/** Every `name="…" … items=choices.…` in the page templates, as [input name, list]. */
function choiceInputs(): Array<[string, ChoiceList]> {
  const found = new Map<string, ChoiceList>();
  for (const [, file] of listTemplates(path.join(ROOT, 'templates', 'pages'))) {
    for (const [, name, list] of fs.readFileSync(file, 'utf8').matchAll(/name="([A-Za-z]+)"[^}]*?items=(?:@root\.)?choices\.([A-Za-z]+)/g)) {
      found.set(name!, list as ChoiceList);
    }
  }
  // The terms form builds these radios in code from the same lists, to reveal a follow-up question
  // under an answer and to word them for the reader (src/http/forms/terms.form.ts).
  for (const [name, list] of [['roleDuringTraining', 'rolesDuringTraining'], ['backfillArrangement', 'backfillArrangements'], ['specialistPost', 'yesNo']] as const) {
    found.set(name, list);
  }
  return [...found];
}

const shownAs = (name: string, value: string) =>
  carriedPage({ to: '/plans/p1/terms', inputs: [{ name, value }] }).answers.map((a) => a.value);

describe('choices carried through signing in again', () => {
  it('finds the choice inputs the forms have', () => {
    const names = choiceInputs().map(([name]) => name);
    expect(names).toEqual(expect.arrayContaining(['backfillArrangement', 'budgetHolder', 'outcome', 'profession', 'specialistPost']));
  });

  it.each(choiceInputs())('shows %s as the words the form offered (%s)', (name, list) => {
    for (const item of choices[list].filter((i) => i.value)) {
      expect(shownAs(name, item.value)).toEqual([item.text]);
    }
  });

  it("shows a collaborator's role, whose input is named by position, as the form offered it", () => {
    const item = choices.collaboratorKinds.find((i) => i.value)!;
    expect(shownAs('collaborators-0-kind', item.value)).toEqual([item.text]);
  });
});
