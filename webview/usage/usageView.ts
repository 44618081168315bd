/**
 * The usage page: tokens per day stacked by model or by caller (switchable), cost per day, and
 * the totals per model and per caller as real tables — the accessible form of the charts.
 */

import type { UsageSnapshotMessage } from '../../src/protocol/usageMessages';
import { barChart, type ChartDay } from './barChart';
import { callerName, formatCost, formatTokens, formatUsd } from './format';
import { chartDays, dailyUsage, lastDays, seriesOf, shownBuckets, sumRows, totalsBy, type Grouping, type TotalsRow } from './usageSeries';

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
  return grouping === 'caller' ? callerName(name) : name;
}

function groupingSwitch(current: Grouping, choose: (grouping: Grouping) => void): HTMLFieldSetElement {
  const fieldset = element('fieldset', undefined, 'grouping');
  fieldset.append(element('legend', 'Stack tokens by'));
  for (const [value, text] of [
    ['model', 'Model'],
    ['caller', 'Caller'],
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
    ['Requests', true],
    ['Prompt tokens', true],
    ['Completion tokens', true],
    ['Cost (USD)', true],
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
  foot.append(line(sumRows(rows, 'Total'), 'Total'));
  table.append(head, body, foot);
  return table;
}

/** Draws the page for `snapshot` into `root`, stacked by `grouping`; `choose` switches the stacking. */
export function renderUsage(root: HTMLElement, snapshot: UsageSnapshotMessage, grouping: Grouping, choose: (grouping: Grouping) => void): void {
  const page = element('main');
  page.append(element('h1', 'Switchboard Usage'), element('p', "Tokens and cost of the chat's requests and of other extensions' API calls, as recorded on this machine.", 'note'));
  if (snapshot.buckets.length === 0) {
    page.append(element('p', 'No usage recorded yet.', 'empty'));
    root.replaceChildren(page);
    return;
  }
  const days = lastDays(snapshot.today, chartDays);
  const buckets = shownBuckets(snapshot.buckets, days);
  if (buckets.length === 0) {
    page.append(element('p', `No usage in the last ${chartDays} days.`, 'empty'));
    root.replaceChildren(page);
    return;
  }
  const series = seriesOf(buckets, grouping);
  const daily = dailyUsage(buckets, days, grouping, series);

  const tokens = element('section', undefined, 'tokens');
  tokens.append(element('h2', `Tokens per day, last ${chartDays} days`), groupingSwitch(grouping, choose));
  tokens.append(barChart({ title: 'Tokens per day', days: daily.map((day): ChartDay => ({ day: day.day, values: day.tokens })), series, format: formatTokens, seriesName: (name) => nameOf(grouping, name) }), legend(series, grouping));

  const cost = element('section', undefined, 'cost');
  const costSeries = 'cost';
  cost.append(element('h2', `Cost per day (USD), last ${chartDays} days`));
  cost.append(barChart({ title: 'Cost per day', days: daily.map((day): ChartDay => ({ day: day.day, values: new Map([[costSeries, day.cost]]) })), series: [costSeries], format: formatUsd, seriesName: () => 'Cost' }));

  const tables = element('section', undefined, 'tables');
  tables.append(
    element('h2', `Totals, last ${chartDays} days`),
    totalsTable('By model', 'Model', totalsBy(buckets, 'model'), 'model'),
    totalsTable('By caller', 'Caller', totalsBy(buckets, 'caller'), 'caller'),
  );
  page.append(tokens, cost, tables);
  root.replaceChildren(page);
}
