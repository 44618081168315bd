/**
 * The usage page: tokens per day stacked by model or by caller (switchable), cost per day, and
 * the totals per model and per caller as real tables — the accessible form of the charts.
 */

import type { UsageSnapshotMessage } from '../../src/protocol/usageMessages';
import { barChart, type ChartDay } from './barChart';
import { callerName, formatCost, formatTokens, formatUsd } from './format';
import { t } from './l10n';
import { chartDays, dailyUsage, lastDays, otherSeries, seriesOf, shownBuckets, sumRows, totalsBy, type Grouping, type TotalsRow } from './usageSeries';

function element<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] {
  const created = document.createElement(tag);
  if (text !== undefined) {
    created.textContent = text;
  }
  if (className !== undefined) {
    created.className = className;
  }
  return created;
}

function nameOf(grouping: Grouping, name: string): string {
  if (name === otherSeries) {
    return t('otherSeries');
  }
  return grouping === 'caller' ? callerName(name) : name;
}

function groupingSwitch(current: Grouping, choose: (grouping: Grouping) => void): HTMLFieldSetElement {
  const fieldset = element('fieldset', undefined, 'grouping');
  fieldset.append(element('legend', t('stackBy')));
  for (const [value, text] of [
    ['model', t('model')],
    ['caller', t('caller')],
  ] as const) {
    const label = element('label');
    const input = element('input');
    input.type = 'radio';
    input.name = 'grouping';
    input.value = value;
    input.checked = value === current;
    input.addEventListener('change', () => {
      if (input.checked) {
        choose(value);
      }
    });
    label.append(input, ` ${text}`);
    fieldset.append(label);
  }
  return fieldset;
}

function legend(series: readonly string[], grouping: Grouping): HTMLUListElement {
  const list = element('ul', undefined, 'legend');
  // The chart's colours, named: the table carries the same names with their numbers.
  list.setAttribute('aria-hidden', 'true');
  series.forEach((name, place) => {
    const item = element('li');
    item.append(element('span', undefined, `swatch series-${place}`), nameOf(grouping, name));
    list.append(item);
  });
  return list;
}

function totalsTable(caption: string, heading: string, rows: readonly TotalsRow[], grouping: Grouping): HTMLTableElement {
  const table = element('table', undefined, `totals by-${grouping}`);
  table.append(element('caption', caption));
  const head = element('thead');
  const headRow = element('tr');
  for (const [text, numeric] of [
    [heading, false],
    [t('requests'), true],
    [t('promptTokens'), true],
    [t('completionTokens'), true],
    [t('costUsd'), true],
  ] as const) {
    const cell = element('th', text, numeric ? 'number' : undefined);
    cell.scope = 'col';
    headRow.append(cell);
  }
  head.append(headRow);
  const line = (row: TotalsRow, name: string): HTMLTableRowElement => {
    const tr = element('tr');
    const first = element('th', name);
    first.scope = 'row';
    tr.append(first, element('td', formatTokens(row.requests), 'number'), element('td', formatTokens(row.prompt_tokens), 'number'), element('td', formatTokens(row.completion_tokens), 'number'), element('td', formatCost(row.cost, row.unpriced_requests), 'number'));
    return tr;
  };
  const body = element('tbody');
  for (const row of rows) {
    body.append(line(row, nameOf(grouping, row.name)));
  }
  const foot = element('tfoot');
  const total = t('total');
  foot.append(line(sumRows(rows, total), total));
  table.append(head, body, foot);
  return table;
}

/** Draws the page for `snapshot` into `root`, stacked by `grouping`; `choose` switches the stacking. */
export function renderUsage(root: HTMLElement, snapshot: UsageSnapshotMessage, grouping: Grouping, choose: (grouping: Grouping) => void): void {
  const page = element('main');
  page.append(element('h1', t('title')), element('p', t('note'), 'note'));
  if (snapshot.buckets.length === 0) {
    page.append(element('p', t('noUsage'), 'empty'));
    root.replaceChildren(page);
    return;
  }
  const days = lastDays(snapshot.today, chartDays);
  const buckets = shownBuckets(snapshot.buckets, days);
  if (buckets.length === 0) {
    page.append(element('p', t('noRecentUsage', { days: chartDays }), 'empty'));
    root.replaceChildren(page);
    return;
  }
  const series = seriesOf(buckets, grouping);
  const daily = dailyUsage(buckets, days, grouping, series);

  const tokens = element('section', undefined, 'tokens');
  tokens.append(element('h2', t('tokensHeading', { days: chartDays })), groupingSwitch(grouping, choose));
  tokens.append(barChart({ title: t('tokensChart'), days: daily.map((day): ChartDay => ({ day: day.day, values: day.tokens })), series, format: formatTokens, seriesName: (name) => nameOf(grouping, name) }), legend(series, grouping));

  const cost = element('section', undefined, 'cost');
  const costSeries = 'cost';
  cost.append(element('h2', t('costHeading', { days: chartDays })));
  cost.append(barChart({ title: t('costChart'), days: daily.map((day): ChartDay => ({ day: day.day, values: new Map([[costSeries, day.cost]]) })), series: [costSeries], format: formatUsd, seriesName: () => t('costSeries') }));

  const tables = element('section', undefined, 'tables');
  tables.append(
    element('h2', t('totalsHeading', { days: chartDays })),
    totalsTable(t('byModel'), t('model'), totalsBy(buckets, 'model'), 'model'),
    totalsTable(t('byCaller'), t('caller'), totalsBy(buckets, 'caller'), 'caller'),
  );
  page.append(tokens, cost, tables);
  root.replaceChildren(page);
}
