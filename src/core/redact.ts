/**
 * Keys must never reach a message, a log line or an error body. Providers sometimes echo part of
 * a key back; we replace any occurrence of the key we sent before text leaves the core.
 */

const placeholder = '[redacted]';

/** `text` with every occurrence of each secret replaced. Secrets shorter than 8 characters are left alone (too likely to match ordinary words). */
export function redact(text: string, secrets: readonly (string | undefined)[]): string {
  let result = text;
  for (const secret of secrets) {
    if (secret !== undefined && secret.length >= 8 && result.includes(secret)) {
      result = result.split(secret).join(placeholder);
    }
  }
  return result;
}

/** A deep copy of a JSON value with secrets redacted from every string. */
export function redactDeep(value: unknown, secrets: readonly (string | undefined)[]): unknown {
  if (typeof value === 'string') {
    return redact(value, secrets);
  }
  if (Array.isArray(value)) {
    return value.map((item) => redactDeep(item, secrets));
  }
  if (typeof value === 'object' && value !== null) {
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      copy[key] = redactDeep(item, secrets);
    }
    return copy;
  }
  return value;
}

/** How a key may appear in a log: `sk-…abcd`, never more. */
export function maskKey(key: string | undefined): string {
  if (key === undefined || key.length === 0) {
    return '(none)';
  }
  if (key.length < 12) {
    return '…';
  }
  return `${key.slice(0, 3)}…${key.slice(-4)}`;
}
