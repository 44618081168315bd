/**
 * A workspace cannot pick where your code goes: every `switchboard.*` setting decides a model,
 * a server, a header, a proxy, a certificate or a door for other extensions, so each one is read
 * from user settings only (`application` scope). A cloned repository's `.vscode/settings.json`
 * then cannot send your prompts to another provider or a costly model, nor re-route your key.
 */

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

interface ConfigurationContribution {
  properties: Record<string, { scope?: string }>;
}

describe('settings: none can be set by a workspace', () => {
  it('every switchboard.* setting is application-scoped (user settings only)', () => {
    const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as { contributes: { configuration: ConfigurationContribution | ConfigurationContribution[] } };
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
});
