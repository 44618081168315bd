/**
 * The Model Settings fields as the user typed them, read into `ModelSettings` values the host's
 * guard accepts (so what the view posts is never refused there): empty is the default, anything
 * else must be in range or it is refused in place, never posted.
 */

import { protocolLimits } from '../src/protocol/messages';
import { type ModelSettings } from '../src/protocol/requestViews';

/** A field's reading: a value, the default (`value` undefined), or refused. */
export type FieldReading<T> = { ok: true; value: T | undefined } | { ok: false };

const refused = { ok: false } as const;

/**
 * A number field: empty is the default; `unreadable` is the browser's word that the box holds no
 * number at all (a number input's `badInput`), which is refused, not taken for empty; otherwise
 * `accept` gives the value or undefined to refuse it.
 */
function readNumber(text: string, unreadable: boolean, accept: (value: number) => number | undefined): FieldReading<number> {
  const trimmed = text.trim();
  if (unreadable) {
    return refused;
  }
  if (trimmed === '') {
    return { ok: true, value: undefined };
  }
  const value = accept(Number(trimmed));
  return value === undefined ? refused : { ok: true, value };
}

/** A temperature from 0 to 2 in steps of 0.1. */
export function readTemperature(text: string, unreadable = false): FieldReading<number> {
  return readNumber(text, unreadable, (value) => {
    const tenths = value * 10;
    return !Number.isFinite(value) || value < 0 || value > 2 || Math.abs(tenths - Math.round(tenths)) > 1e-9 ? undefined : Math.round(tenths) / 10;
  });
}

/** The most output tokens: a whole number from 1 to the model's limit (the protocol's when unknown). */
export function readMaxTokens(text: string, limit: number | undefined, unreadable = false): FieldReading<number> {
  return readNumber(text, unreadable, (value) => (!Number.isInteger(value) || value < 1 || value > maxTokensLimit(limit) ? undefined : value));
}

export function maxTokensLimit(modelLimit: number | undefined): number {
  return Math.min(modelLimit ?? protocolLimits.maxTokens, protocolLimits.maxTokens);
}

/** The settings as one comparable text (fields in a fixed order), to post only a real change. */
export function settingsKey(settings: ModelSettings): string {
  return JSON.stringify([settings.reasoning ?? null, settings.temperature ?? null, settings.maxTokens ?? null]);
}
