/**
 * A code fence's language (`ts`, `py`, `sh`, `c++`) → the VS Code language id of a new document
 * (`typescript`, `python`, `shellscript`, `cpp`). Names VS Code already uses pass through; the
 * caller checks the result against the installed languages and falls back to plain text.
 */

/**
 * A Map, not an object: the fence is model output or a message from the webview, and `constructor`
 * or `__proto__` must find nothing here (and pass through as a name VS Code does not know), not
 * Object's own members.
 */
const fenceAliases: ReadonlyMap<string, string> = new Map(
  Object.entries({
    js: 'javascript',
    mjs: 'javascript',
    cjs: 'javascript',
    node: 'javascript',
    jsx: 'javascriptreact',
    ts: 'typescript',
    mts: 'typescript',
    cts: 'typescript',
    tsx: 'typescriptreact',
    py: 'python',
    python3: 'python',
    rb: 'ruby',
    rs: 'rust',
    sh: 'shellscript',
    bash: 'shellscript',
    zsh: 'shellscript',
    shell: 'shellscript',
    console: 'shellscript',
    ps: 'powershell',
    ps1: 'powershell',
    pwsh: 'powershell',
    yml: 'yaml',
    md: 'markdown',
    cs: 'csharp',
    'c#': 'csharp',
    fs: 'fsharp',
    'f#': 'fsharp',
    'c++': 'cpp',
    cc: 'cpp',
    hpp: 'cpp',
    h: 'c',
    kt: 'kotlin',
    kts: 'kotlin',
    golang: 'go',
    docker: 'dockerfile',
    make: 'makefile',
    mk: 'makefile',
    tex: 'latex',
    htm: 'html',
    xhtml: 'html',
    svg: 'xml',
    jsonc: 'jsonc',
    json5: 'jsonc',
    proto: 'proto3',
    objc: 'objective-c',
    'objective-c++': 'objective-cpp',
    vb: 'vb',
    text: 'plaintext',
    txt: 'plaintext',
    plain: 'plaintext',
  }),
);

/** The VS Code language id for a fence's language, or `plaintext` when none was given. */
export function languageIdForFence(fence: string | undefined): string {
  const name = (fence ?? '').trim().toLowerCase().split(/[\s{]/)[0] ?? '';
  if (name.length === 0) {
    return 'plaintext';
  }
  return fenceAliases.get(name) ?? name;
}
