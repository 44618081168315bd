/**
 * Faults the provider answers with a status: 429 with `Retry-After` or `retry-after-ms` (retried
 * after that delay, within `num_retries`), 500, 502, 503 and 529 (retried with backoff, then a
 * clear error of the right class), and an HTML page where JSON or an event stream was expected.
 */

import { loadFixture } from '../../../helpers/fixtures';
import type { Reply } from '../../../helpers/wireServer';
import { assertBackoff, assertRequestCount, assertRetryAfter } from './faultChecks';
import { retryDelays, type ErrorClassName, type Fault } from './faultTypes';
import { answerReply, wires, type Wire } from './wires';

const pieces = ['Worth', ' the', ' wait', '.'];
const json = { 'content-type': 'application/json' };
const openai = wires.openai;

/** OpenAI's recorded 429 (its text says "try again in 26.604s"; the header must win). */
const rateLimited = loadFixture('openai/error_429_rate_limit_exceeded');

/** What a reverse proxy in front of a provider answers when the provider is down. */
const nginx502 = `<html>
<head><title>502 Bad Gateway</title></head>
<body>
<center><h1>502 Bad Gateway</h1></center>
<hr><center>nginx/1.25.3</center>
</body>
</html>
`;

/** A web UI served at a base URL that lacks its `/v1`. */
const welcomePage = '<!doctype html><html><head><title>Welcome to LocalAI</title></head><body><h1>It works</h1><p>Open the dashboard.</p></body></html>';

function rateLimitThenAnswer(name: string, headers: Record<string, string>, seconds: number): Fault {
  return {
    name,
    wire: openai,
    arrange: async (lab) => {
      const main = await lab.server((_, index) => (index === 0 ? { status: 429, headers: { ...json, ...headers }, body: rateLimited.body } : answerReply(openai, pieces)));
      return { apiBase: openai.apiBase(main.url), main };
    },
    expect: () => ({ kind: 'answer', text: pieces.join('') }),
    verify: ({ main }) => assertRetryAfter(main, openai, seconds),
  };
}

interface Persistent {
  wire: Wire;
  status: number;
  reply: Reply;
  errorClass: ErrorClassName;
  message: RegExp;
}

/** A status every time: retried num_retries (2) times with growing waits, then the typed error. */
function persistent({ wire, status, reply, errorClass, message }: Persistent): Fault {
  return {
    name: `${status} every time (num_retries 2)`,
    wire,
    settings: { maxRetries: 2 },
    arrange: async (lab) => {
      const main = await lab.server(() => ({ status, ...reply }));
      return { apiBase: wire.apiBase(main.url), main };
    },
    expect: () => ({ kind: 'error', errorClass, partial: '', message }),
    verify: ({ main }) => {
      assertRequestCount(main, wire, 3, 'the first try and num_retries retries');
      assertBackoff(main, wire, retryDelays);
    },
  };
}

const serverError = { headers: json, body: '{"error":{"message":"The server had an error while processing your request. Sorry about that!","type":"server_error","param":null,"code":null}}' };
const overloaded = { headers: json, body: '{"error":{"message":"The engine is currently overloaded, please try again later.","type":"server_error","param":null,"code":null}}' };

export const statusFaults: Fault[] = [
  rateLimitThenAnswer('429 with Retry-After: 1, then answers', { 'retry-after': '1' }, 1),
  rateLimitThenAnswer('429 with retry-after-ms: 300, then answers', { 'retry-after-ms': '300' }, 0.3),
  {
    name: '429 with retry-after-ms every time: gives up after num_retries (2)',
    wire: openai,
    settings: { maxRetries: 2 },
    arrange: async (lab) => {
      const main = await lab.server(() => ({ status: 429, headers: { ...json, 'retry-after-ms': '50' }, body: rateLimited.body }));
      return { apiBase: openai.apiBase(main.url), main };
    },
    expect: () => ({ kind: 'error', errorClass: 'RateLimitError', partial: '', message: /^OpenAI \(429\): Rate limit reached for gpt-4/ }),
    verify: ({ main }) => assertRequestCount(main, openai, 3, 'the first try and num_retries retries'),
  },
  persistent({ wire: openai, status: 500, reply: serverError, errorClass: 'InternalServerError', message: /^OpenAI \(500\): The server had an error/ }),
  persistent({ wire: openai, status: 502, reply: { headers: { 'content-type': 'text/html' }, body: nginx502 }, errorClass: 'ServiceUnavailableError', message: /^OpenAI \(502\): an HTML page: 502 Bad Gateway/ }),
  persistent({ wire: openai, status: 503, reply: overloaded, errorClass: 'ServiceUnavailableError', message: /^OpenAI \(503\): The engine is currently overloaded/ }),
  persistent({ wire: openai, status: 529, reply: overloaded, errorClass: 'ServiceUnavailableError', message: /^OpenAI \(529\): The engine is currently overloaded/ }),
  persistent({
    wire: wires.anthropic,
    status: 529,
    reply: { headers: json, body: loadFixture('anthropic/error_529_overloaded').body },
    errorClass: 'ServiceUnavailableError',
    message: /Overloaded/,
  }),
  {
    name: '500 once, then answers',
    wire: openai,
    arrange: async (lab) => {
      const main = await lab.server((_, index) => (index === 0 ? { status: 500, ...serverError } : answerReply(openai, pieces)));
      return { apiBase: openai.apiBase(main.url), main };
    },
    expect: () => ({ kind: 'answer', text: pieces.join('') }),
    verify: ({ main }) => assertRequestCount(main, openai, 2, 'retried once'),
  },
  {
    name: 'an HTML page (200) where an event stream was expected',
    wire: openai,
    arrange: async (lab) => {
      const main = await lab.server(() => ({ status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body: welcomePage }));
      return { apiBase: openai.apiBase(main.url), main };
    },
    expect: () => ({ kind: 'error', errorClass: 'APIError', partial: '', message: /answered 200 with something that is not an event stream: an HTML page: Welcome to LocalAI/ }),
    // The same URL will answer the same page: not worth a retry.
    verify: ({ main }) => assertRequestCount(main, openai, 1, 'not retried'),
  },
  {
    name: 'an HTML page (200) where JSON was expected (a whole answer)',
    wire: openai,
    ways: ['core client'],
    stream: false,
    arrange: async (lab) => {
      const main = await lab.server(() => ({ status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body: welcomePage }));
      return { apiBase: openai.apiBase(main.url), main };
    },
    expect: () => ({ kind: 'error', errorClass: 'APIError', partial: '', message: /answered 200 with something that is not JSON: an HTML page: Welcome to LocalAI/ }),
    verify: ({ main }) => assertRequestCount(main, openai, 1, 'not retried'),
  },
];
