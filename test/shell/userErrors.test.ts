/**
 * Errors as the chat shows them: the core's classes (recognised by name, so a copy from another
 * bundle counts) become a sentence to act on, the core's detail, and the right buttons; nothing
 * that looks like a credential reaches the text.
 */

import assert from 'node:assert/strict';
import {
  APIConnectionError,
  APIError,
  AuthenticationError,
  BadRequestError,
  ContentPolicyViolationError,
  ContextWindowExceededError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ServiceUnavailableError,
  Timeout,
  UnprocessableEntityError,
  UnsupportedParamsError,
} from '../../src/core';
import type { ChatErrorView } from '../../src/protocol/messages';
import { maskSecrets, userFacingError } from '../../src/shell/chat/userErrors';

const setKey = "Set it with 'Switchboard: Set API Key'.";
const pick = "Pick another with 'Switchboard: Select Model'.";

describe('user-facing errors', () => {
  const cases: [string, unknown, ChatErrorView][] = [
    [
      'a rejected key',
      new AuthenticationError({ message: 'OpenAI (401): Incorrect API key provided.', llm_provider: 'openai', model: 'openai/gpt-4o' }),
      { message: `OpenAI did not accept the API key, or none is set. ${setKey} Details: OpenAI (401): Incorrect API key provided.`, kind: 'AuthenticationError', actions: ['setApiKey'] },
    ],
    [
      'a missing key, the provider known only from the model',
      new AuthenticationError({ message: 'No API key for Anthropic.', model: 'anthropic/claude-sonnet-4-5' }),
      { message: `Anthropic did not accept the API key, or none is set. ${setKey} Details: No API key for Anthropic.`, kind: 'AuthenticationError', actions: ['setApiKey'] },
    ],
    [
      'an unknown model (404)',
      new NotFoundError({ message: 'The model `gpt-9` does not exist.', llm_provider: 'openai', model: 'openai/gpt-9' }),
      { message: `OpenAI does not offer openai/gpt-9. ${pick} Details: The model \`gpt-9\` does not exist.`, kind: 'NotFoundError', actions: ['selectModel'] },
    ],
    [
      'a 400 about the model',
      new BadRequestError({ message: 'Invalid model: mistral-huge.', llm_provider: 'mistral', model: 'mistral/mistral-huge' }),
      { message: `Mistral does not offer mistral/mistral-huge. ${pick} Details: Invalid model: mistral-huge.`, kind: 'BadRequestError', actions: ['selectModel'] },
    ],
    [
      'a 400 naming the model parameter',
      new BadRequestError({ message: 'Bad value.', llm_provider: 'groq', param: 'model' }),
      { message: `Groq does not offer the selected model. ${pick} Details: Bad value.`, kind: 'BadRequestError', actions: ['selectModel'] },
    ],
    [
      'another 400',
      new BadRequestError({ message: "Unsupported value: 'messages[0].role' does not support 'system' with this model.", llm_provider: 'openai' }),
      { message: "OpenAI rejected the request. Details: Unsupported value: 'messages[0].role' does not support 'system' with this model.", kind: 'BadRequestError', actions: ['showLogs'] },
    ],
    [
      'a 422',
      new UnprocessableEntityError({ message: 'Unprocessable.', llm_provider: 'openai' }),
      { message: 'OpenAI rejected the request. Details: Unprocessable.', kind: 'UnprocessableEntityError', actions: ['showLogs'] },
    ],
    [
      'a conversation too long for the window',
      new ContextWindowExceededError({ message: 'maximum context length is 128000 tokens', llm_provider: 'openai', model: 'openai/gpt-4o' }),
      {
        message: "This conversation is too long for openai/gpt-4o's context window. Start a new chat, or pick a model with a larger window. Details: maximum context length is 128000 tokens",
        kind: 'ContextWindowExceededError',
        actions: ['selectModel'],
      },
    ],
    [
      'a content filter',
      new ContentPolicyViolationError({ message: 'Blocked.', llm_provider: 'azure' }),
      { message: "Azure OpenAI's content filter blocked the question or the answer. Details: Blocked.", kind: 'ContentPolicyViolationError', actions: [] },
    ],
    [
      'an unsupported parameter',
      new UnsupportedParamsError({ message: 'tools are not supported', llm_provider: 'ollama', model: 'ollama/tiny' }),
      { message: 'ollama/tiny does not support this request. Try another model. Details: tools are not supported', kind: 'UnsupportedParamsError', actions: ['selectModel'] },
    ],
    [
      'a forbidden model',
      new PermissionDeniedError({ message: 'Forbidden.', llm_provider: 'gemini', model: 'gemini/gemini-ultra' }),
      { message: 'Gemini refused access to gemini/gemini-ultra: the key may not be allowed to use it. Details: Forbidden.', kind: 'PermissionDeniedError', actions: ['setApiKey', 'selectModel'] },
    ],
    [
      'a refused connection',
      new APIConnectionError({ message: 'connection refused by http://localhost:1234', llm_provider: 'lmstudio' }),
      { message: 'Could not reach LM Studio. Check the network, the proxy or the base URL, then retry. Details: connection refused by http://localhost:1234', kind: 'APIConnectionError', actions: ['retry', 'testConnection', 'showLogs'] },
    ],
    [
      'an untrusted certificate',
      new APIConnectionError({
        message: "The certificate of https://llm.corp.example is not trusted (UNABLE_TO_GET_ISSUER_CERT_LOCALLY). If your company uses its own certificate authority, add it in 'switchboard.http.caCertificates'.",
        code: 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
        llm_provider: 'openai',
      }),
      {
        message:
          "OpenAI's certificate is not trusted, so nothing was sent. Details: The certificate of https://llm.corp.example is not trusted (UNABLE_TO_GET_ISSUER_CERT_LOCALLY). If your company uses its own certificate authority, add it in 'switchboard.http.caCertificates'.",
        kind: 'APIConnectionError',
        actions: ['openSettings', 'testConnection', 'showLogs'],
      },
    ],
    [
      'a proxy that wants credentials',
      new APIConnectionError({ message: 'The proxy http://proxy.corp:3128 asked for credentials (407 Proxy Authentication Required).', code: 'PROXY_AUTHENTICATION_REQUIRED', llm_provider: 'anthropic' }),
      {
        message: 'The proxy did not let the request to Anthropic through. Details: The proxy http://proxy.corp:3128 asked for credentials (407 Proxy Authentication Required).',
        kind: 'APIConnectionError',
        actions: ['openSettings', 'testConnection', 'retry'],
      },
    ],
    [
      'a CA file of the settings that cannot be used',
      new APIConnectionError({ message: 'The CA certificate file /etc/ca.pem (from the caCertificates setting) cannot be used: it does not exist. Fix the path or the file.', code: 'CA_FILE_UNUSABLE' }),
      {
        message: 'A certificate file in the settings cannot be used. Details: The CA certificate file /etc/ca.pem (from the caCertificates setting) cannot be used: it does not exist. Fix the path or the file.',
        kind: 'APIConnectionError',
        actions: ['openSettings', 'showLogs'],
      },
    ],
    [
      'a timeout',
      new Timeout({ message: 'no response within 600 s', llm_provider: 'openrouter' }),
      { message: 'OpenRouter did not answer in time. Details: no response within 600 s', kind: 'Timeout', actions: ['retry', 'testConnection', 'showLogs'] },
    ],
    [
      'a rate limit',
      new RateLimitError({ message: 'Slow down.', llm_provider: 'openai' }),
      { message: 'OpenAI is receiving too many requests. Wait a moment, then retry. Details: Slow down.', kind: 'RateLimitError', actions: ['retry', 'showLogs'] },
    ],
    [
      'an exhausted quota',
      new RateLimitError({ message: 'You exceeded your current quota.', llm_provider: 'openai', retryable: false }),
      { message: "OpenAI says the account's quota is used up: check its plan and billing. Details: You exceeded your current quota.", kind: 'RateLimitError', actions: ['retry', 'showLogs'] },
    ],
    [
      'an overloaded provider',
      new ServiceUnavailableError({ message: 'Overloaded.', llm_provider: 'anthropic', status_code: 529 }),
      { message: 'Anthropic is overloaded or unavailable right now. Retry in a moment. Details: Overloaded.', kind: 'ServiceUnavailableError', actions: ['retry', 'showLogs'] },
    ],
    [
      'a server error',
      new InternalServerError({ message: 'Oops.', llm_provider: 'deepseek' }),
      { message: 'DeepSeek reported an error (500). Details: Oops.', kind: 'InternalServerError', actions: ['retry', 'showLogs'] },
    ],
    [
      'another API error',
      new APIError({ message: 'Teapot.', llm_provider: 'xai', status_code: 418 }),
      { message: 'xAI reported an error (418). Details: Teapot.', kind: 'APIError', actions: ['retry', 'showLogs'] },
    ],
    [
      "a core error from another bundle (a plain object with the class's name)",
      { name: 'AuthenticationError', message: 'Rejected.', llm_provider: 'my-endpoint', status_code: 401 },
      { message: `my-endpoint did not accept the API key, or none is set. ${setKey} Details: Rejected.`, kind: 'AuthenticationError', actions: ['setApiKey'] },
    ],
    [
      'an unknown error',
      new TypeError('Cannot read properties of undefined'),
      { message: 'Something went wrong while answering. Details: Cannot read properties of undefined', kind: 'Error', actions: ['retry', 'showLogs'] },
    ],
    ['a thrown string', 'socket hang up', { message: 'Something went wrong while answering. Details: socket hang up', kind: 'Error', actions: ['retry', 'showLogs'] }],
    ['nothing at all', undefined, { message: 'Something went wrong while answering.', kind: 'Error', actions: ['retry', 'showLogs'] }],
  ];
  for (const [label, error, expected] of cases) {
    it(`shows ${label}`, () => {
      assert.deepStrictEqual(userFacingError(error), expected);
    });
  }

  it('speaks through the given localizer', () => {
    const view = userFacingError(new Timeout({ message: 'slow', llm_provider: 'openai' }), (message, ...args) => `«${message}»[${args.join('|')}]`);
    assert.deepStrictEqual(view, { message: '«{0} did not answer in time.»[OpenAI] «Details: {0}»[slow]', kind: 'Timeout', actions: ['retry', 'testConnection', 'showLogs'] });
  });

  it('masks anything that looks like a credential, and cuts very long details', () => {
    const message = [
      'Proxy said: Authorization: Bearer abcdefghijklmnop1234',
      'x-api-key: sk-ant-api03-SECRETSECRETSECRET',
      'echo: {"api_key":"hunter2hunter2"}',
      'key=AIzaSyA1234567890abcdefghijklmnopqrstu',
      'leaked sk-proj-0123456789abcdefghijklmnop',
      'sent Bearer abcdefgh12345678',
    ].join('; ');
    assert.equal(
      maskSecrets(message),
      'Proxy said: Authorization: …; x-api-key: …; echo: {"api_key":"…"}; key=AIz…rstu; leaked sk-…mnop; sent Bearer …',
    );
    const long = userFacingError(new APIError({ message: 'x'.repeat(5_000), llm_provider: 'openai', status_code: 599 })).message;
    assert.ok(long.length < 800 && long.endsWith('x…'), `${long.length} characters`);
  });
});
