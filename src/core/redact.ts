/**
 * Keys must never reach a message, a log line or an error body. Providers sometimes echo part of
 * a key back; we replace any occurrence of the key we sent before text leaves the core.
 */

const placeholder = '[redacted]';

/** `text` with every occurrence of each secret replaced. Secrets shorter than 8 characters are left alone (too likely to match ordinary words). */
export function redact(text: string, secrets: readonly (string | undefined)[]): string {
  let result = text;
  // Longest first: a secret that contains a shorter one would otherwise be cut in two by the
  // shorter one's placeholder, and its remainder would leak.
  const ordered = secrets.length > 1 ? [...secrets].sort((a, b) => (b?.length ?? 0) - (a?.length ?? 0)) : secrets;
  for (const secret of ordered) {
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
      // Defined, not assigned: a body's own `__proto__` key would otherwise become the copy's prototype.
      Object.defineProperty(copy, key, { value: redactDeep(item, secrets), enumerable: true, writable: true, configurable: true });
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
  // A short self-hosted token would be half shown by prefix and suffix: show nothing of it.
  if (key.length < 20) {
    return '…';
  }
  return `${key.slice(0, 3)}…${key.slice(-4)}`;
}
