// Fails on any import cycle among the project's own TypeScript files (part of `npm run lint`).
// Every import counts: `import type`, `export … from`, `import()` and `require` included — a cycle
// of types only still means neither side can be read, tested or moved alone (docs/ARCHITECTURE.md).
// Reads the files with TypeScript's parser; resolves relative specifiers the way the bundler does
// (`./x` → x.ts, x/index.ts). Prints each cycle as a chain of files and exits 1.
// `node scripts/importCycles.mjs [folder]` checks another tree (its tests use one with a cycle).
import ts from 'typescript';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve(process.argv[2] ?? join(dirname(new URL(import.meta.url).pathname), '..'));
const folders = ['src', 'webview', 'test', 'bench', 'scripts'];

function walk(dir, found = []) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (name !== 'node_modules') {
        walk(path, found);
      }
    } else if (/\.(ts|mts|cts)$/.test(name) && !name.endsWith('.d.ts')) {
      found.push(path);
    }
  }
  return found;
}

function resolveSpecifier(from, specifier) {
  if (!specifier.startsWith('.')) {
    return undefined;
  }
  const base = resolve(dirname(from), specifier);
  for (const candidate of [base, `${base}.ts`, join(base, 'index.ts')]) {
    if (candidate.endsWith('.ts') && existsSync(candidate) && statSync(candidate).isFile()) {
      return candidate;
    }
  }
  return undefined;
}

/** Every module specifier a file names: static, type-only, re-exports, dynamic imports, require. */
function specifiersOf(path) {
  const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
  const found = [];
  const visit = (node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier !== undefined && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push(node.moduleSpecifier.text);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference) && ts.isStringLiteral(node.moduleReference.expression)) {
      found.push(node.moduleReference.expression.text);
    } else if (ts.isCallExpression(node) && node.arguments.length === 1 && ts.isStringLiteralLike(node.arguments[0])) {
      const callee = node.expression;
      if (callee.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(callee) && callee.text === 'require')) {
        found.push(node.arguments[0].text);
      }
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      found.push(node.argument.literal.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const files = folders.filter((folder) => existsSync(join(root, folder))).flatMap((folder) => walk(join(root, folder)));
const graph = new Map();
for (const file of files) {
  const targets = new Set();
  for (const specifier of specifiersOf(file)) {
    const target = resolveSpecifier(file, specifier);
    if (target !== undefined && target !== file) {
      targets.add(target);
    }
  }
  graph.set(file, [...targets].sort());
}

// Tarjan's strongly connected components: every component of more than one file is a cycle.
let counter = 0;
const index = new Map();
const low = new Map();
const stack = [];
const onStack = new Set();
const components = [];
function connect(file) {
  index.set(file, counter);
  low.set(file, counter);
  counter++;
  stack.push(file);
  onStack.add(file);
  for (const target of graph.get(file) ?? []) {
    if (!index.has(target)) {
      connect(target);
      low.set(file, Math.min(low.get(file), low.get(target)));
    } else if (onStack.has(target)) {
      low.set(file, Math.min(low.get(file), index.get(target)));
    }
  }
  if (low.get(file) === index.get(file)) {
    const component = [];
    let member;
    do {
      member = stack.pop();
      onStack.delete(member);
      component.push(member);
    } while (member !== file);
    if (component.length > 1) {
      components.push(component);
    }
  }
}
for (const file of graph.keys()) {
  if (!index.has(file)) {
    connect(file);
  }
}

/** One concrete loop through a component, for the message: start at its first file, walk inside it back to the start. */
function loopIn(component) {
  const members = new Set(component);
  const start = [...component].sort()[0];
  const previous = new Map([[start, undefined]]);
  const queue = [start];
  while (queue.length > 0) {
    const file = queue.shift();
    for (const target of graph.get(file) ?? []) {
      if (target === start) {
        const path = [start];
        for (let at = file; at !== start; at = previous.get(at)) {
          path.splice(1, 0, at);
        }
        return [...path, start];
      }
      if (members.has(target) && !previous.has(target)) {
        previous.set(target, file);
        queue.push(target);
      }
    }
  }
  return [start];
}

const name = (file) => relative(root, file);
if (components.length === 0) {
  console.log(`import cycles: none among ${files.length} files`);
} else {
  console.error(`import cycles: ${components.length} (each line is a loop of imports; type-only imports count)`);
  for (const component of components) {
    console.error(`  ${component.length} files, e.g. ${loopIn(component).map(name).join(' → ')}`);
  }
  process.exitCode = 1;
}
