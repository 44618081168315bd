/**
 * What the chat page asks for at once, beside its entry: the chunks the entry imports statically
 * (without a hint the browser finds them only after fetching and parsing the entry, one round
 * trip later) and the codicon font (found only once an icon is laid out, and its text stays blank
 * until the font arrives: `font-display: block`). esbuild.mjs writes the list, as paths under
 * dist/, to dist/webview-preloads.json at each webview build. Pure Node: the browser tests serve
 * the page with it too.
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface WebviewPreloads {
  /** ES modules (`<link rel="modulepreload">`). */
  modules: string[];
  /** Fonts (`<link rel="preload" as="font">`). */
  fonts: string[];
}

/** The manifest's name under dist/. */
export const webviewPreloadsFile = 'webview-preloads.json';

/** A path under dist/ as the build writes it: no way out of the folder, nothing to escape. */
const distPath = /^(?!.*\.\.)[\w-]+(?:\/[\w.-]+)*\.(?:js|ttf)$/;

const cache = new Map<string, WebviewPreloads>();

/**
 * The preloads of the webview built into `distFolder`, read once per folder. A missing or
 * unreadable manifest (a build from before it existed) is no preloads: the page loads the same
 * files, only later.
 */
export function readWebviewPreloads(distFolder: string): WebviewPreloads {
  let preloads = cache.get(distFolder);
  if (preloads === undefined) {
    preloads = parseWebviewPreloads(readManifest(join(distFolder, webviewPreloadsFile)));
    cache.set(distFolder, preloads);
  }
  return preloads;
}

function readManifest(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/** Keeps the manifest's well-formed paths of each kind, and drops anything else. */
export function parseWebviewPreloads(manifest: unknown): WebviewPreloads {
  const paths = (key: keyof WebviewPreloads): string[] => {
    const listed: unknown = typeof manifest === 'object' && manifest !== null ? (manifest as Record<string, unknown>)[key] : undefined;
    return Array.isArray(listed) ? listed.filter((path): path is string => typeof path === 'string' && distPath.test(path)) : [];
  };
  return { modules: paths('modules'), fonts: paths('fonts') };
}
