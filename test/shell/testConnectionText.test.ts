/**
 * "Test Connection" in plain words: the verdict for a report that passed, failed at a step, or had
 * nothing to test; one line per step with its outcome; the buttons for the failed step. And the
 * picker's order: set-up providers and endpoints first.
 */

import assert from 'node:assert/strict';
import type { ConnectionReport, ConnectionStep } from '../../src/core';
import { formatMessage, type Localize } from '../../src/shell/chat/localize';
import { connectionChoices, connectionTargetOfModel } from '../../src/shell/commands/connectionTargets';
import { readConfig } from '../../src/shell/config';
import { connectionReportText } from '../../src/shell/connectionReportText';
import { settingsSource } from './shellFakes';

function report(steps: ConnectionStep[]): ConnectionReport {
  return { provider: 'openai', providerName: 'OpenAI', url: 'https://api.openai.com/v1', steps, ok: steps.every((step) => step.outcome !== 'failed') };
}

const settings: ConnectionStep = { name: 'settings', outcome: 'passed', summary: 'Requests for OpenAI go to https://api.openai.com/v1 through the proxy http://proxy.corp:3128 (from the settings).', detail: "Certificates are checked against Node's roots. Key: the stored one." };
const skippedAfterFailure = (name: ConnectionStep['name']): ConnectionStep => ({ name, outcome: 'skipped', summary: 'Not checked: an earlier step failed.' });

describe('Test Connection: the report in plain words', () => {
  it('a report that passed: the verdict lists what passed; each step reads with its outcome and detail', () => {
    const text = connectionReportText(
      report([
        settings,
        { name: 'proxy', outcome: 'passed', summary: 'The proxy http://proxy.corp:3128 opened a tunnel to api.openai.com:443.', ms: 40 },
        { name: 'dns', outcome: 'skipped', summary: 'The proxy looks up api.openai.com.' },
        { name: 'tcp', outcome: 'skipped', summary: 'The proxy connects to api.openai.com:443.' },
        { name: 'tls', outcome: 'passed', summary: 'The certificate of https://api.openai.com is trusted (TLSv1.3).', detail: 'Certificate: subject CN=api.openai.com; issuer CN=Corp Root; valid until 2026-03-01.' },
        { name: 'http', outcome: 'passed', summary: 'OpenAI answered the model list request in 120 ms (83 models).' },
        { name: 'auth', outcome: 'passed', summary: 'OpenAI accepted the key.' },
      ]),
      'OpenAI',
      formatMessage,
    );
    assert.deepStrictEqual(text, {
      message: 'Connection to OpenAI works: proxy, TLS, HTTP and key all passed.',
      lines: [
        '✓ Settings passed: Requests for OpenAI go to https://api.openai.com/v1 through the proxy http://proxy.corp:3128 (from the settings).',
        "    Certificates are checked against Node's roots. Key: the stored one.",
        '✓ Proxy passed: The proxy http://proxy.corp:3128 opened a tunnel to api.openai.com:443.',
        '– DNS skipped: The proxy looks up api.openai.com.',
        '– TCP skipped: The proxy connects to api.openai.com:443.',
        '✓ TLS passed: The certificate of https://api.openai.com is trusted (TLSv1.3).',
        '    Certificate: subject CN=api.openai.com; issuer CN=Corp Root; valid until 2026-03-01.',
        '✓ HTTP passed: OpenAI answered the model list request in 120 ms (83 models).',
        '✓ Key passed: OpenAI accepted the key.',
      ],
      actions: ['showLog'],
    });
  });

  it('a failure names its step, says what to do, and offers the button that fixes it', () => {
    const failedAt = (step: ConnectionStep, before: ConnectionStep[], after: ConnectionStep['name'][]): ConnectionReport => report([...before, step, ...after.map(skippedAfterFailure)]);
    const direct: ConnectionStep[] = [
      { ...settings, summary: 'Requests for OpenAI go to https://api.openai.com/v1 directly (no proxy configured).' },
      { name: 'proxy', outcome: 'skipped', summary: 'No proxy: no proxy configured.' },
    ];
    const reached: ConnectionStep[] = [
      ...direct,
      { name: 'dns', outcome: 'passed', summary: 'api.openai.com resolves to 162.159.140.245.' },
      { name: 'tcp', outcome: 'passed', summary: 'Connected to 162.159.140.245:443 in 12 ms.' },
    ];
    const texts = [
      failedAt(
        { name: 'tls', outcome: 'failed', summary: 'The certificate of https://api.openai.com is not trusted (UNABLE_TO_GET_ISSUER_CERT_LOCALLY).', detail: "If your company uses its own certificate authority, add it in 'switchboard.http.caCertificates'." },
        reached,
        ['http', 'auth'],
      ),
      failedAt({ name: 'auth', outcome: 'failed', summary: 'OpenAI rejected the key (401).', detail: 'OpenAI (401): Incorrect API key provided. Set a valid key, then test again.' }, [
        ...reached,
        { name: 'tls', outcome: 'passed', summary: 'The certificate of https://api.openai.com is trusted (TLSv1.3).' },
        { name: 'http', outcome: 'passed', summary: 'OpenAI answered 401 to the model list request.' },
      ], []),
      failedAt({ name: 'proxy', outcome: 'failed', summary: 'The proxy http://proxy.corp:3128 wants credentials (407 Proxy Authentication Required).' }, [settings], ['dns', 'tcp', 'tls', 'http', 'auth']),
      failedAt({ name: 'dns', outcome: 'failed', summary: 'Could not resolve api.openai.com: no such host (ENOTFOUND).' }, direct, ['tcp', 'tls', 'http', 'auth']),
    ].map((failed) => connectionReportText(failed, 'OpenAI', formatMessage));
    assert.deepStrictEqual(
      texts.map((text) => [text.message, text.actions, text.lines.filter((line) => line.startsWith('✗')), text.lines.filter((line) => line.startsWith('–')).length]),
      [
        [
          "Connection to OpenAI failed at TLS: The certificate of https://api.openai.com is not trusted (UNABLE_TO_GET_ISSUER_CERT_LOCALLY). A company CA goes in 'switchboard.http.caCertificates'; a server's own CA in the provider's 'caCertificates'.",
          ['openSettings', 'showLog'],
          ['✗ TLS FAILED: The certificate of https://api.openai.com is not trusted (UNABLE_TO_GET_ISSUER_CERT_LOCALLY).'],
          3,
        ],
        ["Connection to OpenAI failed at Key: OpenAI rejected the key (401). Set the key with 'Switchboard: Set API Key'.", ['setApiKey', 'showLog'], ['✗ Key FAILED: OpenAI rejected the key (401).'], 1],
        [
          "Connection to OpenAI failed at Proxy: The proxy http://proxy.corp:3128 wants credentials (407 Proxy Authentication Required). The proxy comes from the provider's 'proxy', 'switchboard.http.proxy', VS Code's 'http.proxy' (with 'http.proxyAuthorization'), or HTTPS_PROXY, in that order.",
          ['openSettings', 'showLog'],
          ['✗ Proxy FAILED: The proxy http://proxy.corp:3128 wants credentials (407 Proxy Authentication Required).'],
          5,
        ],
        ['Connection to OpenAI failed at DNS: Could not resolve api.openai.com: no such host (ENOTFOUND).', ['openSettings', 'showLog'], ['✗ DNS FAILED: Could not resolve api.openai.com: no such host (ENOTFOUND).'], 5],
      ],
    );
  });

  it('nothing to test (the offline mock), one step passed, and a key checked later read naturally', () => {
    const offline = report([{ name: 'settings', outcome: 'passed', summary: 'Mock answers without a network: there is no connection to test.' }, ...(['proxy', 'dns', 'tcp', 'tls', 'http', 'auth'] as const).map((name): ConnectionStep => ({ name, outcome: 'skipped', summary: 'Not needed.' }))]);
    const azure = report([
      settings,
      { name: 'proxy', outcome: 'passed', summary: 'The proxy opened a tunnel.' },
      { name: 'dns', outcome: 'skipped', summary: 'The proxy looks it up.' },
      { name: 'tcp', outcome: 'skipped', summary: 'The proxy connects.' },
      { name: 'tls', outcome: 'passed', summary: 'Trusted.' },
      { name: 'http', outcome: 'skipped', summary: 'Azure OpenAI has no model list to ask, so no request was sent.' },
      { name: 'auth', outcome: 'skipped', summary: 'The key is checked by the first chat request.' },
    ]);
    const single = report([settings, { name: 'proxy', outcome: 'passed', summary: 'Tunnel.' }, ...(['dns', 'tcp', 'tls', 'http', 'auth'] as const).map((name): ConnectionStep => ({ name, outcome: 'skipped', summary: `${name} later.` }))]);
    assert.deepStrictEqual(
      [connectionReportText(offline, 'Mock', formatMessage).message, connectionReportText(azure, 'Azure OpenAI', formatMessage).message, connectionReportText(single, 'OpenAI', formatMessage).message],
      [
        'Mock answers without a network: there is no connection to test.',
        'Connection to Azure OpenAI works: proxy and TLS all passed. The key is checked by the first chat request.',
        'Connection to OpenAI works: proxy passed. auth later.',
      ],
    );
  });

  it('step names, outcomes and the list of passed steps are whole translated strings, joined by the bundle\'s list patterns', () => {
    const japanese: Record<string, string> = {
      proxy: 'プロキシ',
      Proxy: 'プロキシ',
      key: 'キー',
      Key: 'キー',
      Settings: '設定',
      '{0}, {1}': '{0}、{1}',
      '{0} and {1}': '{0}と{1}',
      '{0} passed: {1}': '{0} 成功: {1}',
      '{0} skipped: {1}': '{0} 省略: {1}',
      'Connection to {0} works: {1} all passed.': '{0} への接続は正常です: {1} はすべて成功しました。',
    };
    const localize: Localize = (message, ...args) => formatMessage(japanese[message] ?? message, ...args);
    const text = connectionReportText(
      report([
        settings,
        { name: 'proxy', outcome: 'passed', summary: 'Tunnel.' },
        { name: 'dns', outcome: 'skipped', summary: 'Via the proxy.' },
        { name: 'tcp', outcome: 'skipped', summary: 'Via the proxy.' },
        { name: 'tls', outcome: 'passed', summary: 'Trusted.' },
        { name: 'http', outcome: 'passed', summary: 'Answered.' },
        { name: 'auth', outcome: 'passed', summary: 'Accepted.' },
      ]),
      'OpenAI',
      localize,
    );
    assert.deepStrictEqual(
      { message: text.message, lines: text.lines.filter((line) => !line.startsWith('    ')) },
      {
        message: 'OpenAI への接続は正常です: プロキシ、TLS、HTTPとキー はすべて成功しました。',
        lines: ['✓ 設定 成功: ' + settings.summary, '✓ プロキシ 成功: Tunnel.', '– DNS 省略: Via the proxy.', '– TCP 省略: Via the proxy.', '✓ TLS 成功: Trusted.', '✓ HTTP 成功: Answered.', '✓ キー 成功: Accepted.'],
      },
    );
  });

  it('masks anything that looks like a key, should a server echo one into a step', () => {
    const text = connectionReportText(
      report([settings, { name: 'auth', outcome: 'failed', summary: 'OpenAI rejected the key (401).', detail: 'Incorrect API key provided: sk-proj-abcdefghijklmnopqrstuvwxyz123456.' }]),
      'OpenAI',
      formatMessage,
    );
    assert.ok(!JSON.stringify(text).includes('abcdefghijklmnopqrstuvwxyz'), JSON.stringify(text));
  });
});

describe('Test Connection: what the picker offers', () => {
  it('keys first (stored or from the environment), then endpoints, configured providers, local servers, the rest; never the mock', () => {
    const { config } = readConfig(
      settingsSource({
        providers: { azure: { baseUrl: 'https://res.openai.azure.com' } },
        customEndpoints: [
          { name: 'lab', baseUrl: 'http://gpu-box:8000/v1' },
          { name: 'scratch', baseUrl: 'http://scratch:9000/v1' },
        ],
      }),
    );
    const choices = connectionChoices(config, new Set(['anthropic', 'endpoint:lab']), { GROQ_API_KEY: 'gsk-env' }, formatMessage);
    const first = choices.slice(0, 5).map((choice) => [choice.label, choice.description, choice.detail]);
    const local = choices.filter((choice) => choice.detail === 'local or keyless server').map((choice) => choice.description);
    assert.deepStrictEqual(
      { first, localIncludesOllama: local.includes('ollama') && local.includes('lmstudio'), lastIsWithoutKey: choices.at(-1)?.detail, mock: choices.some((choice) => choice.description === 'mock') },
      {
        first: [
          ['Groq', 'groq', 'key from GROQ_API_KEY'],
          ['Anthropic', 'anthropic', 'key stored'],
          ['lab', 'http://gpu-box:8000/v1', 'custom endpoint · key stored'],
          ['scratch', 'http://scratch:9000/v1', 'custom endpoint'],
          ['Azure OpenAI', 'azure', 'configured in switchboard.providers'],
        ],
        localIncludesOllama: true,
        lastIsWithoutKey: 'not set up yet',
        mock: false,
      },
    );
  });

  it('cloud providers: "not set up yet" with nothing, set up with stored credentials or their environment, never "local"', () => {
    const { config } = readConfig(settingsSource({ providers: { vertex_ai: { project: 'my-project-1' } } }));
    const detailOf = (stored: string[], env: Record<string, string>) => {
      const choices = connectionChoices(config, new Set(stored), env, formatMessage);
      return Object.fromEntries(choices.filter((choice) => ['bedrock', 'vertex_ai'].includes(choice.description)).map((choice) => [choice.description, choice.detail]));
    };
    assert.deepStrictEqual(
      [detailOf([], {}), detailOf(['bedrock'], {}), detailOf([], { AWS_PROFILE: 'dev', GOOGLE_APPLICATION_CREDENTIALS: '/k.json' })],
      [
        { bedrock: 'not set up yet', vertex_ai: 'configured in switchboard.providers' },
        { bedrock: 'credentials stored', vertex_ai: 'configured in switchboard.providers' },
        { bedrock: 'credentials from AWS_PROFILE', vertex_ai: 'credentials from GOOGLE_APPLICATION_CREDENTIALS' },
      ],
    );
  });

  it("a failing answer's model leads to its endpoint or provider (aliases folded)", () => {
    const { config } = readConfig(settingsSource({ customEndpoints: [{ name: 'lab', baseUrl: 'http://gpu-box:8000/v1' }] }));
    assert.deepStrictEqual(
      ['lab/qwen', 'claude/claude-sonnet-4-5', 'nosuch/model', 'bare', undefined].map((model) => {
        const target = connectionTargetOfModel(config, model);
        return target === undefined ? undefined : target.kind === 'endpoint' ? `endpoint ${target.endpoint.name}` : `provider ${target.providerId}`;
      }),
      ['endpoint lab', 'provider anthropic', undefined, undefined, undefined],
    );
  });
});
