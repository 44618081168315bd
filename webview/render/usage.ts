/**
 * Tokens and cost as short text ("1,204 in · 310 out · $0.0021"). A count the provider did not
 * report is left out, never shown as 0.
 */

import type { UsageView } from '../../src/protocol/messages';
import { t } from '../l10n';

/**
 * A count with its thousands grouped: commas in English, a narrow no-break space elsewhere (the
 * SI convention every locale reads). Not Intl.NumberFormat: building one costs tens of
 * milliseconds on first use, inside the frame that draws a chat.
 */
function count(value: number): string {
  const separator = (document.documentElement.lang || 'en').toLowerCase().startsWith('en') ? ',' : '\u202f';
  return String(Math.round(value)).replace(/\B(?=(\d{3})+(?!\d))/g, separator);
}

/** US dollars: cents for sums of a cent or more, four decimals below, "< $0.0001" for less. */
function formatCost(cost: number): string {
  if (cost > 0 && cost < 0.0001) {
    return '< $0.0001';
  }
  return `$${cost.toFixed(cost >= 0.01 || cost === 0 ? 2 : 4)}`;
}

/** The usage line, or '' when nothing is known. */
export function formatUsage(usage: UsageView | undefined): string {
  if (usage === undefined) {
    return '';
  }
  const parts: string[] = [];
  const { promptTokens, completionTokens } = usage;
  if (promptTokens !== undefined && completionTokens !== undefined) {
    parts.push(t('tokensInOut', { prompt: count(promptTokens), completion: count(completionTokens) }));
  } else if (promptTokens !== undefined || completionTokens !== undefined) {
    parts.push(t('tokens', { count: count((promptTokens ?? 0) + (completionTokens ?? 0)) }));
  }
  if (usage.reasoningTokens !== undefined) {
    parts.push(t('reasoningTokens', { count: count(usage.reasoningTokens) }));
  }
  if (usage.cachedTokens !== undefined) {
    parts.push(t('cachedTokens', { count: count(usage.cachedTokens) }));
  }
  if (usage.cost !== undefined && Number.isFinite(usage.cost)) {
    parts.push(formatCost(usage.cost));
  }
  return parts.join(' · ');
}
