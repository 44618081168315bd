/**
 * The route and trust decision on its own, as the transport and the connection test both use it:
 * which proxy (call, settings, environment), which NO_PROXY entry or rule sends a host direct,
 * which certificates are trusted — plus how proxy URLs are printed and checked at the door.
 */

import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { BadRequestError, APIConnectionError, validateCompletionParams } from '../../../src/core';
import { chooseNetwork } from '../../../src/core/http/network';
import type { CallNetworkOptions, NetworkSettings } from '../../../src/core/http/networkTypes';
import { describeProxy } from '../../../src/core/http/proxyUrl';
import type { Environment } from '../../../src/core/environment';

/** The choice in printable form: the proxy described (never its password), its header, why direct, TLS. */
function route(target: string, call: CallNetworkOptions = {}, settings?: NetworkSettings, env: Environment = {}): Record<string, unknown> {
  const choice = chooseNetwork(new URL(target), call, settings, env);
  return {
    proxy: choice.proxy === undefined ? undefined : `${choice.proxy.source} ${describeProxy(choice.proxy.url)}`,
    authorization: choice.proxy?.authorization,
    directBecause: choice.directBecause,
    tls: `${choice.tls.source}: ${choice.tls.verify ? 'verify' : 'no verification'}${choice.tls.caFiles.length > 0 ? ` + ${choice.tls.caFiles.join(', ')}` : ''}`,
  };
}

function direct(because: string, tls = 'default: verify'): Record<string, unknown> {
  return { proxy: undefined, authorization: undefined, directBecause: because, tls };
}

function proxied(proxy: string, authorization?: string, tls = 'default: verify'): Record<string, unknown> {
  return { proxy, authorization, directBecause: undefined, tls };
}

const basic = (credentials: string): string => `Basic ${Buffer.from(credentials).toString('base64')}`;

describe('network: choosing the route', () => {
  it('proxy sources, strongest first: the call, the settings (\'\' = direct), then the environment by scheme', () => {
    const env = { HTTPS_PROXY: 'http://env-https:3128', HTTP_PROXY: 'http://env-http:3128' };
    assert.deepStrictEqual(
      {
        call: route('https://api.openai.com/v1', { proxy: 'http://call:8080' }, { proxy: 'http://settings:8080' }, env),
        settings: route('https://api.openai.com/v1', {}, { proxy: 'http://settings:8080' }, env),
        settingsOff: route('https://api.openai.com/v1', {}, { proxy: '' }, env),
        settingsBlank: route('https://api.openai.com/v1', {}, { proxy: '  ' }, env),
        httpsTarget: route('https://api.openai.com/v1', {}, {}, env),
        httpTarget: route('http://ollama.corp:11434', {}, undefined, env),
        httpsFallsBackToHttpProxy: route('https://api.openai.com/v1', {}, undefined, { http_proxy: 'http://only-http:3128' }),
        lowerCaseFirst: route('https://api.openai.com/v1', {}, undefined, { https_proxy: 'http://lower:1', HTTPS_PROXY: 'http://upper:2' }),
        emptyVariableIsUnset: route('https://api.openai.com/v1', {}, undefined, { https_proxy: '', HTTPS_PROXY: 'http://upper:2' }),
        noSchemeMeansHttp: route('https://api.openai.com/v1', {}, undefined, { HTTPS_PROXY: 'proxy.corp:3128' }),
        none: route('https://api.openai.com/v1'),
      },
      {
        call: proxied('call http://call:8080'),
        settings: proxied('settings http://settings:8080'),
        settingsOff: direct('proxy disabled in settings'),
        settingsBlank: direct('proxy disabled in settings'),
        httpsTarget: proxied('environment http://env-https:3128'),
        httpTarget: proxied('environment http://env-http:3128'),
        httpsFallsBackToHttpProxy: proxied('environment http://only-http:3128'),
        lowerCaseFirst: proxied('environment http://lower:1'),
        emptyVariableIsUnset: proxied('environment http://upper:2'),
        noSchemeMeansHttp: proxied('environment http://proxy.corp:3128'),
        none: direct('no proxy configured'),
      },
    );
  });

  it('NO_PROXY entries and the loopback rule send a host direct; a per-call proxy ignores both', () => {
    const env = (noProxy: string): Environment => ({ HTTPS_PROXY: 'http://p:1', HTTP_PROXY: 'http://p:1', NO_PROXY: noProxy });
    const via = proxied('environment http://p:1');
    assert.deepStrictEqual(
      {
        exactHost: route('https://llm.corp.com/v1', {}, undefined, env('llm.corp.com')),
        subdomainOfPlainEntry: route('https://a.llm.corp.com/v1', {}, undefined, env('corp.com')),
        notASuffixMatch: route('https://evilcorp.com/v1', {}, undefined, env('corp.com')),
        leadingDot: route('https://x.corp.com/v1', {}, undefined, env('.corp.com')),
        leadingDotCoversDomain: route('https://corp.com/v1', {}, undefined, env('.corp.com')),
        wildcard: route('https://x.corp.com/v1', {}, undefined, env('*.corp.com')),
        caseInsensitive: route('https://LLM.Corp.COM/v1', {}, undefined, env('llm.corp.com')),
        hostAndPort: route('http://ollama.corp:11434/', {}, undefined, env('ollama.corp:11434')),
        hostOtherPort: route('http://ollama.corp:11434/', {}, undefined, env('ollama.corp:80')),
        defaultPort: route('https://llm.corp.com/v1', {}, undefined, env('llm.corp.com:443')),
        ip: route('http://10.1.2.3:8000/v1', {}, undefined, env('10.1.2.3')),
        cidr: route('http://10.1.2.3:8000/v1', {}, undefined, env('10.0.0.0/8')),
        cidrOutside: route('http://11.1.2.3:8000/v1', {}, undefined, env('10.0.0.0/8')),
        cidrNeedsAnIp: route('https://llm.corp.com/v1', {}, undefined, env('10.0.0.0/8')),
        ipv6: route('http://[fd00::5]:8000/v1', {}, undefined, env('fd00::5')),
        ipv6Cidr: route('http://[fd00::5]:8000/v1', {}, undefined, env('fd00::/8')),
        ipv6WithPort: route('http://[fd00::5]:8000/v1', {}, undefined, env('[fd00::5]:8000')),
        star: route('https://api.openai.com/v1', {}, undefined, env('*')),
        commasAndSpaces: route('https://b.example/v1', {}, undefined, env('a.example, b.example')),
        lowerCaseVariable: route('https://llm.corp.com/v1', {}, undefined, { HTTPS_PROXY: 'http://p:1', no_proxy: 'llm.corp.com' }),
        settingsListReplacesEnvironment: route('https://llm.corp.com/v1', {}, { noProxy: ['other.example'] }, env('llm.corp.com')),
        settingsListBypassesSettingsProxy: route('https://llm.corp.com/v1', {}, { proxy: 'http://s:2', noProxy: ['corp.com'] }),
        localhost: route('http://localhost:11434/', {}, undefined, env('')),
        dotLocalhost: route('http://ollama.localhost:11434/', {}, undefined, env('')),
        loopback127: route('http://127.8.9.10:8000/', {}, undefined, env('')),
        loopbackV6: route('http://[::1]:8000/', {}, undefined, env('')),
        loopbackToken: route('http://127.0.0.1:8000/', {}, undefined, env('<-loopback>')),
        loopbackTokenButListed: route('http://127.0.0.1:8000/', {}, undefined, env('<-loopback>,127.0.0.1')),
        callIgnoresNoProxy: route('http://127.0.0.1:8000/', { proxy: 'http://c:3' }, { noProxy: ['*'] }, env('*')),
      },
      {
        exactHost: direct('NO_PROXY matches llm.corp.com'),
        subdomainOfPlainEntry: direct('NO_PROXY matches corp.com'),
        notASuffixMatch: via,
        leadingDot: direct('NO_PROXY matches .corp.com'),
        leadingDotCoversDomain: direct('NO_PROXY matches .corp.com'),
        wildcard: direct('NO_PROXY matches *.corp.com'),
        caseInsensitive: direct('NO_PROXY matches llm.corp.com'),
        hostAndPort: direct('NO_PROXY matches ollama.corp:11434'),
        hostOtherPort: via,
        defaultPort: direct('NO_PROXY matches llm.corp.com:443'),
        ip: direct('NO_PROXY matches 10.1.2.3'),
        cidr: direct('NO_PROXY matches 10.0.0.0/8'),
        cidrOutside: via,
        cidrNeedsAnIp: via,
        ipv6: direct('NO_PROXY matches fd00::5'),
        ipv6Cidr: direct('NO_PROXY matches fd00::/8'),
        ipv6WithPort: direct('NO_PROXY matches [fd00::5]:8000'),
        star: direct('NO_PROXY matches *'),
        commasAndSpaces: direct('NO_PROXY matches b.example'),
        lowerCaseVariable: direct('NO_PROXY matches llm.corp.com'),
        settingsListReplacesEnvironment: via,
        settingsListBypassesSettingsProxy: direct('NO_PROXY matches corp.com'),
        localhost: direct('loopback address'),
        dotLocalhost: direct('loopback address'),
        loopback127: direct('loopback address'),
        loopbackV6: direct('loopback address'),
        loopbackToken: via,
        loopbackTokenButListed: direct('NO_PROXY matches 127.0.0.1'),
        callIgnoresNoProxy: proxied('call http://c:3'),
      },
    );
  });

  it("credentials: the URL's user:pass (percent-decoded) first, else the settings' proxyAuthorization (not for a per-call proxy)", () => {
    const settings: NetworkSettings = { proxy: 'http://proxy.corp:3128', proxyAuthorization: 'Negotiate abc' };
    assert.deepStrictEqual(
      {
        urlCredentials: route('https://api.openai.com/v1', { proxy: 'http://me:p%40ss%3Aword@proxy.corp:3128' }),
        urlWinsOverSetting: route('https://api.openai.com/v1', {}, { ...settings, proxy: 'http://me:secret@proxy.corp:3128' }),
        settingHeader: route('https://api.openai.com/v1', {}, settings),
        settingHeaderForEnvironmentProxy: route('https://api.openai.com/v1', {}, { proxyAuthorization: 'Basic eA==' }, { HTTPS_PROXY: 'http://env:1' }),
        notForTheCallsProxy: route('https://api.openai.com/v1', { proxy: 'http://other:1' }, settings),
      },
      {
        urlCredentials: proxied('call http://***@proxy.corp:3128', basic('me:p@ss:word')),
        urlWinsOverSetting: proxied('settings http://***@proxy.corp:3128', basic('me:secret')),
        settingHeader: proxied('settings http://proxy.corp:3128', 'Negotiate abc'),
        settingHeaderForEnvironmentProxy: proxied('environment http://env:1', 'Basic eA=='),
        notForTheCallsProxy: proxied('call http://other:1'),
      },
    );
  });

  it("trust: the call's ssl_verify wins (a path replaces the settings' files); strictSSL: false turns checks off", () => {
    const settings: NetworkSettings = { caCertificates: ['/etc/corp/root.pem', ' '], strictSSL: true };
    assert.deepStrictEqual(
      {
        default: route('https://a.example/').tls,
        settingsFiles: route('https://a.example/', {}, settings).tls,
        settingsOff: route('https://a.example/', {}, { ...settings, strictSSL: false }).tls,
        callPath: route('https://a.example/', { ssl_verify: '/tmp/vllm.pem' }, settings).tls,
        callOff: route('https://a.example/', { ssl_verify: false }, settings).tls,
        callOn: route('https://a.example/', { ssl_verify: true }, { ...settings, strictSSL: false }).tls,
      },
      {
        default: 'default: verify',
        settingsFiles: 'settings: verify + /etc/corp/root.pem',
        settingsOff: 'settings: no verification',
        callPath: 'call: verify + /tmp/vllm.pem',
        callOff: 'call: no verification',
        callOn: 'call: verify + /etc/corp/root.pem',
      },
    );
  });

  it('describeProxy never prints user or password', () => {
    assert.deepStrictEqual(
      [describeProxy(new URL('http://me:secret@proxy.corp:3128/x?y')), describeProxy(new URL('https://proxy.corp')), describeProxy(new URL('http://me@10.0.0.1:8080'))],
      ['http://***@proxy.corp:3128', 'https://proxy.corp', 'http://***@10.0.0.1:8080'],
    );
  });

  it('a malformed proxy fails without repeating it: BadRequestError for the call, APIConnectionError for settings and environment', () => {
    const failures = [
      () => chooseNetwork(new URL('https://a.example/'), { proxy: 'socks5://me:secret@p:1' }, undefined, {}),
      () => chooseNetwork(new URL('https://a.example/'), {}, { proxy: 'ftp://me:secret@p:1' }, {}),
      () => chooseNetwork(new URL('https://a.example/'), {}, undefined, { HTTPS_PROXY: 'http://me:secret@' }),
    ].map((attempt) => {
      try {
        attempt();
        return 'no error';
      } catch (error) {
        return `${error instanceof BadRequestError ? 'BadRequestError' : error instanceof APIConnectionError ? 'APIConnectionError' : 'other'}: ${(error as Error).message}`;
      }
    });
    assert.deepStrictEqual(failures, [
      "BadRequestError: The proxy URL in the call's 'proxy' is not a valid http:// or https:// URL (expected http://[user:pass@]host:port).",
      'APIConnectionError: The proxy URL in the proxy setting is not a valid http:// or https:// URL (expected http://[user:pass@]host:port).',
      'APIConnectionError: The proxy URL in HTTPS_PROXY / HTTP_PROXY is not a valid http:// or https:// URL (expected http://[user:pass@]host:port).',
    ]);
  });

  it("'proxy' and 'ssl_verify' are checked at the door, naming the field and never echoing a proxy URL", () => {
    const base = { model: 'openai/gpt-4o-mini', messages: [{ role: 'user' as const, content: 'hi' }] };
    const messages = [{ proxy: 'proxy.corp:3128' }, { proxy: 'me:secret@proxy' }, { proxy: 42 }, { ssl_verify: '' }, { ssl_verify: 1 }].map((extra) => {
      try {
        validateCompletionParams({ ...base, ...extra });
        return 'valid';
      } catch (error) {
        return error instanceof BadRequestError ? `${error.param ?? ''}: ${error.message}` : String(error);
      }
    });
    assert.deepStrictEqual(messages, [
      "proxy: Invalid 'proxy': expected a URL like 'http://[user:pass@]host:port', got a string that is not one.",
      "proxy: Invalid 'proxy': expected a URL like 'http://[user:pass@]host:port', got a string that is not one.",
      "proxy: Invalid 'proxy': expected a URL like 'http://[user:pass@]host:port', got a number.",
      "ssl_verify: Invalid 'ssl_verify': expected true, false or the path of a PEM CA bundle, got an empty string.",
      "ssl_verify: Invalid 'ssl_verify': expected true, false or the path of a PEM CA bundle, got a number.",
    ]);
    assert.doesNotThrow(() => validateCompletionParams({ ...base, proxy: 'https://me:secret@proxy.corp:443', ssl_verify: '/etc/ca.pem' }));
  });
});
