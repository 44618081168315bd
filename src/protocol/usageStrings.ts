/**
 * The usage page's strings ("Switchboard: Show Usage") in English, by key: shown through its `t`
 * (webview/usage/l10n.ts) and translated the way the chat page's are (see chatStrings.ts).
 */

export const usageStrings = {
  title: 'Switchboard Usage',
  note: "Tokens and cost of the chat's requests and of other extensions' API calls, as recorded on this machine.",
  noUsage: 'No usage recorded yet.',
  noRecentUsage: 'No usage in the last {days} days.',
  stackBy: 'Stack tokens by',
  model: 'Model',
  caller: 'Caller',
  chatCaller: 'Chat',
  otherSeries: 'Other',
  tokensHeading: 'Tokens per day, last {days} days',
  tokensChart: 'Tokens per day',
  costHeading: 'Cost per day (USD), last {days} days',
  costChart: 'Cost per day',
  costSeries: 'Cost',
  totalsHeading: 'Totals, last {days} days',
  byModel: 'By model',
  byCaller: 'By caller',
  requests: 'Requests',
  promptTokens: 'Prompt tokens',
  completionTokens: 'Completion tokens',
  costUsd: 'Cost (USD)',
  total: 'Total',
  costUnpriced: '{cost} (+{count} unpriced)',
  chartNone: '{title}, {first} to {last}: none.',
  chartSummaryOneDay: '{title}, {first} to {last}: {total} in total over 1 day; the highest {day}, {highest}.',
  chartSummary: '{title}, {first} to {last}: {total} in total over {count} days; the highest {day}, {highest}.',
};
