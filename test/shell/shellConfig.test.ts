/**
 * The typed view of `switchboard.*`: what a well-formed setting becomes, what a malformed one is
 * reported as (and left out), and that it mirrors package.json's contributions (settings,
 * commands, views, menus, strings) so neither drifts from the other.
 */

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { listProviders } from '../../src/core';
import { commandIdList } from '../../src/shell/commandIds';
import { defaultChatSettings } from '../../src/shell/chatSettings';
import { defaultToolSettings } from '../../src/shell/toolSettings';
import { endpointNamePattern, readConfig, settingNames } from '../../src/shell/config';
import { settingsSource } from './shellFakes';

interface ConfigurationProperty {
  type: string;
  scope?: string;
  markdownDescription?: string;
  pattern?: string;
  propertyNames?: { enum: string[] };
  items?: { properties: { name: { pattern: string } } };
}

interface PackageJson {
  activationEvents: string[];
  engines: { vscode: string };
  contributes: {
    viewsContainers: { activitybar: { id: string; title: string; icon: string }[] };
    views: Record<string, { type: string; id: string }[]>;
    commands: { command: string; title: string; category: string }[];
    menus: Record<string, { command: string; when?: string; group?: string }[]>;
    configuration: { properties: Record<string, ConfigurationProperty> };
  };
}

const packageJson = JSON.parse(readFileSync('package.json', 'utf8')) as PackageJson;
const nls = JSON.parse(readFileSync('package.nls.json', 'utf8')) as Record<string, string>;

describe('shell settings', () => {
  it('reads well-formed settings, folding provider aliases into their ids', () => {
    const reading = readConfig(
      settingsSource({
        defaultModel: ' lab/qwen ',
        providers: {
          together_ai: { baseUrl: 'https://proxy.example/v1/', headers: { 'X-Org': 'acme' }, models: ['meta-llama/Llama-3.3-70B'], contextWindow: 131072 },
          azure: { baseUrl: 'https://res.openai.azure.com', apiVersion: '2025-01-01-preview', models: ['gpt4o-deploy'], supportsVision: true },
        },
        customEndpoints: [{ name: 'lab', baseUrl: 'http://gpu-box:8000/v1', models: ['qwen', 'qwen'], headers: { 'X-Team': 'ml' } }],
      }),
    );
    assert.deepStrictEqual(reading, {
      config: {
        defaultModel: 'lab/qwen',
        providers: {
          together: { baseUrl: 'https://proxy.example/v1', headers: { 'X-Org': 'acme' }, models: ['meta-llama/Llama-3.3-70B'], contextWindow: 131072 },
          azure: { baseUrl: 'https://res.openai.azure.com', apiVersion: '2025-01-01-preview', models: ['gpt4o-deploy'], supportsVision: true },
        },
        customEndpoints: [{ name: 'lab', baseUrl: 'http://gpu-box:8000/v1', models: ['qwen'], headers: { 'X-Team': 'ml' } }],
        http: { strictSSL: true, caCertificates: [] },
        chat: defaultChatSettings,
        tools: defaultToolSettings,
      },
      problems: [],
    });
  });

  it('leaves out what is malformed, says why, and never keeps a credential header', () => {
    const reading = readConfig(
      settingsSource({
        defaultModel: 'no-provider-here',
        providers: {
          nosuch: { baseUrl: 'https://x.example' },
          openai: { baseUrl: 'ftp://files.example', headers: { Authorization: 'Bearer sk-secret-in-settings', 'X-Ok': 'yes', 'Bad Header': 'x', Host: 'evil.example' }, contextWindow: -5 },
          mistral: 'https://api.mistral.ai',
        },
        customEndpoints: [
          { name: 'openai', baseUrl: 'http://127.0.0.1:1/v1' },
          { name: 'has/slash', baseUrl: 'http://127.0.0.1:1/v1' },
          { name: 'ok', baseUrl: 'http://127.0.0.1:1/v1', headers: { 'x-api-key': 'secret' } },
          { name: 'OK', baseUrl: 'http://127.0.0.1:2/v1' },
          { name: 'nourl' },
          42,
        ],
      }),
    );
    assert.deepStrictEqual(reading, {
      config: {
        defaultModel: undefined,
        providers: { openai: { headers: { 'X-Ok': 'yes' } } },
        customEndpoints: [{ name: 'ok', baseUrl: 'http://127.0.0.1:1/v1', models: [], headers: {} }],
        http: { strictSSL: true, caCertificates: [] },
        chat: defaultChatSettings,
        tools: defaultToolSettings,
      },
      problems: [
        "switchboard.defaultModel must be written 'provider/model' (e.g. 'openai/gpt-4o-mini'); ignored.",
        "switchboard.providers.nosuch: unknown provider 'nosuch'; ignored.",
        "switchboard.providers.openai.baseUrl 'ftp://files.example' is not an http(s) URL; ignored.",
        "switchboard.providers.openai.headers.Authorization looks like a credential; ignored. Store keys with 'Switchboard: Set API Key'.",
        "switchboard.providers.openai.headers.Bad Header: 'Bad Header' is not a valid header name; ignored.",
        "switchboard.providers.openai.headers.Host: 'Host' decides where or how the request travels; the client sets it from the base URL, and it cannot be given; ignored.",
        'switchboard.providers.openai.contextWindow is not a positive whole number; ignored.',
        'switchboard.providers.mistral is not an object; ignored.',
        "switchboard.customEndpoints[0].name 'openai' is a provider's id; choose another name. Entry ignored.",
        "switchboard.customEndpoints[1].name must be letters, digits, '.', '_' or '-' (it becomes the model prefix); entry ignored.",
        "switchboard.customEndpoints[2].headers.x-api-key looks like a credential; ignored. Store keys with 'Switchboard: Set API Key'.",
        "switchboard.customEndpoints[3].name 'OK' is used twice; the later entry is ignored.",
        "switchboard.customEndpoints[4] ('nourl') has no valid baseUrl; entry ignored.",
        'switchboard.customEndpoints[5] is not an object; ignored.',
      ],
    });
    assert.ok(!JSON.stringify(reading).includes('sk-secret-in-settings'), 'no credential value survives, not even in a problem');
  });

  it('a default model must name a provider or a custom endpoint; wrong types are reported, not thrown', () => {
    const readings = [
      readConfig(settingsSource({ defaultModel: 'nosuch/model' })),
      readConfig(settingsSource({ defaultModel: 'claude/claude-sonnet-4-5' })),
      readConfig(settingsSource({ defaultModel: 7, providers: [], customEndpoints: {} })),
    ];
    assert.deepStrictEqual(
      readings.map((reading) => [reading.config.defaultModel, reading.problems.length]),
      [
        [undefined, 1],
        ['claude/claude-sonnet-4-5', 0],
        [undefined, 3],
      ],
    );
  });
});

describe('shell package.json mirrors the shell', () => {
  const contributes = packageJson.contributes;

  it('declares exactly the settings config.ts reads, each with a markdownDescription, keys in none', () => {
    const properties = contributes.configuration.properties;
    assert.deepStrictEqual(Object.keys(properties).sort(), Object.values(settingNames).map((name) => `switchboard.${name}`).sort());
    for (const [name, property] of Object.entries(properties)) {
      assert.match(property.markdownDescription ?? '', /^%.+%$/, `${name} has a localised markdownDescription`);
    }
    assert.ok(!/"(apiKey|api_key|key|token|secret)"/i.test(JSON.stringify(properties)), 'no setting field holds a key');
  });

  it('providers accepts every provider id and alias the core routes (the mock has nothing to configure)', () => {
    const expected = listProviders()
      .filter((provider) => provider.offline !== true)
      .flatMap((provider) => [provider.id, ...(provider.aliases ?? [])])
      .sort();
    assert.deepStrictEqual([...(contributes.configuration.properties['switchboard.providers']?.propertyNames?.enum ?? [])].sort(), expected);
  });

  it('endpoint names follow the same pattern in package.json and config.ts; only user settings may route keys', () => {
    const properties = contributes.configuration.properties;
    assert.deepStrictEqual(
      {
        pattern: properties['switchboard.customEndpoints']?.items?.properties.name.pattern,
        providersScope: properties['switchboard.providers']?.scope,
        endpointsScope: properties['switchboard.customEndpoints']?.scope,
        proxyScope: properties['switchboard.http.proxy']?.scope,
        caScope: properties['switchboard.http.caCertificates']?.scope,
      },
      { pattern: endpointNamePattern.source, providersScope: 'application', endpointsScope: 'application', proxyScope: 'application', caScope: 'application' },
    );
  });

  it('contributes the commands, the view container and the webview view under the names others rely on', () => {
    assert.deepStrictEqual(
      {
        commands: contributes.commands.map((command) => [command.command, command.category]),
        container: contributes.viewsContainers.activitybar.map((container) => [container.id, nls[container.title.slice(1, -1)], container.icon]),
        views: contributes.views['switchboard']?.map((view) => [view.type, view.id]),
        askInEditorMenu: contributes.menus['editor/context']?.map((item) => [item.command, item.when]),
        viewTitle: contributes.menus['view/title']?.map((item) => item.command).slice(0, 4),
        askInPalette: contributes.menus['commandPalette']?.find((item) => item.command === 'switchboard.askAboutSelection')?.when,
        engine: packageJson.engines.vscode,
      },
      {
        commands: commandIdList.map((id) => [id, 'Switchboard']),
        container: [['switchboard', 'Switchboard', 'media/switchboard.svg']],
        views: [['webview', 'switchboard.chat']],
        askInEditorMenu: [['switchboard.askAboutSelection', 'editorHasSelection']],
        viewTitle: ['switchboard.newChat', 'switchboard.showHistory', 'switchboard.openChatInEditor', 'switchboard.selectModel'],
        askInPalette: 'editorHasSelection',
        engine: '^1.105.0',
      },
    );
  });

  it('contributes "Switchboard: Show Usage" to the palette', () => {
    const showUsage = contributes.commands.find((command) => command.command === 'switchboard.showUsage');
    assert.deepStrictEqual(
      { title: showUsage === undefined ? undefined : nls[showUsage.title.slice(1, -1)], category: showUsage?.category, hidden: contributes.menus['commandPalette']?.some((item) => item.command === 'switchboard.showUsage') },
      { title: 'Show Usage', category: 'Switchboard', hidden: false },
    );
  });

  it("VS Code's model manager leads to Manage Providers, the walkthrough's first step and the chat's menu to Add Provider", () => {
    const lm = (contributes as unknown as { languageModelChatProviders: { vendor: string; managementCommand?: string }[] }).languageModelChatProviders;
    const walkthroughs = (contributes as unknown as { walkthroughs: { steps: { id: string; description: string; completionEvents: string[] }[] }[] }).walkthroughs;
    const connect = walkthroughs[0]?.steps.find((step) => step.id === 'connect');
    const contributed = new Set(contributes.commands.map((command) => command.command));
    assert.deepStrictEqual(
      {
        management: lm.map((provider) => [provider.vendor, provider.managementCommand, contributed.has(provider.managementCommand ?? '')]),
        connectButtons: [...(nls[connect?.description.slice(1, -1) ?? ''] ?? '').matchAll(/\]\(command:([\w.]+)/g)].map((match) => match[1]),
        connectCompletes: connect?.completionEvents.includes('onCommand:switchboard.addProvider'),
        chatMenu: contributes.menus['view/title']?.filter((item) => item.group?.startsWith('0_providers')).map((item) => item.command),
      },
      {
        management: [['switchboard', 'switchboard.manageProviders', true]],
        connectButtons: ['switchboard.addProvider', 'switchboard.selectModel'],
        connectCompletes: true,
        chatMenu: ['switchboard.addProvider', 'switchboard.manageProviders'],
      },
    );
  });

  it('every %string% of package.json is in package.nls.json, and the command titles read as the issue names them', () => {
    const used = [...JSON.stringify(packageJson).matchAll(/"%([^%"]+)%"/g)].map((match) => match[1] as string);
    assert.deepStrictEqual(used.filter((key) => nls[key] === undefined), []);
    assert.deepStrictEqual(
      contributes.commands.map((command) => nls[command.title.slice(1, -1)]),
      ['Open Chat', 'Open Chat in Editor', 'New Chat', 'Select Model', 'Set API Key', 'Clear API Key', 'Ask About Selection', 'Show Logs', 'Manage Extension Access', 'Show Usage', 'Test Connection', 'Add Provider', 'Manage Providers', 'Completion (for other extensions)', 'Embedding (for other extensions)', 'Import MCP Servers from VS Code', 'Set MCP Server Secret', 'Clear MCP Server Secret', 'Show History', 'Stop Answer', 'Accept Proposed Change', 'Reject Proposed Change'],
    );
  });
});
