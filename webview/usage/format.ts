/**
 * Numbers as the usage page writes them: tokens with the display language's separators, USD with
 * enough digits to show small costs, callers by name, days in the display language.
 */

import { t } from './l10n';

/** VS Code's display language, which the host puts on the page (`<html lang>`). */
function pageLanguage(): string {
  return document.documentElement.lang || 'en';
}

let tokenFormat: Intl.NumberFormat | undefined;

export function formatTokens(tokens: number): string {
  tokenFormat ??= new Intl.NumberFormat(pageLanguage());
  return tokenFormat.format(Math.round(tokens));
}

/** `$0.0123`: four decimals below a dollar (a request often costs a fraction of a cent), two above. */
export function formatUsd(cost: number): string {
  return `$${cost.toFixed(cost > 0 && cost < 1 ? 4 : 2)}`;
}

/** A cost with the requests it leaves out: a total never looks complete when it is not. */
export function formatCost(cost: number, unpricedRequests: number): string {
  return unpricedRequests === 0 ? formatUsd(cost) : t('costUnpriced', { cost: formatUsd(cost), count: unpricedRequests });
}

/** The chat's requests are the caller `chat`; an extension is named by its id. */
export function callerName(caller: string): string {
  return caller === 'chat' ? t('chatCaller') : caller;
}

/** `2025-03-07` → `Mar 7` in English, `7. März` in German (a calendar date: read in UTC, never shifted by a time zone). */
export function shortDay(day: string): string {
  return new Date(`${day}T00:00:00Z`).toLocaleDateString(pageLanguage(), { month: 'short', day: 'numeric', timeZone: 'UTC' });
}
