/**
 * Syntax highlighting for code blocks: highlight.js's core with the languages people ask a coding
 * assistant about most. The core and each grammar are chunks of their own (dist/webview-chunks/),
 * imported when a fence first needs them, so opening the chat evaluates none of them. A fence
 * without a known language is shown plain: guessing (`highlightAuto`) costs too much on every
 * streamed frame.
 */

import type { HLJSApi, LanguageFn } from 'highlight.js';

type GrammarModule = Promise<{ default: LanguageFn }>;

/**
 * The grammars, each imported on first use. Literal import() paths, so esbuild makes each one a
 * chunk. These tables are looked up by a fence's language, which is model output: Maps, so
 * `constructor` or `__proto__` finds nothing instead of Object's own members.
 */
const grammars: ReadonlyMap<string, () => GrammarModule> = new Map(
  Object.entries({
    bash: () => import('highlight.js/lib/languages/bash'),
    c: () => import('highlight.js/lib/languages/c'),
    cpp: () => import('highlight.js/lib/languages/cpp'),
    csharp: () => import('highlight.js/lib/languages/csharp'),
    css: () => import('highlight.js/lib/languages/css'),
    diff: () => import('highlight.js/lib/languages/diff'),
    dockerfile: () => import('highlight.js/lib/languages/dockerfile'),
    go: () => import('highlight.js/lib/languages/go'),
    ini: () => import('highlight.js/lib/languages/ini'),
    java: () => import('highlight.js/lib/languages/java'),
    javascript: () => import('highlight.js/lib/languages/javascript'),
    json: () => import('highlight.js/lib/languages/json'),
    kotlin: () => import('highlight.js/lib/languages/kotlin'),
    lua: () => import('highlight.js/lib/languages/lua'),
    markdown: () => import('highlight.js/lib/languages/markdown'),
    php: () => import('highlight.js/lib/languages/php'),
    plaintext: () => import('highlight.js/lib/languages/plaintext'),
    powershell: () => import('highlight.js/lib/languages/powershell'),
    python: () => import('highlight.js/lib/languages/python'),
    ruby: () => import('highlight.js/lib/languages/ruby'),
    rust: () => import('highlight.js/lib/languages/rust'),
    scss: () => import('highlight.js/lib/languages/scss'),
    sql: () => import('highlight.js/lib/languages/sql'),
    swift: () => import('highlight.js/lib/languages/swift'),
    typescript: () => import('highlight.js/lib/languages/typescript'),
    xml: () => import('highlight.js/lib/languages/xml'),
    yaml: () => import('highlight.js/lib/languages/yaml'),
  }),
);

/** The fence names people write for them (highlight.js learns a grammar's aliases only when registering it). */
const aliases: ReadonlyMap<string, string> = new Map(
  Object.entries({
    sh: 'bash', zsh: 'bash', shell: 'bash', console: 'bash', shellscript: 'bash',
    h: 'c', 'c++': 'cpp', cc: 'cpp', hpp: 'cpp', cxx: 'cpp', cs: 'csharp', 'c#': 'csharp',
    patch: 'diff', docker: 'dockerfile', golang: 'go', toml: 'ini', jsonc: 'json',
    js: 'javascript', jsx: 'javascript', mjs: 'javascript', cjs: 'javascript', javascriptreact: 'javascript',
    ts: 'typescript', tsx: 'typescript', mts: 'typescript', cts: 'typescript', typescriptreact: 'typescript',
    kt: 'kotlin', kts: 'kotlin', md: 'markdown', text: 'plaintext', txt: 'plaintext', ps: 'powershell', ps1: 'powershell',
    py: 'python', gyp: 'python', rb: 'ruby', rs: 'rust', html: 'xml', xhtml: 'xml', svg: 'xml', yml: 'yaml',
  }),
);

function grammarName(language: string): string | undefined {
  const name = language.toLowerCase();
  return grammars.has(name) ? name : aliases.get(name);
}

// The lint rule keeping src/core out of the webview matches any path segment named core; this is highlight.js's.
const loadCore = (): Promise<{ default: HLJSApi }> => import('highlight.js/lib/core');

/** highlight.js's core, once its chunk arrived; grammars registered and compiled (highlight.js compiles one on its first use). */
let hljs: HLJSApi | undefined;
const compiled = new Set<string>();
const loading = new Set<string>();
const compiledListeners: (() => void)[] = [];

/** Calls `listener` each time a grammar is ready, so code blocks drawn plain can be highlighted. */
export function onGrammarCompiled(listener: () => void): void {
  compiledListeners.push(listener);
}

/** Highlighted HTML (highlight.js escapes the text), 'pending' while the grammar loads, 'unknown' for no such language. */
export type Highlighted = { html: string } | 'pending' | 'unknown';

/**
 * Highlights code. A grammar is imported, built and compiled on its first use, which costs up to
 * tens of milliseconds, so that happens in tasks of their own, not inside a frame that draws:
 * until then the answer is 'pending' and the block is shown plain.
 */
export function highlightCode(code: string, language: string): Highlighted {
  const name = grammarName(language);
  if (name === undefined) {
    return 'unknown';
  }
  if (hljs === undefined || !compiled.has(name)) {
    void loadGrammar(name);
    return 'pending';
  }
  return { html: hljs.highlight(code, { language: name, ignoreIllegals: true }).value };
}

async function loadGrammar(name: string): Promise<void> {
  const importGrammar = grammars.get(name);
  if (loading.has(name) || importGrammar === undefined) {
    return;
  }
  loading.add(name);
  const [core, grammar] = await Promise.all([loadCore(), importGrammar()]);
  // A task of its own for building and compiling, apart from the one that evaluated the chunks.
  await new Promise((resolve) => setTimeout(resolve, 0));
  hljs = core.default;
  hljs.registerLanguage(name, grammar.default);
  hljs.highlight('', { language: name, ignoreIllegals: true });
  compiled.add(name);
  for (const listener of compiledListeners) {
    listener();
  }
}

/** Fence names that differ from VS Code's language ids (`ts` → `typescript`); a Map, as the tables above. */
const vscodeLanguageIds: ReadonlyMap<string, string> = new Map(
  Object.entries({
    ts: 'typescript',
    tsx: 'typescriptreact',
    js: 'javascript',
    jsx: 'javascriptreact',
    mjs: 'javascript',
    cjs: 'javascript',
    py: 'python',
    sh: 'shellscript',
    bash: 'shellscript',
    zsh: 'shellscript',
    shell: 'shellscript',
    console: 'shellscript',
    yml: 'yaml',
    md: 'markdown',
    'c#': 'csharp',
    cs: 'csharp',
    'c++': 'cpp',
    cc: 'cpp',
    hpp: 'cpp',
    rs: 'rust',
    rb: 'ruby',
    kt: 'kotlin',
    ps1: 'powershell',
    docker: 'dockerfile',
    golang: 'go',
    text: 'plaintext',
    txt: 'plaintext',
  }),
);

/** The VS Code language id for a fence's language, for "Open in new file"; undefined when there is none. */
export function vscodeLanguageId(fenceLanguage: string): string | undefined {
  const name = fenceLanguage.toLowerCase();
  if (!/^[a-z0-9#+._-]{1,40}$/.test(name)) {
    return undefined;
  }
  return vscodeLanguageIds.get(name) ?? name;
}
