/**
 * Tokens and cost as short text ("1,204 in · 310 out · $0.0021"), counts at a glance ("1.2k
 * tokens", "12k / 200k") and durations ("1.2 s"). A count the provider did not report is left out,
 * never shown as 0.
 */

import type { UsageView } from '../../src/protocol/messages';
import { t } from '../l10n';

/**
 * A count with its thousands grouped: commas in English, a narrow no-break space elsewhere (the
 * SI convention every locale reads). Not Intl.NumberFormat: building one costs tens of
 * milliseconds on first use, inside the frame that draws a chat.
 */
export function formatCount(value: number): string {
  const separator = isEnglish() ? ',' : '\u202f';
  return String(Math.round(value)).replace(/\B(?=(\d{3})+(?!\d))/g, separator);
}

function isEnglish(): boolean {
  return (document.documentElement.lang || 'en').toLowerCase().startsWith('en');
}

/**
 * A count at a glance: "850", "1.2k", "12k", "200k", "1.5M" (a decimal only below ten of the
 * unit, and none when it is .0). English writes the decimal with a point, others with a comma.
 */
export function formatCompact(value: number): string {
  const rounded = Math.round(value);
  if (rounded < 1000) {
    return String(rounded);
  }
  const [unit, suffix] = rounded < 999_500 ? [1000, 'k'] : [1_000_000, 'M'];
  const scaled = rounded / unit;
  const text = scaled < 9.95 ? (Math.round(scaled * 10) / 10).toString() : String(Math.round(scaled));
  return `${isEnglish() ? text : text.replace('.', ',')}${suffix}`;
}

/** A size in tokens at a glance: "1 token", "1.2k tokens". */
export function formatTokens(value: number): string {
  return Math.round(value) === 1 ? t('oneToken') : t('tokens', { count: formatCompact(value) });
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
    parts.push(t('tokensInOut', { prompt: formatCount(promptTokens), completion: formatCount(completionTokens) }));
  } else if (promptTokens !== undefined || completionTokens !== undefined) {
    parts.push(t('tokens', { count: formatCount((promptTokens ?? 0) + (completionTokens ?? 0)) }));
  }
  if (usage.reasoningTokens !== undefined) {
    parts.push(t('reasoningTokens', { count: formatCount(usage.reasoningTokens) }));
  }
  if (usage.cachedTokens !== undefined) {
    parts.push(t('cachedTokens', { count: formatCount(usage.cachedTokens) }));
  }
  if (usage.cost !== undefined && Number.isFinite(usage.cost)) {
    parts.push(formatCost(usage.cost));
  }
  return parts.join(' · ');
}

/** A duration at a glance: "850 ms", "1.2 s", "12 s", "2 min 5 s". */
export function formatDuration(milliseconds: number): string {
  if (milliseconds < 1000) {
    return t('durationMs', { count: Math.max(0, Math.round(milliseconds)) });
  }
  const seconds = milliseconds / 1000;
  if (seconds < 60) {
    const shown = seconds < 9.95 ? (Math.round(seconds * 10) / 10).toString() : String(Math.round(seconds));
    return t('durationSeconds', { count: isEnglish() ? shown : shown.replace('.', ',') });
  }
  const whole = Math.round(seconds);
  return t('durationMinutes', { minutes: Math.floor(whole / 60), seconds: whole % 60 });
}
