// Horizontal bar charts drawn on the server as SVG: each has a title and a
// description a screen reader announces (role="img"), its numbers printed
// beside each bar, and fills that differ by pattern as well as colour, so no
// meaning rests on colour alone. The page puts each chart's table beside it.

export type Fill = 'open' | 'good' | 'ended';

export interface Bar {
  label: string;
  value: number | null;
  /** The number as the chart prints it, e.g. "12" or "4.5 days"; "none" when there is no value. */
  text: string;
  fill?: Fill;
}

export interface ChartView {
  id: string;
  title: string;
  description: string;
  width: number;
  height: number;
  bars: Array<{ label: string; text: string; labelY: number; barY: number; barWidth: number; textX: number; textY: number; paint: string; hasBar: boolean }>;
  legend: Array<{ text: string; paint: string; y: number; textY: number }>;
}

// Narrow, so the text is read at about body size in half of a desktop page and across a phone.
const WIDTH = 360;
const ROW = 50;
const BAR = 20;
const TEXT_ROOM = 92;
const LABEL_CHARACTERS = 44;

/** The chart of `bars`; `legend` names what each fill means when a chart uses more than one. */
export function barChart(id: string, title: string, description: string, bars: Bar[], legend: Array<{ fill: Fill; text: string }> = []): ChartView {
  const max = Math.max(0, ...bars.map((b) => b.value ?? 0));
  const scale = (value: number) => (max === 0 ? 0 : Math.max(2, Math.round(((WIDTH - TEXT_ROOM) * value) / max)));
  const top = legend.length * 30 + (legend.length > 0 ? 8 : 0);
  const paint = (fill: Fill) => (fill === 'open' ? '#005eb8' : `url(#${id}-${fill})`);
  const short = (label: string) => (label.length > LABEL_CHARACTERS ? `${label.slice(0, LABEL_CHARACTERS - 1)}…` : label);
  return {
    id, title, description, width: WIDTH, height: top + bars.length * ROW + 6,
    bars: bars.map((bar, i) => {
      const y = top + i * ROW;
      const barWidth = bar.value ? scale(bar.value) : 0;
      return {
        label: short(bar.label), text: bar.text, labelY: y + 17, barY: y + 24, barWidth,
        textX: barWidth + 6, textY: y + 24 + BAR - 5, paint: paint(bar.fill ?? 'open'), hasBar: barWidth > 0,
      };
    }),
    legend: legend.map((l, i) => ({ text: l.text, paint: paint(l.fill), y: i * 30 + 4, textY: i * 30 + 19 })),
  };
}

/** What a chart shows in one sentence, for its description: the tallest bar, and where the rest are. */
export function summarise(bars: Bar[], unit: string): string {
  const valued = bars.filter((b) => b.value !== null && b.value > 0);
  if (valued.length === 0) return `There are no ${unit} to show. The table beside the chart has the figures.`;
  const top = valued.reduce((a, b) => (b.value! > a.value! ? b : a));
  return `The longest bar is ${top.label}, ${top.text}; ${valued.length} of ${bars.length} bars have a value. The table beside the chart has every figure.`;
}
