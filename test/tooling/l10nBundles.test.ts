/**
 * The translations as they ship: l10n/bundle.l10n.json is what `npm run l10n` extracts from the
 * sources now (a new string without a new extraction fails here); each language's bundle and
 * package.nls file has exactly the English keys, no empty text, the same placeholders, setting
 * references and code spans; every `%key%` of package.json has its English text; the languages are
 * the six the README names. The extractor itself, on small trees: it finds every kind of
 * translated call and names each call whose text it cannot see.
 */

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const root = join(__dirname, '..', '..', '..');
const script = join(root, 'scripts', 'l10n-extract.mjs');
const shippedLanguages = ['de', 'es', 'fr', 'ja', 'pt-br', 'zh-cn'];

function readJson(path: string): Record<string, string> {
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, string>;
}

function extract(tree: string): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [script, '--stdout', tree], { encoding: 'utf8' });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** `{0}`, `{name}`: the placeholders of a text, each once, sorted. */
function placeholders(text: string): string[] {
  return [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((match) => match[0]))].sort();
}

/** What a translation must carry over unchanged: the placeholders, and in package.nls the setting and command references and the code spans. */
function invariants(text: string): { placeholders: string[]; references: string[]; backticks: number } {
  return {
    placeholders: placeholders(text),
    references: [...text.matchAll(/#[\w.-]+#|command:[\w.-]+/g)].map((match) => match[0]).sort(),
    backticks: (text.match(/`/g) ?? []).length,
  };
}

/** Every difference between a translation and its English file: keys missing or extra, texts empty, invariants changed. */
function differences(english: Record<string, string>, translated: Record<string, string>): string[] {
  const found: string[] = [];
  for (const [key, text] of Object.entries(english)) {
    if (!Object.hasOwn(translated, key)) {
      found.push(`missing ${JSON.stringify(key)}`);
      continue;
    }
    const translation = translated[key];
    if (typeof translation !== 'string' || translation.trim() === '') {
      found.push(`empty ${JSON.stringify(key)}`);
      continue;
    }
    const want = invariants(text);
    const got = invariants(translation);
    if (JSON.stringify(want) !== JSON.stringify(got)) {
      found.push(`${JSON.stringify(key)}: ${JSON.stringify(got)} instead of ${JSON.stringify(want)}`);
    }
  }
  for (const key of Object.keys(translated)) {
    if (!Object.hasOwn(english, key)) {
      found.push(`extra ${JSON.stringify(key)}`);
    }
  }
  return found;
}

/** The languages of the files in `folder` named `<prefix>.<lang>.json`. */
function languagesOf(folder: string, prefix: string): string[] {
  return readdirSync(folder)
    .map((name) => new RegExp(`^${prefix.replace(/\./g, '\\.')}\\.([a-z-]+)\\.json$`).exec(name)?.[1])
    .filter((language): language is string => language !== undefined)
    .sort();
}

/** Every string value of a JSON value, with its path. */
function strings(value: unknown, path: string, found: [string, string][] = []): [string, string][] {
  if (typeof value === 'string') {
    found.push([path, value]);
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => strings(item, `${path}[${index}]`, found));
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      strings(item, `${path}.${key}`, found);
    }
  }
  return found;
}

describe('translations', () => {
  const english = readJson(join(root, 'l10n', 'bundle.l10n.json'));
  const nls = readJson(join(root, 'package.nls.json'));

  it('l10n/bundle.l10n.json is what `npm run l10n` extracts from the sources now', () => {
    const run = extract(root);
    assert.equal(run.stderr, '');
    assert.equal(run.status, 0);
    assert.deepStrictEqual(JSON.parse(run.stdout), english, 'run `npm run l10n` and commit l10n/bundle.l10n.json');
  });

  it('ships exactly Simplified Chinese, Japanese, German, French, Spanish and Brazilian Portuguese, for both the strings and the manifest', () => {
    assert.deepStrictEqual({ bundles: languagesOf(join(root, 'l10n'), 'bundle.l10n'), manifest: languagesOf(root, 'package.nls') }, { bundles: shippedLanguages, manifest: shippedLanguages });
  });

  for (const language of shippedLanguages) {
    it(`${language}: every string translated, with the same placeholders`, () => {
      assert.deepStrictEqual(differences(english, readJson(join(root, 'l10n', `bundle.l10n.${language}.json`))), []);
    });

    it(`${language}: every command, setting and walkthrough text translated, with the same placeholders, setting references and code spans`, () => {
      assert.deepStrictEqual(differences(nls, readJson(join(root, `package.nls.${language}.json`))), []);
    });
  }

  it('every %key% of package.json (commands, settings, walkthroughs, views) has its English text in package.nls.json', () => {
    const references = strings(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')), 'package.json').filter(([, value]) => /^%[^%\s]+%$/.test(value));
    assert.ok(references.length > 50, `only ${references.length} references found`);
    assert.deepStrictEqual(
      references.filter(([, value]) => !Object.hasOwn(nls, value.slice(1, -1))).map(([path, value]) => `${path}: ${value}`),
      [],
    );
  });
});

describe('the string extractor (npm run l10n)', () => {
  let tree = '';

  function write(files: Record<string, string>): void {
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(tree, path)), { recursive: true });
      writeFileSync(join(tree, path), text);
    }
  }

  beforeEach(() => {
    tree = mkdtempSync(join(tmpdir(), 'switchboard-l10n-'));
    write({
      'src/protocol/chatStrings.ts': "export const chatStrings = {\n  send: 'Send',\n  removeAttachment: 'Remove {name}',\n};\n",
      'src/protocol/usageStrings.ts': "export const usageStrings = {\n  total: 'Total',\n};\n",
    });
  });
  afterEach(() => {
    rmSync(tree, { recursive: true, force: true });
  });

  it('collects vscode.l10n.t, l10n.t and every localize port, and the pages\' tables, each text once', () => {
    write({
      'src/shell/a.ts': "import * as vscode from 'vscode';\nvscode.l10n.t('Open {0}', name);\nvscode.l10n.t(`Plain template`);\n",
      'src/shell/b.ts': "import { l10n } from 'vscode';\nl10n.t('Send');\nthis.host.localize('From a port {0}', 1);\nlocalize('Open {0}', other);\n",
      'src/shell/c.ts': "options.localize('Bare');\nconst t = (text: string): string => text;\nt(notTranslated);\n",
    });
    const run = extract(tree);
    assert.deepStrictEqual(
      { status: run.status, bundle: JSON.parse(run.stdout) as unknown },
      { status: 0, bundle: { Bare: 'Bare', 'From a port {0}': 'From a port {0}', 'Open {0}': 'Open {0}', 'Plain template': 'Plain template', 'Remove {name}': 'Remove {name}', Send: 'Send', Total: 'Total' } },
    );
  });

  it('fails on a translated call whose text is not a literal, naming each by file and line, and writes nothing', () => {
    write({
      'src/shell/a.ts': "import * as vscode from 'vscode';\nvscode.l10n.t('Fine');\nvscode.l10n.t(message);\n",
      'src/shell/b.ts': "\n\nlocalize(`Hello ${name}`);\nthis.localize(cloud ? 'a' : 'b');\n",
    });
    const run = extract(tree);
    assert.deepStrictEqual(
      { status: run.status, stdout: run.stdout, stderr: run.stderr.trim().split('\n') },
      {
        status: 1,
        stdout: '',
        stderr: [
          'l10n: 3 translated calls or table entries whose text is not a string literal (a translator could never see it):',
          '  src/shell/a.ts:3: vscode.l10n.t(message)',
          '  src/shell/b.ts:3: localize(`Hello ${name}`)',
          "  src/shell/b.ts:4: this.localize(cloud ? 'a' : 'b')",
        ],
      },
    );
  });
});
