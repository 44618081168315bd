/**
 * A code block's first line that names its file as a comment, the way models label blocks:
 * `// file: src/app.ts`, `# file: app.py`, `<!-- file: index.html -->`, `/* file: x.css *\/`,
 * `-- file: q.sql`, or a comment that is only a path (`// src/app.ts`).
 *
 * Ordinary comments must not be taken for a name. With a label (`file:`, `filename:`, `path:`) the
 * model said it names a file, so the path is returned as written and the caller checks it (and
 * refuses one outside the workspace). Without a label the comment must be nothing but a relative
 * path: no spaces, no `..`, not absolute, not a URL, and either a folder part (`src/app.ts`) or a
 * source file's extension (`app.ts`) — so `// console.log` or `// i.e.` stay comments.
 */

export interface NamingLine {
  named: string;
  /** The block after the naming line. */
  rest: string;
}

/** Comment shapes by their markers; the text between them is what may name the file. */
const commentShapes: readonly RegExp[] = [
  /^\/\/+\s*(.*?)\s*$/,
  /^#+\s*(.*?)\s*$/,
  /^--+\s*(.*?)\s*$/,
  /^;+\s*(.*?)\s*$/,
  /^\/\*+\s*(.*?)\s*\*+\/$/,
  /^<!--\s*(.*?)\s*-->$/,
];

const label = /^(?:file|filename|filepath|path)\s*:\s*(.+)$/i;

/**
 * Extensions a bare path comment may end in: source and config files a model writes. A closed
 * list, because a dotted word (`console.log`, `obj.method`) is far commoner in comments than a
 * bare file name without a folder.
 */
const sourceExtensions: ReadonlySet<string> = new Set(
  (
    'ts tsx mts cts js jsx mjs cjs py pyi rb rs go java kt kts scala swift c h cc cpp cxx hpp cs fs php pl lua r dart ' +
    'ex exs erl hs ml clj el vim sh bash zsh fish ps1 bat cmd sql html htm css scss sass less vue svelte astro ' +
    'json jsonc json5 yaml yml toml ini cfg conf xml md mdx txt gradle tf proto graphql gql env'
  ).split(' '),
);

/** The first line of `code` when it names a file, with the block after it; undefined otherwise. */
export function namingLine(code: string, fenceLanguage: string): NamingLine | undefined {
  const match = /^([^\r\n]*)(\r?\n|$)/.exec(code);
  const line = (match?.[1] ?? '').trim();
  const comment = commentText(line, fenceLanguage);
  if (comment === undefined) {
    return undefined;
  }
  const rest = code.slice(match?.[0].length ?? 0);
  const labelled = label.exec(comment);
  if (labelled !== null) {
    return { named: (labelled[1] as string).replace(/^["'`]+|["'`]+$/g, ''), rest };
  }
  return isBarePath(comment) ? { named: comment, rest } : undefined;
}

function commentText(line: string, fenceLanguage: string): string | undefined {
  for (const shape of commentShapes) {
    const text = shape.exec(line)?.[1];
    if (text !== undefined) {
      // In Markdown `# README.md` is a heading, not a comment.
      if (shape === commentShapes[1] && /^(md|markdown|mdx)$/.test(fenceLanguage) && !label.test(text)) {
        return undefined;
      }
      return text;
    }
  }
  return undefined;
}

function isBarePath(text: string): boolean {
  if (/\s/.test(text) || text.startsWith('/') || text.startsWith('~') || /^[a-z][a-z0-9+.-]*:/i.test(text)) {
    return false;
  }
  const parts = text.split('/');
  if (parts.some((part) => part === '' || part === '..' || !/^[\w.@+-]+$/.test(part))) {
    return false;
  }
  const extension = /\.([A-Za-z0-9]*[A-Za-z][A-Za-z0-9]*)$/.exec(parts[parts.length - 1] as string)?.[1];
  if (extension === undefined) {
    return false;
  }
  return parts.length > 1 || sourceExtensions.has(extension.toLowerCase());
}
