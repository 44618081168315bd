import { headerValue, type HeaderRecord } from './headers';

/** A plain non-negative decimal: `Number()` would also take `0x10`, `1e3` and `-5`. */
const decimal = /^\d+(?:\.\d+)?$/;

/**
 * The three HTTP-date forms (RFC 9110: IMF-fixdate, RFC 850, asctime). `Date.parse` alone reads
 * almost anything with a number in it ("abc 1" is a date in 2001), which would turn garbage into
 * "retry now".
 */
const httpDate = /^[A-Za-z]{3,9},? +(?:\d{1,2}[ -][A-Za-z]{3}[ -]\d{2,4} \d{2}:\d{2}:\d{2} GMT|[A-Za-z]{3} +\d{1,2} \d{2}:\d{2}:\d{2} \d{4})$/;

/**
 * Seconds a server asked us to wait: `retry-after-ms` (OpenAI, Azure), then `retry-after` as
 * seconds or as an HTTP date. Undefined when absent or unreadable.
 */
export function parseRetryAfter(headers: HeaderRecord, now: number = Date.now()): number | undefined {
  const milliseconds = headerValue(headers, 'retry-after-ms')?.trim();
  if (milliseconds !== undefined && decimal.test(milliseconds)) {
    return Number(milliseconds) / 1000;
  }
  const retryAfter = headerValue(headers, 'retry-after')?.trim();
  if (retryAfter === undefined || retryAfter === '') {
    return undefined;
  }
  if (decimal.test(retryAfter)) {
    return Number(retryAfter);
  }
  const date = httpDate.test(retryAfter) ? Date.parse(retryAfter) : Number.NaN;
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
