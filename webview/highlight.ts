/**
 * Syntax highlighting for code blocks: highlight.js's core with the languages people ask a coding
 * assistant about most, imported one by one so the bundle carries only these. A fence without a
 * known language is shown plain: guessing (`highlightAuto`) costs too much on every streamed frame.
 */

// The lint rule keeping src/core out of the webview matches any path segment named core; this is highlight.js's.
import hljs from 'highlight.js/lib/core';
import type { LanguageFn } from 'highlight.js';
import bash from 'highlight.js/lib/languages/bash';
import c from 'highlight.js/lib/languages/c';
import cpp from 'highlight.js/lib/languages/cpp';
import csharp from 'highlight.js/lib/languages/csharp';
import css from 'highlight.js/lib/languages/css';
import diff from 'highlight.js/lib/languages/diff';
import dockerfile from 'highlight.js/lib/languages/dockerfile';
import go from 'highlight.js/lib/languages/go';
import ini from 'highlight.js/lib/languages/ini';
import java from 'highlight.js/lib/languages/java';
import javascript from 'highlight.js/lib/languages/javascript';
import json from 'highlight.js/lib/languages/json';
import kotlin from 'highlight.js/lib/languages/kotlin';
import lua from 'highlight.js/lib/languages/lua';
import markdown from 'highlight.js/lib/languages/markdown';
import php from 'highlight.js/lib/languages/php';
import plaintext from 'highlight.js/lib/languages/plaintext';
import powershell from 'highlight.js/lib/languages/powershell';
import python from 'highlight.js/lib/languages/python';
import ruby from 'highlight.js/lib/languages/ruby';
import rust from 'highlight.js/lib/languages/rust';
import scss from 'highlight.js/lib/languages/scss';
import sql from 'highlight.js/lib/languages/sql';
import swift from 'highlight.js/lib/languages/swift';
import typescript from 'highlight.js/lib/languages/typescript';
import xml from 'highlight.js/lib/languages/xml';
import yaml from 'highlight.js/lib/languages/yaml';

/**
 * The grammars, registered on first use: building one runs its definition, which page load need not pay for.
 * These tables are looked up by a fence's language, which is model output: Maps, so `constructor`
 * or `__proto__` finds nothing instead of Object's own members.
 */
const grammars: ReadonlyMap<string, LanguageFn> = new Map(
  Object.entries({
    bash, c, cpp, csharp, css, diff, dockerfile, go, ini, java, javascript, json, kotlin, lua, markdown,
    php, plaintext, powershell, python, ruby, rust, scss, sql, swift, typescript, xml, yaml,
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

/** Grammars registered and compiled (highlight.js compiles one on its first use). */
const compiled = new Set<string>();
const compiling = new Set<string>();
const compiledListeners: (() => void)[] = [];

/** Calls `listener` each time a grammar is ready, so code blocks drawn plain can be highlighted. */
export function onGrammarCompiled(listener: () => void): void {
  compiledListeners.push(listener);
}

/** Highlighted HTML (highlight.js escapes the text), 'pending' while the grammar compiles, 'unknown' for no such language. */
export type Highlighted = { html: string } | 'pending' | 'unknown';

/**
 * Highlights code. A grammar is built and compiled on its first use, which costs up to tens of
 * milliseconds, so that happens in a task of its own, not inside a frame that draws: until then
 * the answer is 'pending' and the block is shown plain.
 */
export function highlightCode(code: string, language: string): Highlighted {
  const name = grammarName(language);
  if (name === undefined) {
    return 'unknown';
  }
  if (!compiled.has(name)) {
    compileLater(name);
    return 'pending';
  }
  return { html: hljs.highlight(code, { language: name, ignoreIllegals: true }).value };
}

function compileLater(name: string): void {
  if (compiling.has(name)) {
    return;
  }
  compiling.add(name);
  setTimeout(() => {
    const grammar = grammars.get(name);
    if (grammar !== undefined) {
      hljs.registerLanguage(name, grammar);
    }
    hljs.highlight('', { language: name, ignoreIllegals: true });
    compiled.add(name);
    for (const listener of compiledListeners) {
      listener();
    }
  }, 0);
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
