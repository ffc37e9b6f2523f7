import { eventLabels } from '../../workflows/plan.labels.js';
import { stateLabels } from '../../workflows/plan.labels.js';
import type { PlanEventRow } from '../plans/plan.repository.js';
import { changesBetween, termsFields } from './fields.js';
import { formatDateTime } from './format.js';
import { personLabel, type Names } from './people.js';

// The audit trail in plain words: "Sam Patel (manager) asked for changes, 3 March 2027 14:02".

const TEXT_FIELDS: Record<string, string> = {
  REQUEST_CHANGES: 'comment', RETURN_FOR_CHANGES: 'comment', DECLINE: 'reason', WITHDRAW: 'reason', COMMENT: 'text', REOPEN: 'comment',
};

export function presentHistory(events: PlanEventRow[], names: Names) {
  let previousTerms: object | null = null;
  return events.map((e) => {
    const payload = JSON.parse(e.payload) as Record<string, unknown>;
    const label = eventLabels[e.type as keyof typeof eventLabels];
    const who = personLabel(names, e.actor_id, e.actor_role);
    const details: string[] = [];
    const textField = TEXT_FIELDS[e.type];
    if (textField && typeof payload[textField] === 'string') details.push(payload[textField] as string);
    if (e.type === 'PROPOSE_TERMS') {
      const { comment, ...terms } = payload;
      if (previousTerms) details.push(...changesBetween(termsFields, previousTerms, terms).map((c) => `${c.label}: ${c.to} (was ${c.from})`));
      if (typeof comment === 'string') details.push(comment);
      previousTerms = terms;
    }
    if (e.type === 'ACCEPT_TERMS') details.push(`Accepted version ${payload.termsVersion}`);
    const moved = e.state_before !== null && e.state_before !== e.state_after;
    return {
      seq: e.seq,
      sentence: `${who} ${label?.done ?? e.type.toLowerCase()}`,
      at: formatDateTime(e.at),
      details,
      moved: moved ? stateLabels[e.state_after]?.status ?? e.state_after : null,
    };
  }).reverse();
}
