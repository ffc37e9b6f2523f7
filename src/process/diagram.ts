import { planMachine } from '../../workflows/plan.machine.js';
import { eventLabels, guardLabels, stateLabels, roleLabels } from '../../workflows/plan.labels.js';
import type { StateMeta } from '../../workflows/plan.types.js';

// The process drawn from the statechart itself (DESIGN section 9): a Graphviz
// description for the diagram, and the same transitions as text for people
// who do not read diagrams. `npm run diagram` writes both to docs/; a test
// fails when they no longer match workflows/plan.machine.ts.

type Node = typeof planMachine.root;
type Guard = string | ((...args: never[]) => boolean) & { guards?: Guard[]; name?: string } | { type: string } | undefined;

/** A guard in words: "the clinician and once the idea is complete". */
export function guardText(guard: Guard): string {
  if (!guard) return '';
  if (typeof guard === 'string') return guardLabels[guard] ?? guard;
  if (typeof guard === 'object') return guardLabels[guard.type] ?? guard.type;
  const parts = (guard.guards ?? []).map(guardText).filter(Boolean);
  return parts.join(guard.name === 'or' ? ' or ' : ', ');
}

export interface ProcessTransition { event: string; action: string; when: string; to: string | null }
export interface ProcessState { id: string; name: string; status: string; waitsOn: string | null; final: boolean; transitions: ProcessTransition[] }

const nameOf = (node: Node) => node.path.join('.');
const leaves = (node: Node): Node[] => {
  const children = Object.values(node.states) as Node[];
  return children.length ? children.flatMap(leaves) : [node];
};
/** The transitions a leaf state takes: its own, then its parents'. */
const transitionsOf = (node: Node) => {
  const all: Array<{ event: string; defs: ReturnType<Node['transitions']['get']> }> = [];
  for (let at: Node | undefined = node; at && at.parent; at = at.parent as Node) {
    for (const [event, defs] of at.transitions) all.push({ event, defs });
  }
  return all;
};
const waitsOn = (node: Node): string | null => {
  for (let at: Node | undefined = node; at; at = at.parent as Node | undefined) {
    const meta = at.meta as StateMeta | undefined;
    if (meta && 'awaiting' in meta) return meta.awaiting ? roleLabels[meta.awaiting] : null;
  }
  return null;
};

/** Every leaf state with the events it takes, who may send them, and where they lead. */
export function processStates(): ProcessState[] {
  return leaves(planMachine.root).map((node) => ({
    id: node.id, name: nameOf(node), status: stateLabels[nameOf(node)]?.status ?? nameOf(node),
    waitsOn: waitsOn(node), final: node.type === 'final',
    transitions: transitionsOf(node).flatMap(({ event, defs }) => (defs ?? []).map((def) => ({
      event, action: eventLabels[event as keyof typeof eventLabels]?.action ?? event,
      when: guardText(def.guard as Guard),
      to: def.target?.[0] ? nameOf(leaves(def.target[0] as Node)[0]!) : null,
    }))),
  }));
}

const quote = (text: string) => `"${text.replace(/"/g, '\\"')}"`;

/** The Graphviz description: steps as clusters, states as boxes, moves as labelled arrows (staying put is left to the text). */
export function processDot(): string {
  const lines = ['digraph plan {', '  rankdir=TB; fontname="Arial"; node [shape=box, style="rounded", fontname="Arial", fontsize=11];',
    '  edge [fontname="Arial", fontsize=9];'];
  const states = processStates();
  for (const step of Object.values(planMachine.root.states) as Node[]) {
    const inside = states.filter((s) => s.name === step.key || s.name.startsWith(`${step.key}.`));
    const box = (s: ProcessState) => `    ${quote(s.name)} [label=${quote(`${s.status}${s.waitsOn ? `\\n(waits on the ${s.waitsOn})` : ''}`)}${s.final ? ', peripheries=2' : ''}];`;
    if (Object.keys(step.states).length) {
      lines.push(`  subgraph ${quote(`cluster_${step.key}`)} {`, `    label=${quote(step.key)};`, ...inside.map(box), '  }');
    } else lines.push(...inside.map(box));
  }
  for (const s of states) {
    const seen = new Set<string>();
    for (const t of s.transitions) {
      // Withdrawing is open everywhere before the end: the text says so once rather than an arrow from every box.
      if (!t.to || t.to === s.name || t.event === 'WITHDRAW' || seen.has(`${t.event}>${t.to}`)) continue;
      seen.add(`${t.event}>${t.to}`);
      lines.push(`  ${quote(s.name)} -> ${quote(t.to)} [label=${quote(t.event)}];`);
    }
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

/** Events open in every state that is not final: said once, not under each state. */
const EVERYWHERE = new Set(['WITHDRAW', 'COMMENT', 'AUTHORISE_DOCUMENT', 'SEND_REMINDER', 'REMIND_SIGNATORY']);

/** The same process as text (Markdown), state by state. */
export function processMarkdown(): string {
  const out = ['# The plan process', '', 'Generated from `workflows/plan.machine.ts` by `npm run diagram`; do not edit by hand.', '',
    'In every state that is not final: the clinician may withdraw the plan; anyone taking part may comment; each signatory',
    'authorises the current version of a document issued to them; and the scheduler reminds whoever the plan waits on.', ''];
  const states = processStates();
  const label = (name: string) => states.find((s) => s.name === name)?.status ?? name;
  for (const s of states) {
    out.push(`## ${s.status} (\`${s.name}\`)`, '');
    out.push(s.final ? 'The plan is finished here.' : s.waitsOn ? `Waits on the ${s.waitsOn}.` : 'Waits on nobody.', '');
    for (const t of s.transitions.filter((x) => !EVERYWHERE.has(x.event))) {
      out.push(`- ${t.action} (${t.event})${t.when ? `: ${t.when}` : ''}; ${t.to && t.to !== s.name ? `goes to “${label(t.to)}”` : 'stays here'}`);
    }
    out.push('');
  }
  return out.join('\n');
}

let viz: Promise<{ renderString(dot: string, options: { format: string }): string }> | undefined;

/** The diagram as SVG, drawn by Graphviz compiled to WebAssembly (no browser, no system package). */
export async function processSvg(dot = processDot()): Promise<string> {
  viz ??= import('@viz-js/viz').then((m) => m.instance());
  return (await viz).renderString(dot, { format: 'svg' });
}
