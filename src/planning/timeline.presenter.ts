import { formatDate } from '../presenters/format.js';
import { timelineStepLabels, type Timeline, type TimelineStatus } from './timeline.js';

// The timeline as the plan page shows it: a table of steps, each with the day
// it must be done by and a tag; a warning when any step is at risk or late.

const tags: Record<TimelineStatus, { text: string; colour: string }> = {
  done: { text: 'Done', colour: 'green' },
  'on-track': { text: 'On track', colour: 'blue' },
  'at-risk': { text: 'At risk', colour: 'orange' },
  late: { text: 'Late', colour: 'red' },
};

export function timelineView(timeline: Timeline | null) {
  if (!timeline) return null;
  const behind = timeline.entries.filter((e) => e.status === 'at-risk' || e.status === 'late');
  const late = behind.filter((e) => e.status === 'late');
  const first = behind[0];
  return {
    intro: `Planned back from the funding call ${timeline.expected ? 'expected to close' : 'closing'} on ${formatDate(timeline.deadline)}, with the working days each step usually takes in your trust.`,
    rows: timeline.entries.map((e) => ({ step: timelineStepLabels[e.step], latest: formatDate(e.latestDate), tag: tags[e.status] })),
    warning: first ? {
      heading: late.length ? 'Steps are late for the funding call' : 'Steps are at risk for the funding call',
      text: `${timelineStepLabels[first.step]} needs to be done by ${formatDate(first.latestDate)}${first.status === 'late' ? ', and that day has passed' : ', and at the usual pace it will not be'}. ${behind.length === 1 ? 'This is the only step' : `${behind.length} steps are`} behind.`,
    } : null,
  };
}

export const riskTag = (status: 'at-risk' | 'late') => tags[status];
