import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { parseDurationSeconds, parseRetryAfter } from '../../src/core/http/retryAfter';

const now = Date.parse('2015-10-21T07:28:00Z');

describe('parseRetryAfter', () => {
  const cases: { label: string; headers: Record<string, string | string[] | undefined>; seconds: number | undefined }[] = [
    { label: 'seconds', headers: { 'retry-after': '5' }, seconds: 5 },
    { label: 'zero seconds', headers: { 'retry-after': '0' }, seconds: 0 },
    { label: 'fractional seconds', headers: { 'retry-after': '1.5' }, seconds: 1.5 },
    { label: 'seconds with spaces', headers: { 'retry-after': ' 12 ' }, seconds: 12 },
    { label: 'the first of repeated headers', headers: { 'retry-after': ['7', '9'] }, seconds: 7 },
    { label: 'an IMF-fixdate 30 s ahead', headers: { 'retry-after': 'Wed, 21 Oct 2015 07:28:30 GMT' }, seconds: 30 },
    { label: 'an RFC 850 date 60 s ahead', headers: { 'retry-after': 'Wednesday, 21-Oct-15 07:29:00 GMT' }, seconds: 60 },
    { label: 'an asctime date 90 s ahead', headers: { 'retry-after': 'Wed Oct 21 07:29:30 2015' }, seconds: 90 },
    { label: 'a date in the past', headers: { 'retry-after': 'Wed, 21 Oct 2015 07:00:00 GMT' }, seconds: 0 },
    { label: 'retry-after-ms, which wins over retry-after', headers: { 'retry-after-ms': '250', 'retry-after': '10' }, seconds: 0.25 },
    { label: 'retry-after-ms alone', headers: { 'retry-after-ms': '1500.5' }, seconds: 1.5005 },
    { label: 'unreadable retry-after-ms, then retry-after', headers: { 'retry-after-ms': 'soon', 'retry-after': '3' }, seconds: 3 },
    { label: 'negative retry-after-ms, then retry-after', headers: { 'retry-after-ms': '-5', 'retry-after': '3' }, seconds: 3 },
    { label: 'no header', headers: {}, seconds: undefined },
    { label: 'an empty header', headers: { 'retry-after': '' }, seconds: undefined },
    { label: 'a blank header', headers: { 'retry-after': '   ' }, seconds: undefined },
    { label: 'a word', headers: { 'retry-after': 'soon' }, seconds: undefined },
    { label: 'a unit', headers: { 'retry-after': '5 seconds' }, seconds: undefined },
    { label: 'garbage with a number (Date.parse reads "abc 1" as 2001)', headers: { 'retry-after': 'abc 1' }, seconds: undefined },
    { label: 'a bare month and day', headers: { 'retry-after': 'May 5' }, seconds: undefined },
    { label: 'hexadecimal', headers: { 'retry-after': '0x10' }, seconds: undefined },
    { label: 'an exponent', headers: { 'retry-after': '1e3' }, seconds: undefined },
    { label: 'negative seconds', headers: { 'retry-after': '-5' }, seconds: undefined },
    { label: 'negative retry-after-ms alone', headers: { 'retry-after-ms': '-5' }, seconds: undefined },
    { label: 'retry-after-ms with trailing garbage', headers: { 'retry-after-ms': '100abc' }, seconds: undefined },
    { label: 'Infinity', headers: { 'retry-after': 'Infinity' }, seconds: undefined },
  ];

  it('reads each form, and gives undefined for anything unreadable', () => {
    assert.deepStrictEqual(
      cases.map(({ label, headers }) => [label, parseRetryAfter(headers, now)]),
      cases.map(({ label, seconds }) => [label, seconds]),
    );
  });

  it('measures an HTTP date from the current time by default', () => {
    const inTenSeconds = new Date(Math.ceil(Date.now() / 1000) * 1000 + 10_000).toUTCString();
    const seconds = parseRetryAfter({ 'retry-after': inTenSeconds });
    assert.ok(seconds !== undefined && seconds > 9 && seconds <= 11, `got ${String(seconds)} for ${inTenSeconds}`);
  });
});

describe('parseDurationSeconds', () => {
  it('reads protobuf-JSON durations and nothing else', () => {
    const inputs: unknown[] = ['17s', '0.5s', '3.000000001s', ' 2s ', '0s', '-1s', '1.5', 's', '1.s', '5m', '', 17, null, undefined, { seconds: 17 }];
    assert.deepStrictEqual(
      inputs.map((input) => parseDurationSeconds(input)),
      [17, 0.5, 3.000000001, 2, 0, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined],
    );
  });
});
