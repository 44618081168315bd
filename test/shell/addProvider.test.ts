/**
 * "Add Provider" and "Manage Providers" without VS Code: the first step's choices (every provider
 * once, aliases folded), each choice's steps, each step's check as the user types, the settings
 * written for the answers (read back through the extension's own settings reader, so nothing
 * written is ignored, and never a key), Remove, the Manage list, and a custom endpoint written by
 * the flow answering Test Connection and a chat request on a loopback server with its stored key
 * and headers.
 */

import assert from 'node:assert/strict';
import { listProviders } from '../../src/core';
import { formatMessage } from '../../src/shell/chat/localize';
import { readConfig } from '../../src/shell/config';
import { configuredProviders, stepDefaults } from '../../src/shell/commands/providerInventory';
import {
  apiVersionProblem,
  azureEndpointProblem,
  deploymentsProblem,
  endpointNameProblem,
  headerPairsText,
  keyProblem,
  readHeaderPairs,
  urlProblem,
} from '../../src/shell/commands/providerSetupChecks';
import { customEndpointChoice, providerChoices, setupPlan } from '../../src/shell/commands/providerSetupPlan';
import { answersFrom, stepView, type StepContext } from '../../src/shell/commands/providerSetupSteps';
import { endpointRemoval, providerRemoval, setupWrites, type SetupWrites, type UserValues } from '../../src/shell/commands/providerSetupWrites';
import { endpointKeyOwner } from '../../src/shell/secrets';
import { useShellHarness } from '../helpers/shellHarness';
import { settingsSource } from './shellFakes';

const localize = formatMessage;

/** The user's settings after `plan`'s writes. */
function written(user: UserValues, plan: SetupWrites): Record<string, unknown> {
  const settings: Record<string, unknown> = { providers: user.providers, customEndpoints: user.customEndpoints };
  for (const write of plan.writes) {
    settings[write.setting] = write.value;
  }
  return settings;
}

describe('Add Provider: the choices and the steps', () => {
  it('offers every provider the core supports once (aliases never), the mock left out, then a custom endpoint; each with its own line', () => {
    const choices = providerChoices(localize);
    const expected = listProviders()
      .filter((provider) => provider.offline !== true)
      .map((provider) => provider.id);
    assert.deepStrictEqual(
      [...choices.map((choice) => choice.id)].sort(),
      [...expected, customEndpointChoice].sort(),
      'every provider once, and the custom endpoint',
    );
    // The most sought first; the rest keep the registry's order.
    assert.deepStrictEqual(
      choices.slice(0, 11).map((choice) => choice.id),
      ['openai', 'anthropic', 'gemini', 'azure', 'bedrock', 'vertex_ai', 'ollama', 'lmstudio', customEndpointChoice, 'openai-compatible', 'litellm_proxy'],
    );
    const rest = choices.slice(11).map((choice) => choice.id);
    assert.deepStrictEqual(rest, expected.filter((id) => rest.includes(id)));
    const aliases = listProviders().flatMap((provider) => provider.aliases ?? []);
    assert.deepStrictEqual(choices.filter((choice) => aliases.includes(choice.id)), []);
    assert.equal(new Set(choices.map((choice) => choice.label)).size, choices.length, 'two choices have one label');
    assert.deepStrictEqual(
      choices.filter((choice) => choice.description.startsWith('Provider ') || choice.description.length === 0).map((choice) => choice.id),
      [],
      'a provider has no description of its own',
    );
  });

  it('each choice has its steps: a key for hosted APIs, a URL for local servers, Azure its four, an endpoint its four, the cloud ones their own flows', () => {
    const plans = Object.fromEntries(['openai', 'anthropic', 'gemini', 'ollama', 'lmstudio', 'openai-compatible', 'azure', 'bedrock', 'vertex_ai', 'litellm_proxy', customEndpointChoice, 'mock', 'google'].map((id) => [id, setupPlan(id)]));
    assert.deepStrictEqual(plans, {
      openai: { kind: 'steps', steps: ['key'], keyRequired: true },
      anthropic: { kind: 'steps', steps: ['key'], keyRequired: true },
      gemini: { kind: 'steps', steps: ['key'], keyRequired: true },
      ollama: { kind: 'steps', steps: ['baseUrl', 'key'], keyRequired: false },
      lmstudio: { kind: 'steps', steps: ['baseUrl', 'key'], keyRequired: false },
      'openai-compatible': { kind: 'steps', steps: ['baseUrl', 'key'], keyRequired: false },
      azure: { kind: 'steps', steps: ['baseUrl', 'apiVersion', 'deployments', 'key'], keyRequired: true },
      bedrock: { kind: 'handover', providerId: 'bedrock' },
      vertex_ai: { kind: 'handover', providerId: 'vertex_ai' },
      litellm_proxy: { kind: 'handover', providerId: 'litellm_proxy' },
      [customEndpointChoice]: { kind: 'steps', steps: ['endpointName', 'baseUrl', 'key', 'headers'], keyRequired: false },
      // Not offered: the mock needs no setup; an alias is not a choice of its own.
      mock: undefined,
      google: undefined,
    });
  });
});

describe('Add Provider: the checks while typing', () => {
  it('a URL must be http(s), parse, and carry no user name or password', () => {
    const verdicts = ['http://localhost:8000/v1', 'https://gpu-box.lan/v1', 'localhost:8000', 'ftp://files.example.com', 'https://user:pw@example.com/v1', 'not a url'].map((value) => [value, urlProblem(value, localize)]);
    assert.deepStrictEqual(verdicts, [
      ['http://localhost:8000/v1', undefined],
      ['https://gpu-box.lan/v1', undefined],
      // Parsed as the scheme "localhost:": not http(s).
      ['localhost:8000', 'The URL starts with https:// or http://.'],
      ['ftp://files.example.com', 'The URL starts with https:// or http://.'],
      ['https://user:pw@example.com/v1', 'Leave the user name and password out of the URL: a key is asked for later and kept in secret storage.'],
      ['not a url', 'Enter a URL such as http://localhost:8000/v1 or https://example.com/v1.'],
    ]);
  });

  it("an endpoint's name follows the setting's pattern, is no provider's id or alias, and is not another endpoint's (case aside)", () => {
    const others = ['lab'];
    const verdicts = ['my-vllm', 'LAB', 'openai', 'vllm', 'has space', 'a/b', '-dash', 'x'.repeat(65)].map((value) => [value.slice(0, 10), endpointNameProblem(value, others, localize)?.slice(0, 40)]);
    assert.deepStrictEqual(verdicts, [
      ['my-vllm', undefined],
      ['LAB', "An endpoint named 'LAB' exists already; "],
      ['openai', "'openai' is a provider's id; choose anot"],
      ['vllm', "'vllm' is a provider's id; choose anothe"],
      ['has space', "Use letters, digits, '.', '_' or '-' (up"],
      ['a/b', "Use letters, digits, '.', '_' or '-' (up"],
      ['-dash', "Use letters, digits, '.', '_' or '-' (up"],
      ['xxxxxxxxxx', "Use letters, digits, '.', '_' or '-' (up"],
    ]);
  });

  it("Azure's resource, API version and deployments", () => {
    assert.deepStrictEqual(
      ['my-resource', 'https://my-resource.openai.azure.com', 'my resource', 'http//broken'].map((value) => azureEndpointProblem(value, localize)),
      [undefined, undefined, 'Enter the resource name (my-resource) or its endpoint (https://my-resource.openai.azure.com).', 'Enter a URL such as http://localhost:8000/v1 or https://example.com/v1.'],
    );
    assert.deepStrictEqual(
      ['2024-10-21', '2025-04-01-preview', 'v1', '2024-10', 'latest!'].map((value) => apiVersionProblem(value, localize)),
      [undefined, undefined, undefined, 'An API version looks like 2024-10-21 or 2025-04-01-preview.', 'An API version looks like 2024-10-21 or 2025-04-01-preview.'],
    );
    assert.deepStrictEqual(
      ['gpt-4o, o4-mini', '', 'gpt 4o', 'gpt-4o, bad/name'].map((value) => deploymentsProblem(value, localize)),
      [undefined, 'Enter at least one deployment name; separate several with commas.', undefined, "'bad/name' is not a deployment name: letters, digits, '-', '_' and '.' only."],
    );
  });

  it('a key: required only where the provider needs one, never with spaces inside', () => {
    assert.deepStrictEqual(
      [keyProblem('', true, localize), keyProblem('', false, localize), keyProblem('sk-abc', true, localize), keyProblem('Bearer sk-abc', false, localize)],
      ['This provider needs a key; paste it here, or press Escape to cancel.', undefined, undefined, 'A key has no spaces or line breaks; paste the key alone.'],
    );
  });

  it("headers as 'Name: value' pairs separated by ';' (a ';' inside a value kept); keys, routing headers, bad names and repeats refused", () => {
    assert.deepStrictEqual(readHeaderPairs('', localize), { headers: {} });
    assert.deepStrictEqual(readHeaderPairs('X-Team: platform; Accept: text/plain; q=0.5 ;X-Route: eu', localize), { headers: { 'X-Team': 'platform', Accept: 'text/plain; q=0.5', 'X-Route': 'eu' } });
    assert.deepStrictEqual(headerPairsText({ 'X-Team': 'platform', 'X-Route': 'eu' }), 'X-Team: platform; X-Route: eu');
    const problems = ['Authorization: Bearer sk-1', 'Host: evil.example', 'X Bad: 1', 'just text', 'X-A: 1; x-a: 2'].map((text) => {
      const reading = readHeaderPairs(text, localize);
      return 'problem' in reading ? reading.problem.slice(0, 45) : 'accepted';
    });
    assert.deepStrictEqual(problems, [
      "'Authorization' carries a key: give the key i",
      "The header 'Host' cannot be set here: 'Host' ",
      "The header 'X Bad' cannot be set here: 'X Bad",
      "Write each header as Name: value, separated b",
      "The header 'x-a' is given twice.",
    ]);
  });

  it("each step's box: the key a password box, optional where a key is stored, typed before, in the environment or not needed", () => {
    const context = (changes: Partial<StepContext>): StepContext => ({ choiceId: 'openai', label: 'OpenAI', keyRequired: true, keyStored: false, keyTyped: false, otherEndpointNames: [], ...changes });
    const key = (changes: Partial<StepContext>): [boolean | undefined, string | undefined, string | undefined] => {
      const view = stepView('key', context(changes), localize);
      return [view.password, view.placeHolder, view.validate('')];
    };
    assert.deepStrictEqual(
      [key({}), key({ keyStored: true }), key({ keyTyped: true }), key({ keyVariable: 'OPENAI_API_KEY' }), key({ choiceId: 'ollama', label: 'Ollama', keyRequired: false })],
      [
        [true, undefined, 'This provider needs a key; paste it here, or press Escape to cancel.'],
        [true, 'Leave empty to keep the stored key', undefined],
        [true, 'Leave empty to keep the key you typed', undefined],
        [true, 'Leave empty to use OPENAI_API_KEY from the environment', undefined],
        [true, 'Optional: leave empty if the server takes calls without a key', undefined],
      ],
    );
    const name = stepView('endpointName', context({ choiceId: customEndpointChoice, otherEndpointNames: ['lab'] }), localize);
    assert.deepStrictEqual([name.password, name.validate('lab')?.slice(0, 20), name.validate('lab2')], [undefined, "An endpoint named 'l", undefined]);
    assert.equal(stepView('baseUrl', context({ choiceId: 'azure' }), localize).validate('my-resource'), undefined);
    assert.equal(stepView('headers', context({}), localize).validate('Api-Key: x')?.slice(0, 9), "'Api-Key'");
  });
});

describe('Add Provider: the settings it writes', () => {
  it('a custom endpoint: added after the user\'s others, name, URL and headers only; read back by the settings reader as written; the key to secret storage', () => {
    const user: UserValues = { providers: undefined, customEndpoints: [{ name: 'old', baseUrl: 'http://10.0.0.2:8000/v1', models: ['m'] }] };
    const answers = answersFrom(customEndpointChoice, ['endpointName', 'baseUrl', 'key', 'headers'], { endpointName: 'lab', baseUrl: 'http://127.0.0.1:8000/v1/', key: 'sk-lab-secret', headers: 'X-Team: blue' });
    const plan = setupWrites(user, answers);
    assert.deepStrictEqual(plan, {
      writes: [{ setting: 'customEndpoints', value: [{ name: 'old', baseUrl: 'http://10.0.0.2:8000/v1', models: ['m'] }, { name: 'lab', baseUrl: 'http://127.0.0.1:8000/v1', headers: { 'X-Team': 'blue' } }] }],
      key: { kind: 'set', owner: 'endpoint:lab', key: 'sk-lab-secret' },
      subject: { kind: 'endpoint', name: 'lab' },
    });
    assert.ok(!JSON.stringify(plan.writes).includes('sk-lab-secret'), 'the key is in a setting');
    const { config, problems } = readConfig(settingsSource(written(user, plan)));
    assert.deepStrictEqual([config.customEndpoints.map((endpoint) => [endpoint.name, endpoint.baseUrl, endpoint.headers]), problems], [
      [
        ['old', 'http://10.0.0.2:8000/v1', {}],
        ['lab', 'http://127.0.0.1:8000/v1', { 'X-Team': 'blue' }],
      ],
      [],
    ]);
  });

  it('editing an endpoint: changed in place with the fields the flow does not ask kept; a rename moves its key when the key step is left empty', () => {
    const user: UserValues = { providers: undefined, customEndpoints: [{ name: 'lab', baseUrl: 'http://a:1/v1', models: ['qwen'], proxy: 'http://proxy:3128', headers: { 'X-Team': 'blue' } }, { name: 'other', baseUrl: 'http://b:2/v1' }] };
    const plan = setupWrites(user, answersFrom(customEndpointChoice, ['endpointName', 'baseUrl', 'key', 'headers'], { endpointName: 'gpu', baseUrl: 'http://a:9/v1', key: '', headers: '' }), 'lab');
    assert.deepStrictEqual(plan, {
      writes: [{ setting: 'customEndpoints', value: [{ name: 'gpu', baseUrl: 'http://a:9/v1', models: ['qwen'], proxy: 'http://proxy:3128' }, { name: 'other', baseUrl: 'http://b:2/v1' }] }],
      key: { kind: 'move', from: 'endpoint:lab', to: 'endpoint:gpu' },
      subject: { kind: 'endpoint', name: 'gpu' },
    });
    // A new key typed in with the rename: stored under the new name, the old name's forgotten.
    const withKey = setupWrites(user, answersFrom(customEndpointChoice, ['endpointName', 'baseUrl', 'key', 'headers'], { endpointName: 'gpu', baseUrl: 'http://a:9/v1', key: 'sk-new', headers: '' }), 'lab');
    assert.deepStrictEqual(withKey.key, { kind: 'set', owner: 'endpoint:gpu', key: 'sk-new', forget: 'endpoint:lab' });
  });

  it("a local server: its URL only where it differs from the provider's own (the default removes a URL set before); an empty key keeps what is stored", () => {
    const user: UserValues = { providers: { ollama: { baseUrl: 'http://gpu-box:11434', headers: { 'X-Team': 'blue' } }, openai: { baseUrl: 'http://proxy/v1' } }, customEndpoints: undefined };
    const backToDefault = setupWrites(user, answersFrom('ollama', ['baseUrl', 'key'], { baseUrl: 'http://localhost:11434/', key: '' }));
    assert.deepStrictEqual(backToDefault, {
      writes: [{ setting: 'providers', value: { ollama: { headers: { 'X-Team': 'blue' } }, openai: { baseUrl: 'http://proxy/v1' } } }],
      key: { kind: 'keep', owner: 'ollama' },
      subject: { kind: 'provider', providerId: 'ollama' },
    });
    const unchanged = setupWrites(user, answersFrom('ollama', ['baseUrl', 'key'], { baseUrl: 'http://gpu-box:11434', key: '' }));
    assert.deepStrictEqual(unchanged.writes, [], 'nothing changed, nothing written');
    const keyOnly = setupWrites(user, answersFrom('anthropic', ['key'], { key: 'sk-ant-1' }));
    assert.deepStrictEqual([keyOnly.writes, keyOnly.key], [[], { kind: 'set', owner: 'anthropic', key: 'sk-ant-1' }]);
  });

  it("Azure: the resource name becomes its endpoint, the default API version is not written, the deployments are its models; under the user's alias", () => {
    const user: UserValues = { providers: { azure_openai: { headers: { 'X-Team': 'blue' } } }, customEndpoints: [] };
    const plan = setupWrites(user, answersFrom('azure', ['baseUrl', 'apiVersion', 'deployments', 'key'], { baseUrl: 'My-Resource', apiVersion: '2024-10-21', deployments: 'gpt-4o, o4-mini gpt-4o', key: 'azure-key' }));
    assert.deepStrictEqual(plan.writes, [{ setting: 'providers', value: { azure_openai: { headers: { 'X-Team': 'blue' }, baseUrl: 'https://my-resource.openai.azure.com', models: ['gpt-4o', 'o4-mini'] } } }]);
    const { config, problems } = readConfig(settingsSource(written(user, plan)));
    assert.deepStrictEqual([config.providers['azure'], problems], [{ headers: { 'X-Team': 'blue' }, baseUrl: 'https://my-resource.openai.azure.com', models: ['gpt-4o', 'o4-mini'] }, []]);
    const preview = setupWrites(user, answersFrom('azure', ['baseUrl', 'apiVersion', 'deployments', 'key'], { baseUrl: 'https://x.openai.azure.com/', apiVersion: '2025-04-01-preview', deployments: 'd1', key: '' }));
    assert.deepStrictEqual(preview.writes[0]?.value, { azure_openai: { headers: { 'X-Team': 'blue' }, baseUrl: 'https://x.openai.azure.com', apiVersion: '2025-04-01-preview', models: ['d1'] } });
  });

  it('Remove: a provider loses what the setup flows write (hand-written fields stay, and are named); an endpoint loses its entry; both their keys', () => {
    const user: UserValues = { providers: { vertex: { project: 'p', location: 'eu', proxy: 'http://proxy:3128' }, ollama: { baseUrl: 'http://x:1' } }, customEndpoints: [{ name: 'Lab', baseUrl: 'http://a/v1' }, { name: 'b', baseUrl: 'http://b/v1' }] };
    assert.deepStrictEqual(providerRemoval(user, 'vertex_ai'), { writes: [{ setting: 'providers', value: { vertex: { proxy: 'http://proxy:3128' }, ollama: { baseUrl: 'http://x:1' } } }], owner: 'vertex_ai', kept: ['proxy'] });
    assert.deepStrictEqual(providerRemoval(user, 'ollama'), { writes: [{ setting: 'providers', value: { vertex: { project: 'p', location: 'eu', proxy: 'http://proxy:3128' } } }], owner: 'ollama', kept: [] });
    assert.deepStrictEqual(endpointRemoval(user, 'lab'), { writes: [{ setting: 'customEndpoints', value: [{ name: 'b', baseUrl: 'http://b/v1' }] }], owner: 'endpoint:lab', kept: [] });
    assert.deepStrictEqual(endpointRemoval(user, 'missing').writes, []);
  });
});

describe('Manage Providers: the list and the answers an edit starts from', () => {
  it('providers with settings or a stored key, then endpoints; what is set and whether a key is stored, never the key', () => {
    const { config } = readConfig(
      settingsSource({
        providers: { azure: { baseUrl: 'https://r.openai.azure.com', apiVersion: '2025-04-01-preview', models: ['gpt-4o'] }, bedrock: { region: 'eu-central-1' } },
        customEndpoints: [{ name: 'lab', baseUrl: 'http://127.0.0.1:8000/v1', headers: { 'X-Team': 'blue' } }],
      }),
    );
    const entries = configuredProviders(config, new Set(['openai', 'azure', endpointKeyOwner('lab')]), localize);
    assert.deepStrictEqual(
      entries.map((entry) => [entry.label, entry.description, entry.detail, entry.hasKey]),
      [
        ['OpenAI', 'openai', 'key stored', true],
        ['Azure OpenAI', 'azure', 'https://r.openai.azure.com · API version 2025-04-01-preview · models: gpt-4o · key stored', true],
        ['AWS Bedrock', 'bedrock', 'region eu-central-1 · no key stored', false],
        ['lab', 'custom endpoint', 'http://127.0.0.1:8000/v1 · headers: X-Team · key stored', true],
      ],
    );
    assert.deepStrictEqual(stepDefaults(config, { kind: 'endpoint', name: 'LAB' }), { endpointName: 'lab', baseUrl: 'http://127.0.0.1:8000/v1', headers: 'X-Team: blue' });
    assert.deepStrictEqual(stepDefaults(config, { kind: 'provider', providerId: 'azure' }), { baseUrl: 'https://r.openai.azure.com', apiVersion: '2025-04-01-preview', deployments: 'gpt-4o' });
    assert.deepStrictEqual(stepDefaults(config, { kind: 'provider', providerId: 'ollama' }), { baseUrl: 'http://localhost:11434' });
  });
});

describe('Add Provider: an endpoint it wrote, on the wire', () => {
  const shells = useShellHarness();

  it('Test Connection passes with the stored key, and a chat request reaches the endpoint with the key and the headers', async () => {
    const server = await shells.server((request) => {
      if (request.headers['authorization'] !== 'Bearer sk-lab-secret') {
        return { status: 401, headers: { 'content-type': 'application/json' }, body: '{"error":{"message":"bad key"}}' };
      }
      if (request.url === '/v1/models') {
        return { headers: { 'content-type': 'application/json' }, body: JSON.stringify({ object: 'list', data: [{ id: 'qwen', object: 'model' }] }) };
      }
      return {
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ id: 'c1', object: 'chat.completion', created: 1, model: 'qwen', choices: [{ index: 0, message: { role: 'assistant', content: 'hello from lab' }, finish_reason: 'stop' }] }),
      };
    });
    const user: UserValues = { providers: undefined, customEndpoints: undefined };
    const plan = setupWrites(user, answersFrom(customEndpointChoice, ['endpointName', 'baseUrl', 'key', 'headers'], { endpointName: 'lab', baseUrl: `${server.url}/v1`, key: 'sk-lab-secret', headers: 'X-Team: blue' }));
    const settings: Record<string, unknown> = {};
    const shell = shells.client({ settings });
    Object.assign(settings, written(user, plan));
    assert.equal(plan.key.kind, 'set');
    if (plan.key.kind === 'set') {
      await shell.keys.set(plan.key.owner, plan.key.key);
    }
    const endpoint = shell.config().customEndpoints[0]!;
    const report = await shell.client.testConnection({ kind: 'endpoint', endpoint }, new AbortController().signal);
    assert.equal(report.ok, true, JSON.stringify(report.steps));
    const target = await shell.client.target('lab/qwen');
    const answer = await shell.client.completion({ ...target.options, model: target.model, messages: [{ role: 'user', content: 'hi' }] });
    assert.equal(answer.choices[0]?.message.content, 'hello from lab');
    const chat = server.requests.find((request) => request.url === '/v1/chat/completions');
    assert.deepStrictEqual([chat?.headers['authorization'], chat?.headers['x-team'], (chat?.json as { model?: string } | undefined)?.model], ['Bearer sk-lab-secret', 'blue', 'qwen']);
  });
});
