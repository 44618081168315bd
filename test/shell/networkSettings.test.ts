/**
 * The settings → the core's NetworkSettings, per provider and per custom endpoint: the provider's
 * own `proxy` / `strictSSL` / `caCertificates` over `switchboard.http.*` over VS Code's `http.*`
 * (the environment is the core's), `''` meaning direct, `~` expanded, `http.proxySupport: off`,
 * and every malformed value reported (never a password) rather than thrown.
 */

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { providerSettingsFrom } from '../../src/shell/configuredClient';
import { readConfig } from '../../src/shell/config';
import { settingsSource } from './shellFakes';

const home = '/home/me';

/** The network settings `provider` gets (at `apiBase`, for an endpoint) with these settings. */
function networkOf(switchboard: Record<string, unknown>, http: Record<string, unknown>, provider = 'openai', apiBase?: string): unknown {
  const { config, problems } = readConfig(settingsSource(switchboard), { http: settingsSource(http), home });
  assert.deepStrictEqual(problems, [], 'these rows are well-formed');
  return providerSettingsFrom(config, provider, apiBase).network;
}

describe('network settings per provider', () => {
  it('follows the precedence: provider > switchboard.http > http > (the environment, left to the core)', () => {
    const corp = 'http://proxy.corp:3128';
    const own = 'http://alice:s3cret@team-proxy:8080';
    const rows: [string, unknown][] = [
      ['nothing set: the core reads the environment', networkOf({}, {})],
      ["VS Code's http.proxy", networkOf({}, { proxy: corp })],
      ['switchboard.http.proxy over http.proxy', networkOf({ 'http.proxy': 'http://sb-proxy:3128' }, { proxy: corp })],
      ["switchboard.http.proxy '' falls through to http.proxy", networkOf({ 'http.proxy': '' }, { proxy: corp })],
      ['http.proxySupport off: http.proxy ignored', networkOf({}, { proxy: corp, proxySupport: 'off' })],
      ['http.proxySupport off: switchboard.http.proxy still applies', networkOf({ 'http.proxy': 'http://sb-proxy:3128' }, { proxy: corp, proxySupport: 'off' })],
      ["a provider's proxy '' is direct, whatever else says", networkOf({ providers: { openai: { proxy: '' } } }, { proxy: corp, proxyAuthorization: 'Basic Zm9vOmJhcg==' })],
      ["a provider's own proxy wins, and VS Code's proxy header is not sent to it", networkOf({ providers: { openai: { proxy: own } } }, { proxy: corp, proxyAuthorization: 'Basic Zm9vOmJhcg==' })],
      ['another provider keeps the global proxy and its header', networkOf({ providers: { openai: { proxy: '' } } }, { proxy: corp, proxyAuthorization: 'Basic Zm9vOmJhcg==' }, 'anthropic')],
      ['http.noProxy is passed on; an empty list leaves NO_PROXY in force', [networkOf({}, { noProxy: ['.corp.example', 'localhost:11434', '<-loopback>'] }), networkOf({}, { noProxy: [] })]],
      ['http.proxyStrictSSL false turns checks off; a provider may turn them back on', [networkOf({}, { proxyStrictSSL: false }), networkOf({ providers: { openai: { strictSSL: true } } }, { proxyStrictSSL: false })]],
      ["a provider's strictSSL false", networkOf({ providers: { ollama: { strictSSL: false } } }, {}, 'ollama')],
      ["CA files add up: switchboard.http's (~ expanded) then the provider's", networkOf({ 'http.caCertificates': ['~/certs/corp.pem', '/etc/ssl/extra.pem'], providers: { openai: { caCertificates: ['/opt/ca/openai-gw.pem', '~/certs/corp.pem'] } } }, {})],
    ];
    assert.deepStrictEqual(rows, [
      ['nothing set: the core reads the environment', {}],
      ["VS Code's http.proxy", { proxy: corp }],
      ['switchboard.http.proxy over http.proxy', { proxy: 'http://sb-proxy:3128' }],
      ["switchboard.http.proxy '' falls through to http.proxy", { proxy: corp }],
      ['http.proxySupport off: http.proxy ignored', {}],
      ['http.proxySupport off: switchboard.http.proxy still applies', { proxy: 'http://sb-proxy:3128' }],
      ["a provider's proxy '' is direct, whatever else says", { proxy: '' }],
      ["a provider's own proxy wins, and VS Code's proxy header is not sent to it", { proxy: own }],
      ['another provider keeps the global proxy and its header', { proxy: corp, proxyAuthorization: 'Basic Zm9vOmJhcg==' }],
      ['http.noProxy is passed on; an empty list leaves NO_PROXY in force', [{ noProxy: ['.corp.example', 'localhost:11434', '<-loopback>'] }, {}]],
      ['http.proxyStrictSSL false turns checks off; a provider may turn them back on', [{ strictSSL: false }, {}]],
      ["a provider's strictSSL false", { strictSSL: false }],
      ["CA files add up: switchboard.http's (~ expanded) then the provider's", { caCertificates: ['/home/me/certs/corp.pem', '/etc/ssl/extra.pem', '/opt/ca/openai-gw.pem'] }],
    ]);
  });

  it("a custom endpoint's own settings apply to requests at its base URL, and only there", () => {
    const settings = {
      'http.proxy': 'http://sb-proxy:3128',
      'http.caCertificates': ['/etc/corp.pem'],
      customEndpoints: [
        { name: 'lab', baseUrl: 'https://gpu-box:8000/v1', proxy: '', caCertificates: ['~/lab-ca.pem'] },
        { name: 'scratch', baseUrl: 'https://scratch:9000/v1', strictSSL: false },
      ],
      providers: { 'openai-compatible': { proxy: 'http://compat-proxy:3128' } },
    };
    assert.deepStrictEqual(
      [
        networkOf(settings, {}, 'openai-compatible', 'https://gpu-box:8000/v1'),
        networkOf(settings, {}, 'openai-compatible', 'HTTPS://GPU-BOX:8000/v1/'),
        networkOf(settings, {}, 'openai-compatible', 'https://scratch:9000/v1'),
        networkOf(settings, {}, 'openai-compatible', 'https://elsewhere/v1'),
        networkOf(settings, {}, 'openai', 'https://gpu-box:8000/v1'),
      ],
      [
        { proxy: '', caCertificates: ['/etc/corp.pem', '/home/me/lab-ca.pem'] },
        { proxy: '', caCertificates: ['/etc/corp.pem', '/home/me/lab-ca.pem'] },
        { proxy: 'http://sb-proxy:3128', strictSSL: false, caCertificates: ['/etc/corp.pem'] },
        { proxy: 'http://compat-proxy:3128', caCertificates: ['/etc/corp.pem'] },
        { proxy: 'http://sb-proxy:3128', caCertificates: ['/etc/corp.pem'] },
      ],
    );
  });

  it('reports malformed values and leaves them out; a password never appears in a problem', () => {
    const { config, problems } = readConfig(
      settingsSource({
        'http.proxy': 'socks5://bob:hunter2hunter2@socks.corp:1080',
        'http.caCertificates': ['certs/relative.pem', 7, '/ok.pem'],
        providers: { openai: { proxy: 'http://proxy.corp:3128/some/path', caCertificates: '/not/a/list.pem', strictSSL: 'no' } },
        customEndpoints: [{ name: 'lab', baseUrl: 'http://gpu:8000/v1', proxy: 'not a url at all', strictSSL: 0 }],
      }),
      { http: settingsSource({ proxy: 42, noProxy: 'localhost', proxyAuthorization: 5, proxyStrictSSL: 'false' }), home },
    );
    assert.deepStrictEqual(
      { problems, http: config.http, openai: config.providers['openai'], lab: config.customEndpoints[0] },
      {
        problems: [
          "switchboard.providers.openai.proxy 'http://proxy.corp:3128/some/path' has a path; a proxy is written http://host:port; ignored.",
          'switchboard.providers.openai.caCertificates is not an array of file paths; ignored.',
          'switchboard.providers.openai.strictSSL is not true or false; ignored.',
          "switchboard.customEndpoints[0].proxy 'not a url at all' is not a URL (write it http://host:port); ignored.",
          'switchboard.customEndpoints[0].strictSSL is not true or false; ignored.',
          "switchboard.http.proxy 'socks5://***@socks.corp:1080' uses socks5, but Switchboard supports http:// and https:// proxies; ignored.",
          'http.proxy is not a string; ignored.',
          'http.noProxy is not an array of host names; ignored.',
          'http.proxyAuthorization is not a string; ignored.',
          'http.proxyStrictSSL is not true or false; certificates are checked.',
          "switchboard.http.caCertificates 'certs/relative.pem' is not an absolute path (or one starting with ~); ignored.",
          'switchboard.http.caCertificates has an entry that is not a file path; ignored.',
        ],
        http: { strictSSL: true, caCertificates: ['/ok.pem'] },
        openai: {},
        lab: { name: 'lab', baseUrl: 'http://gpu:8000/v1', models: [], headers: {} },
      },
    );
    assert.ok(!JSON.stringify(problems).includes('hunter2'), 'no password in a problem');
  });

  it("package.json offers proxy, caCertificates and strictSSL for providers and endpoints, and the proxy pattern accepts what config.ts accepts", () => {
    interface Property {
      pattern?: string;
      additionalProperties?: { properties: Record<string, { type: string; pattern?: string }> };
      items?: { properties: Record<string, { type: string; pattern?: string }> };
    }
    const properties = (JSON.parse(readFileSync('package.json', 'utf8')) as { contributes: { configuration: { properties: Record<string, Property> } } }).contributes.configuration.properties;
    const provider = properties['switchboard.providers']?.additionalProperties?.properties ?? {};
    const endpoint = properties['switchboard.customEndpoints']?.items?.properties ?? {};
    const types = (fields: Record<string, { type: string }>): string[] => ['proxy', 'caCertificates', 'strictSSL'].map((name) => fields[name]?.type ?? 'missing');
    const source = properties['switchboard.http.proxy']?.pattern ?? '^$';
    const pattern = new RegExp(source);
    const candidates = ['', 'http://proxy.corp:3128', 'https://u:p@proxy.corp:443/', 'http://[::1]:3128', 'socks5://h:1', 'http://proxy.corp:3128/path'];
    const accepted = candidates.map((candidate) => readConfig(settingsSource({ 'http.proxy': candidate })).problems.length === 0);
    assert.deepStrictEqual(
      { provider: types(provider), endpoint: types(endpoint), samePattern: provider['proxy']?.pattern === source && endpoint['proxy']?.pattern === source, pattern: candidates.map((candidate) => pattern.test(candidate)) },
      { provider: ['string', 'array', 'boolean'], endpoint: ['string', 'array', 'boolean'], samePattern: true, pattern: accepted },
    );
  });
});
