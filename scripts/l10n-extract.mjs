// Writes l10n/bundle.l10n.json (`npm run l10n`): every English string the extension shows, keyed
// by itself, as VS Code's l10n bundles are — the one list each translation
// (l10n/bundle.l10n.<lang>.json) must match. Two kinds of string go in:
// - host strings: the literal first argument of `l10n.t(…)`, `vscode.l10n.t(…)` and any
//   `localize(…)` / `….localize(…)` (the `Localize` port, src/shell/chat/localize.ts) under src/;
// - webview strings: the values of the pages' English tables (`webviewTables`), which the host
//   translates through the same bundle and writes into each page (src/shell/chat/pageTranslations.ts).
// A call whose first argument is not a string literal could never be found by a translator: the
// script names each such call (file:line) and exits 1 without writing anything.
//   node scripts/l10n-extract.mjs [--stdout] [root]
// --stdout prints the bundle instead of writing it (the tests compare it with the file); root is the
// repository by default (the tests point it at small trees).
import ts from 'typescript';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/** The webview pages' English tables: `export const <name> = { key: 'English', … }`. */
const webviewTables = ['src/protocol/chatStrings.ts', 'src/protocol/usageStrings.ts'];

function walk(dir, found = []) {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      walk(path, found);
    } else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) {
      found.push(path);
    }
  }
  return found;
}

function sourceOf(path) {
  return ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
}

/** `l10n.t`, `vscode.l10n.t`, `localize`, `this.localize`, `options.localize`, …: a call that translates its first argument. */
function isTranslating(callee) {
  if (ts.isIdentifier(callee)) {
    return callee.text === 'localize';
  }
  if (!ts.isPropertyAccessExpression(callee)) {
    return false;
  }
  if (callee.name.text === 'localize') {
    return true;
  }
  const target = callee.expression;
  return callee.name.text === 't' && ((ts.isIdentifier(target) && target.text === 'l10n') || (ts.isPropertyAccessExpression(target) && target.name.text === 'l10n'));
}

function lineOf(source, node) {
  return source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
}

/** The host strings of one file, and the calls whose first argument is no literal (`file:line: call`). */
function hostStrings(root, path, strings, problems) {
  const source = sourceOf(path);
  const visit = (node) => {
    if (ts.isCallExpression(node) && isTranslating(node.expression)) {
      const first = node.arguments[0];
      if (first !== undefined && (ts.isStringLiteral(first) || ts.isNoSubstitutionTemplateLiteral(first))) {
        strings.add(first.text);
      } else {
        problems.push(`${relative(root, path)}:${lineOf(source, node)}: ${node.getText(source).split('\n')[0]}`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
}

/** The values of a table file's exported object literals; any value that is not a string literal is a problem. */
function tableStrings(root, path, strings, problems) {
  const source = sourceOf(path);
  let tables = 0;
  for (const statement of source.statements) {
    if (!ts.isVariableStatement(statement)) {
      continue;
    }
    for (const declaration of statement.declarationList.declarations) {
      if (declaration.initializer === undefined || !ts.isObjectLiteralExpression(declaration.initializer)) {
        continue;
      }
      tables += 1;
      for (const property of declaration.initializer.properties) {
        if (ts.isPropertyAssignment(property) && (ts.isStringLiteral(property.initializer) || ts.isNoSubstitutionTemplateLiteral(property.initializer))) {
          strings.add(property.initializer.text);
        } else {
          problems.push(`${relative(root, path)}:${lineOf(source, property)}: ${property.getText(source).split('\n')[0]}`);
        }
      }
    }
  }
  if (tables === 0) {
    problems.push(`${relative(root, path)}: no table of strings (an exported object literal) found`);
  }
}

/** The English bundle of the tree at `root`, or the problems that keep it from being complete. */
export function extractBundle(root) {
  const strings = new Set();
  const problems = [];
  for (const path of walk(join(root, 'src'))) {
    hostStrings(root, path, strings, problems);
  }
  for (const table of webviewTables) {
    tableStrings(root, join(root, table), strings, problems);
  }
  const bundle = {};
  for (const text of [...strings].sort()) {
    bundle[text] = text;
  }
  return { bundle, problems };
}

const args = process.argv.slice(2);
const toStdout = args.includes('--stdout');
const root = resolve(args.find((arg) => !arg.startsWith('--')) ?? join(dirname(new URL(import.meta.url).pathname), '..'));
const { bundle, problems } = extractBundle(root);
if (problems.length > 0) {
  console.error(`l10n: ${problems.length} translated calls or table entries whose text is not a string literal (a translator could never see it):`);
  for (const problem of problems) {
    console.error(`  ${problem}`);
  }
  process.exit(1);
}
const text = `${JSON.stringify(bundle, null, 2)}\n`;
if (toStdout) {
  process.stdout.write(text);
} else {
  mkdirSync(join(root, 'l10n'), { recursive: true });
  writeFileSync(join(root, 'l10n', 'bundle.l10n.json'), text);
  console.log(`l10n/bundle.l10n.json: ${Object.keys(bundle).length} strings`);
}
