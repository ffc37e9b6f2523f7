import type { Role } from '../../domain/options.js';

// Forms speak to the person reading them: "you" for the reader, the others by
// name. These are the words a template needs for each person of the plan, so
// one template serves every role that may open it.

export interface PersonWords {
  /** "you", or their name. */
  you: string;
  You: string;
  /** "your", or "Alex Morgan's". */
  your: string;
  Your: string;
  /** Is this the reader? */
  isReader: boolean;
}

export function wordsFor(name: string, isReader: boolean): PersonWords {
  return isReader
    ? { you: 'you', You: 'You', your: 'your', Your: 'Your', isReader }
    : { you: name, You: name, your: `${name}'s`, Your: `${name}'s`, isReader };
}

/** The clinician, their manager and the supervisor, as the reader (of `role`, covering or not) names them. */
export function peopleFor(role: Role | 'system', names: { clinician: string; manager: string; supervisor?: string }) {
  return {
    theClinician: wordsFor(names.clinician, role === 'clinician'),
    theManager: wordsFor(names.manager, role === 'manager'),
    theSupervisor: wordsFor(names.supervisor ?? 'the supervisor', role === 'supervisor'),
  };
}
