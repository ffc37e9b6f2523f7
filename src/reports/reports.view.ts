import { opportunityLevels, professions } from '../domain/options.js';
import { formatDate, formatPounds } from '../presenters/format.js';
import { barChart, summarise, type Bar, type Fill } from './charts.js';
import type { Pipeline } from './pipeline.js';
import type { ReportRange } from './report-range.js';

// What the /reports page shows of a pipeline: for each question an R&D lead
// asks, a chart and the table of its figures.

export const stepNames: Record<string, string> = {
  researchIdea: 'Research idea', managerAgreement: 'Manager agreement', backfillPlan: 'Backfill plan and time split',
  rdSignOff: 'R&D sign-off', supervisorMeeting: 'Supervisor meeting', application: 'Funding application',
  notAwarded: 'Not awarded', awarded: 'Awarded', completed: 'Award completed', declined: 'Declined', withdrawn: 'Withdrawn',
};

const stepFill = (step: string): Fill =>
  (step === 'awarded' || step === 'completed' ? 'good' : step === 'notAwarded' || step === 'declined' || step === 'withdrawn' ? 'ended' : 'open');

const count = (n: number) => n.toLocaleString('en-GB');
const plans = (n: number) => `${count(n)} ${n === 1 ? 'plan' : 'plans'}`;
const days = (n: number | null) => (n === null ? 'no stays' : `${n.toLocaleString('en-GB')} ${n === 1 ? 'day' : 'days'}`);
const numeric = (text: string) => ({ text, format: 'numeric' });

interface Section {
  id: string;
  heading: string;
  intro: string;
  chart: ReturnType<typeof barChart>;
  table: { caption: string; head: Array<string | { text: string; format: string }>; rows: Array<Array<string | { text: string; format: string }>> };
}

function section(id: string, heading: string, intro: string, column: string, bars: Bar[], legend: Array<{ fill: Fill; text: string }> = [], unit = 'plans'): Section {
  return {
    id, heading, intro,
    chart: barChart(`chart-${id}`, heading, summarise(bars, unit), bars, legend),
    table: { caption: heading, head: [column, numeric(unit === 'plans' ? 'Plans' : 'Median days')], rows: bars.map((b) => [b.label, numeric(b.text)]) },
  };
}

export function rangeText(range: ReportRange): string {
  if (range.from && range.to) return `Plans created from ${formatDate(range.from)} to ${formatDate(range.to)}`;
  if (range.from) return `Plans created on or after ${formatDate(range.from)}`;
  if (range.to) return `Plans created up to and including ${formatDate(range.to)}`;
  return 'All plans';
}

export function reportView(report: Pipeline) {
  const total = report.byStep.reduce((n, s) => n + s.count, 0);
  const { submitted, awarded, notAwarded, successRate } = report.applications;
  const outcomes = awarded + notAwarded;
  const legend = [
    { fill: 'open' as const, text: 'Still in progress' }, { fill: 'good' as const, text: 'Awarded or completed' },
    { fill: 'ended' as const, text: 'Not awarded, declined or withdrawn' },
  ];
  const sections: Section[] = [
    section('steps', 'Where plans are now', 'How many plans are at each step of the process today.', 'Step',
      report.byStep.map((s) => ({ label: stepNames[s.step] ?? s.step, value: s.count, text: count(s.count), fill: stepFill(s.step) })), legend),
    section('days', 'How long plans spend at each step',
      'The median number of days a plan spends at each step, counting every time a plan was there, including plans still there today.', 'Step',
      report.byStep.map((s) => ({ label: stepNames[s.step] ?? s.step, value: s.medianDaysInStep, text: days(s.medianDaysInStep), fill: stepFill(s.step) })), legend, 'days'),
    section('professions', 'Plans by profession', 'Which professions the plans come from, including those with none.', 'Profession',
      report.byProfession.map((p) => ({ label: p.profession ? professions[p.profession as keyof typeof professions] ?? p.profession : 'Not given', value: p.count, text: count(p.count) }))),
    section('levels', 'Plans by opportunity level', 'The level of research training each plan aims for.', 'Opportunity level',
      report.byLevel.map((l) => ({ label: l.opportunityLevel ? opportunityLevels[l.opportunityLevel as keyof typeof opportunityLevels] ?? l.opportunityLevel : 'Not given', value: l.count, text: count(l.count) }))),
    section('schemes', 'Plans by scheme or funder', 'The scheme or funder each clinician named in their research idea, as they wrote it.', 'Scheme or funder',
      report.byScheme.map((s) => ({ label: s.scheme ?? 'Not given', value: s.count, text: count(s.count) }))),
  ];
  const applicationBars: Bar[] = [
    { label: 'Submitted', value: submitted, text: count(submitted) },
    { label: 'Awarded', value: awarded, text: count(awarded), fill: 'good' },
    { label: 'Not awarded', value: notAwarded, text: count(notAwarded), fill: 'ended' },
  ];
  const rate = successRate === null ? 'No outcomes yet' : `${Math.round(successRate * 100)}% (${count(awarded)} of ${count(outcomes)} outcomes)`;
  return {
    total: plans(total),
    headline: [
      { key: 'Plans counted', value: plans(total) },
      { key: 'Applications submitted', value: count(submitted) },
      { key: 'Success rate', value: rate },
      { key: 'Agreed backfill cost a year', value: formatPounds(report.backfillCostPerYear) },
    ],
    sections,
    applications: {
      chart: barChart('chart-applications', 'Funding applications and their outcomes', summarise(applicationBars, 'applications'), applicationBars),
      table: {
        caption: 'Funding applications and their outcomes', head: ['Applications', numeric('Number')],
        rows: [...applicationBars.map((b) => [b.label, numeric(b.text)]), ['Success rate', numeric(rate)]],
      },
    },
  };
}
