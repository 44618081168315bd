/** Numbers as the usage page writes them: tokens with separators, USD with enough digits to show small costs, callers by name. */

const tokenFormat = new Intl.NumberFormat('en-US');

export function formatTokens(tokens: number): string {
  return tokenFormat.format(Math.round(tokens));
}

/** `$0.0123`: four decimals below a dollar (a request often costs a fraction of a cent), two above. */
export function formatUsd(cost: number): string {
  return `$${cost.toFixed(cost > 0 && cost < 1 ? 4 : 2)}`;
}

/** A cost with the requests it leaves out: a total never looks complete when it is not. */
export function formatCost(cost: number, unpricedRequests: number): string {
  return unpricedRequests === 0 ? formatUsd(cost) : `${formatUsd(cost)} (+${unpricedRequests} unpriced)`;
}

/** The chat's requests are the caller `chat`; an extension is named by its id. */
export function callerName(caller: string): string {
  return caller === 'chat' ? 'Chat' : caller;
}

/** `2025-03-07` → `Mar 7` (the day is a calendar date: read in UTC, never shifted by a time zone). */
export function shortDay(day: string): string {
  return new Date(`${day}T00:00:00Z`).toLocaleDateString('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' });
}
