/**
 * A bar chart in SVG, drawn with the DOM (no library): one bar per day, stacked by series, the
 * highest total labelled on the axis and a few days under it. The SVG is one image to assistive
 * technology (`role="img"`, its `aria-label` the summary); the tables below it carry the numbers.
 */

import { shortDay } from './format';
import { t } from './l10n';

export interface ChartDay {
  day: string;
  /** The day's values per series, in the series' order (zero or absent draws nothing). */
  values: ReadonlyMap<string, number>;
}

export interface BarChartInput {
  /** What the chart shows, e.g. "Tokens per day": the start of its summary. */
  title: string;
  days: readonly ChartDay[];
  /** Stacking order, bottom first; each is drawn in the colour of its place (`series-0` …). */
  series: readonly string[];
  format: (value: number) => string;
  /** How a series is named in a bar's tooltip. */
  seriesName: (series: string) => string;
}

const svgNamespace = 'http://www.w3.org/2000/svg';
const width = 600;
const height = 180;
const left = 64;
const bottom = 22;
const top = 8;
/** A day label every this many days, counted back from the last (today is always labelled). */
const labelEvery = 7;

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attributes: Record<string, string | number>, text?: string): SVGElementTagNameMap[K] {
  const element = document.createElementNS(svgNamespace, tag);
  for (const [name, value] of Object.entries(attributes)) {
    element.setAttribute(name, String(value));
  }
  if (text !== undefined) {
    element.textContent = text;
  }
  return element;
}

function totalOf(day: ChartDay): number {
  let total = 0;
  for (const value of day.values.values()) {
    total += value;
  }
  return total;
}

/** The sentence a screen reader hears for the chart. */
export function chartSummary(input: BarChartInput): string {
  const totals = input.days.map((day) => ({ day: day.day, total: totalOf(day) }));
  const first = input.days[0];
  const last = input.days[input.days.length - 1];
  if (first === undefined || last === undefined) {
    return input.title;
  }
  const range = { title: input.title, first: shortDay(first.day), last: shortDay(last.day) };
  const sum = totals.reduce((all, day) => all + day.total, 0);
  if (sum === 0) {
    return t('chartNone', range);
  }
  const used = totals.filter((day) => day.total > 0).length;
  const highest = totals.reduce((best, day) => (day.total > best.total ? day : best));
  const values = { ...range, total: input.format(sum), count: used, day: shortDay(highest.day), highest: input.format(highest.total) };
  return used === 1 ? t('chartSummaryOneDay', values) : t('chartSummary', values);
}

export function barChart(input: BarChartInput): SVGSVGElement {
  const chart = svg('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': chartSummary(input), class: 'chart' });
  const plotWidth = width - left;
  const plotHeight = height - top - bottom;
  const highest = Math.max(0, ...input.days.map(totalOf));
  const scale = highest > 0 ? plotHeight / highest : 0;
  const slot = plotWidth / Math.max(1, input.days.length);
  const barWidth = Math.max(1, slot * 0.7);
  const baseline = top + plotHeight;

  chart.append(svg('line', { x1: left, x2: width, y1: baseline, y2: baseline, class: 'axis' }));
  chart.append(svg('text', { x: left - 6, y: baseline, class: 'axis-label', 'text-anchor': 'end', 'dominant-baseline': 'middle' }, input.format(0)));
  if (highest > 0) {
    chart.append(svg('line', { x1: left, x2: width, y1: top, y2: top, class: 'grid' }));
    chart.append(svg('text', { x: left - 6, y: top, class: 'axis-label', 'text-anchor': 'end', 'dominant-baseline': 'hanging' }, input.format(highest)));
  }
  input.days.forEach((day, index) => {
    const x = left + index * slot + (slot - barWidth) / 2;
    let y = baseline;
    input.series.forEach((series, place) => {
      const value = day.values.get(series) ?? 0;
      if (value <= 0) {
        return;
      }
      const barHeight = Math.max(1, value * scale);
      y -= barHeight;
      const bar = svg('rect', { x: x.toFixed(2), y: y.toFixed(2), width: barWidth.toFixed(2), height: barHeight.toFixed(2), class: `bar series-${place}`, 'data-day': day.day, 'data-series': series, 'data-value': value });
      bar.append(svg('title', {}, `${shortDay(day.day)} · ${input.seriesName(series)}: ${input.format(value)}`));
      chart.append(bar);
    });
    if ((input.days.length - 1 - index) % labelEvery === 0) {
      chart.append(svg('text', { x: (left + index * slot + slot / 2).toFixed(2), y: height - 4, class: 'day-label', 'text-anchor': 'middle' }, shortDay(day.day)));
    }
  });
  return chart;
}
