/**
 * The keybindings package.json contributes, against VS Code's own defaults per OS (the keys of
 * test/fixtures/vscode/default-keybindings.json, generated from VS Code itself): none of ours is a
 * default key, none shadows a default chord's prefix, and none is a chord whose prefix VS Code
 * binds alone (the prefix would never wait for its second key).
 */

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { commandIds } from '../../src/shell/commandIds';

interface Keybinding {
  command: string;
  key: string;
  mac?: string;
  win?: string;
  linux?: string;
  when?: string;
}

interface DefaultKeybindings {
  source: string;
  vscodeVersion: string;
  linux: string[];
  windows: string[];
  macos: string[];
}

type Os = 'linux' | 'windows' | 'macos';

const packageJson = JSON.parse(readFileSync('package.json', 'utf8')) as {
  contributes: { keybindings: Keybinding[] };
};
const defaults = JSON.parse(
  readFileSync('test/fixtures/vscode/default-keybindings.json', 'utf8'),
) as DefaultKeybindings;

/**
 * Keys that are not VS Code defaults but are taken all the same: Copilot Chat's "open chat"
 * (installed by most users), and macOS shortcuts the system or the app menu takes first.
 */
const alsoTaken: Record<Os, readonly string[]> = {
  linux: ['ctrl+alt+i'],
  windows: ['ctrl+alt+i'],
  macos: ['ctrl+cmd+i', 'alt+cmd+h', 'alt+cmd+m', 'alt+cmd+d', 'alt+cmd+escape', 'ctrl+cmd+q'],
};

const modifierOrder = ['ctrl', 'shift', 'alt', 'cmd', 'meta', 'win'];

/** One chord part with its modifiers in VS Code's order, so `cmd+alt+j` equals `alt+cmd+j`. */
function normalizePart(part: string): string {
  const pieces = part.split('+');
  const key = pieces[pieces.length - 1];
  const modifiers = pieces.slice(0, -1).sort((a, b) => modifierOrder.indexOf(a) - modifierOrder.indexOf(b));
  return [...modifiers, key].join('+');
}

function normalize(key: string): string {
  return key.trim().split(/\s+/).map(normalizePart).join(' ');
}

/** Why `key` would clash with the given defaults on one OS; empty when it is free. */
function clashes(key: string, taken: readonly string[]): string[] {
  const ours = normalize(key);
  const theirs = new Set(taken.map(normalize));
  const reasons: string[] = [];
  if (theirs.has(ours)) {
    reasons.push(`${ours} is bound by default`);
  }
  for (const chord of theirs) {
    if (chord.startsWith(`${ours} `)) {
      reasons.push(`${ours} would swallow the default chord ${chord}`);
    }
  }
  const [prefix, second] = ours.split(' ');
  if (prefix !== undefined && second !== undefined && theirs.has(prefix)) {
    reasons.push(`its prefix ${prefix} is bound alone`);
  }
  return reasons;
}

function keyFor(binding: Keybinding, os: Os): string {
  switch (os) {
    case 'macos':
      return binding.mac ?? binding.key;
    case 'windows':
      return binding.win ?? binding.key;
    case 'linux':
      return binding.linux ?? binding.key;
  }
}

const keybindings = packageJson.contributes.keybindings;
const oses: Os[] = ['linux', 'windows', 'macos'];

describe('keybindings', () => {
  it('reads a fixture of VS Code defaults that holds the keys everyone knows', () => {
    assert.match(defaults.source, /^codebling\/vs-code-default-keybindings@[0-9a-f]{40}: /);
    assert.match(defaults.vscodeVersion, /^\d+\.\d+\.\d+$/);
    assert.ok(defaults.linux.includes('ctrl+shift+p'));
    assert.ok(defaults.windows.includes('ctrl+shift+p'));
    assert.ok(defaults.macos.includes('shift+cmd+p'));
    assert.ok(defaults.linux.includes('ctrl+k ctrl+c'));
    assert.ok(defaults.macos.includes('cmd+k cmd+c'));
    for (const os of oses) {
      assert.deepEqual(defaults[os], [...new Set(defaults[os])].sort(), `${os} keys are deduplicated and sorted`);
    }
  });

  it('finds each kind of clash, so a free verdict means something', () => {
    assert.deepEqual(clashes('ctrl+shift+p', defaults.linux), ['ctrl+shift+p is bound by default']);
    assert.deepEqual(clashes('cmd+shift+p', defaults.macos), ['shift+cmd+p is bound by default']);
    assert.ok(clashes('ctrl+k', defaults.linux).some((reason) => reason.includes('swallow the default chord ctrl+k ctrl+c')));
    assert.deepEqual(clashes('cmd+k j', defaults.macos), ['its prefix cmd+k is bound alone']);
    assert.deepEqual(clashes('ctrl+alt+j', defaults.linux), []);
  });

  it('leaves AltGr alone on Windows: no Ctrl+Alt with a character key, which is AltGr there (ą, €, @ on many layouts)', () => {
    for (const binding of keybindings) {
      for (const part of normalize(keyFor(binding, 'windows')).split(' ')) {
        assert.doesNotMatch(part, /^ctrl\+(shift\+)?alt\+[^+]$/, `${binding.command}: ${part}`);
      }
    }
  });

  it('scopes Stop to a chat with a running answer', () => {
    const stop = keybindings.filter((binding) => binding.command === commandIds.stop);
    assert.ok(stop.length > 0);
    for (const binding of stop) {
      assert.equal(binding.when, 'switchboard.answering');
    }
  });

  it('binds focus chat, new chat, ask about selection, open chat in editor, stop and history', () => {
    const bound = new Set(keybindings.map((binding) => binding.command));
    for (const command of [
      commandIds.openChat,
      commandIds.openChatInEditor,
      commandIds.newChat,
      commandIds.askAboutSelection,
      commandIds.stop,
      commandIds.showHistory,
    ]) {
      assert.ok(bound.has(command), `${command} has a keybinding`);
    }
  });

  it('offers Ask About Selection only with a selection', () => {
    const ask = keybindings.filter((binding) => binding.command === commandIds.askAboutSelection);
    assert.ok(ask.length > 0);
    for (const binding of ask) {
      assert.match(binding.when ?? '', /\beditorHasSelection\b/);
    }
  });

  it('binds only commands the extension contributes, each key once per OS', () => {
    const known = new Set<string>(Object.values(commandIds));
    for (const binding of keybindings) {
      assert.ok(known.has(binding.command), binding.command);
    }
    for (const os of oses) {
      const keys = keybindings.map((binding) => normalize(keyFor(binding, os)));
      assert.equal(new Set(keys).size, keys.length, `${os}: ${keys.join(', ')}`);
    }
  });

  for (const os of oses) {
    it(`clashes with none of VS Code's defaults on ${os}`, () => {
      const taken = [...defaults[os], ...alsoTaken[os]];
      const found = keybindings.flatMap((binding) =>
        clashes(keyFor(binding, os), taken).map((reason) => `${binding.command}: ${reason}`),
      );
      assert.deepEqual(found, []);
    });
  }
});
