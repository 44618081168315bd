import { headerValue, type HeaderRecord } from './headers';

/**
 * Seconds a server asked us to wait: `retry-after-ms` (OpenAI, Azure), then `retry-after` as
 * seconds or as an HTTP date. Undefined when absent or unreadable.
 */
export function parseRetryAfter(headers: HeaderRecord, now: number = Date.now()): number | undefined {
  const milliseconds = headerValue(headers, 'retry-after-ms');
  if (milliseconds !== undefined) {
    const value = Number.parseFloat(milliseconds);
    if (Number.isFinite(value) && value >= 0) {
      return value / 1000;
    }
  }
  const retryAfter = headerValue(headers, 'retry-after');
  if (retryAfter === undefined || retryAfter.trim() === '') {
    return undefined;
  }
  const seconds = Number(retryAfter);
  if (Number.isFinite(seconds)) {
    return seconds >= 0 ? seconds : undefined;
  }
  const date = Date.parse(retryAfter);
  if (Number.isNaN(date)) {
    return undefined;
  }
  return Math.max(0, (date - now) / 1000);
}

/** Parses a protobuf-JSON duration such as Gemini's `RetryInfo.retryDelay` ("17s", "0.5s"). */
export function parseDurationSeconds(value: unknown): number | undefined {
  if (typeof value !== 'string') {
    return undefined;
  }
  const match = /^(\d+(?:\.\d+)?)s$/.exec(value.trim());
  return match ? Number.parseFloat(match[1] ?? '') : undefined;
}
