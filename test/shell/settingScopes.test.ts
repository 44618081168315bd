/**
 * A workspace cannot pick where your code goes: every `switchboard.*` setting decides a model,
 * a server, a header, a proxy, a certificate or a door for other extensions, so each one is read
 * from user settings only (`application` scope). A cloned repository's `.vscode/settings.json`
 * then cannot send your prompts to another provider or a costly model, nor re-route your key.
 * The same manifest keeps the chat in Restricted Mode (every setting listed as restricted) and
 * says where the extension runs in a remote window.
 */

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

interface ConfigurationContribution {
  properties: Record<string, { scope?: string }>;
}

interface Manifest {
  contributes: { configuration: ConfigurationContribution | ConfigurationContribution[] };
  extensionKind?: string[];
  capabilities?: { untrustedWorkspaces?: { supported: boolean | string; description?: string; restrictedConfigurations?: string[] } };
}

const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as Manifest;
const nls = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.nls.json'), 'utf8')) as Record<string, string>;

describe('settings: none can be set by a workspace', () => {
  it('every switchboard.* setting is application-scoped (user settings only)', () => {
    const sections = ([] as ConfigurationContribution[]).concat(manifest.contributes.configuration);
    const scopes = Object.fromEntries(sections.flatMap((section) => Object.entries(section.properties)).map(([name, property]) => [name, property.scope]));
    assert.ok(Object.keys(scopes).length >= 7, `too few settings found: ${JSON.stringify(scopes)}`);
    assert.deepStrictEqual(
      Object.entries(scopes).filter(([, scope]) => scope !== 'application'),
      [],
      'settings a workspace could set',
    );
    assert.equal(scopes['switchboard.languageModels.enabled'], 'application');
  });

  it('the chat works in Restricted Mode, with every switchboard.* setting kept from an untrusted folder', () => {
    const untrusted = manifest.capabilities?.untrustedWorkspaces;
    assert.equal(untrusted?.supported, 'limited', 'not switched off in an untrusted folder');
    const sections = ([] as ConfigurationContribution[]).concat(manifest.contributes.configuration);
    const names = sections.flatMap((section) => Object.keys(section.properties)).sort();
    // Application scope already keeps them out of a folder's settings; the list says so to VS Code too,
    // and a setting added later with another scope would fail here until it is considered.
    assert.deepStrictEqual([...(untrusted?.restrictedConfigurations ?? [])].sort(), names);
    const description = untrusted?.description ?? '';
    assert.match(description, /^%(.+)%$/);
    assert.ok((nls[description.slice(1, -1)] ?? '').length > 0, 'the description is in package.nls.json');
  });

  it('runs where the keys, the network and a local Ollama are: on the local machine when it can, else beside the workspace', () => {
    assert.deepStrictEqual(manifest.extensionKind, ['ui', 'workspace']);
  });
});
