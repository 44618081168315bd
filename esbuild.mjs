// Builds the extension bundle (dist/extension.js) and the chat webview (dist/webview.js, an ES
// module for the browser, with the chunks it imports on first use in dist/webview-chunks/;
// dist/webview.css; the codicons font under dist/codicons/), and the usage page (dist/usage.js, dist/usage.css). `--production` minifies; `--watch`
// rebuilds on change; `--only=webview` or `--only=extension` builds one side (the webview's
// browser tests and benchmark rebuild just their part). The core's HTTP stack
// (undici) sits behind a dynamic import, so esbuild wraps it in a lazy initialiser: its module code
// runs on the first request, not at activation. Heavier libraries (the tokenizer, the MCP SDK,
// google-auth-library, the AWS libraries) go further: built into files of their own in dist/.
import { context } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { writeThirdPartyNotices } from './scripts/lib/thirdPartyNotices.mjs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const only = process.argv.find((arg) => arg.startsWith('--only='))?.slice('--only='.length);
if (only !== undefined && only !== 'webview' && only !== 'extension') {
  throw new Error(`--only takes webview or extension, not ${only}.`);
}

/** Reports build results in the format VS Code's esbuild problem matcher reads. */
const problemMatcherPlugin = {
  name: 'problem-matcher',
  setup(build) {
    build.onStart(() => console.log('[watch] build started'));
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) {
          console.error(`    ${location.file}:${location.line}:${location.column}:`);
        }
      }
      console.log('[watch] build finished');
    });
  },
};

const common = {
  bundle: true,
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  // What each output holds: the webview's preloads and the third-party notices are read from it.
  metafile: true,
  logLevel: 'warning',
  plugins: watch ? [problemMatcherPlugin] : [],
};

/**
 * The codicon font and its stylesheet, which vscode-elements' icons and our CSS load from
 * dist/codicons/. The stylesheet's `url("./codicon.ttf?<hash>")` loses its query: the page
 * preloads the font by its plain path (webview-preloads.json), and a preload is reused only for
 * the very same URL. (Each version of the extension has its own folder, so nothing goes stale.)
 */
function copyCodicons() {
  const from = join('node_modules', '@vscode', 'codicons', 'dist');
  const to = join('dist', 'codicons');
  mkdirSync(to, { recursive: true });
  copyFileSync(join(from, 'codicon.ttf'), join(to, 'codicon.ttf'));
  const css = readFileSync(join(from, 'codicon.css'), 'utf8');
  const plain = css.replace(/url\("\.\/codicon\.ttf\?[0-9a-f]+"\)/, 'url("./codicon.ttf")');
  if (plain === css) {
    throw new Error('dist/codicons/codicon.css: the font URL has changed shape; make the preload match it.');
  }
  writeFileSync(join(to, 'codicon.css'), plain);
}

/**
 * Keeps gpt-tokenizer out of dist/extension.js: its `import('gpt-tokenizer')` (src/shell/lm/tokenCount.ts)
 * becomes `import('./tokenizer.js')`. Inside extension.js, even unexecuted, the table would be parsed
 * at every activation (about 100 ms more here); apart, it is read on the first token count only.
 */
const tokenizerApart = {
  name: 'tokenizer-apart',
  setup(build) {
    build.onResolve({ filter: /^gpt-tokenizer$/ }, () => ({ path: './tokenizer.js', external: true }));
  },
};

/**
 * Modules built into files of their own beside dist/extension.js, each the one module that loads
 * a heavy library, itself loaded with a dynamic `import('./<module>')` on first use: inside
 * extension.js, even unexecuted, the library would be parsed at every activation. A module
 * missing from this tree (a provider not merged yet) is skipped.
 */
const apartModules = [
  // The MCP SDK and its dependencies (zod, ajv, cross-spawn, eventsource), on the first MCP server start.
  { source: 'src/shell/tools/mcp/mcpSdk.ts', outfile: 'mcp.js' },
  // google-auth-library and gaxios, on the first Vertex AI call.
  { source: 'src/core/providers/vertex/googleAuthLibrary.ts', outfile: 'googleAuth.js' },
  // The AWS SDK's credential chain, SigV4 signing and event-stream codec, on the first Bedrock call.
  { source: 'src/core/providers/bedrock/awsLibraries.ts', outfile: 'awsLibraries.js' },
].filter(({ source }) => existsSync(source));

/**
 * Turns a dynamic import of an apart module into `import('./<outfile>')`, external to the bundle.
 * A static import of one would pull the library back into extension.js, so it fails the build.
 */
const modulesApart = {
  name: 'modules-apart',
  setup(build) {
    const bySourceWithoutExtension = new Map(apartModules.map((module) => [resolve(module.source).replace(/\.ts$/, ''), module]));
    build.onResolve({ filter: /^\.\.?\// }, (args) => {
      const module = bySourceWithoutExtension.get(resolve(args.resolveDir, args.path).replace(/\.ts$/, ''));
      if (module === undefined) {
        return undefined;
      }
      if (args.kind !== 'dynamic-import') {
        return { errors: [{ text: `${module.source} is built apart (dist/${module.outfile}); import it with a dynamic import(), not statically from ${args.importer}.` }] };
      }
      return { path: `./${module.outfile}`, external: true };
    });
  },
};

/** The folder of the webview's chunks under dist/ (its files are named by their content's hash). */
const webviewChunks = 'webview-chunks';

/** Empties dist/webview-chunks/ before each webview build, so the .vsix ships only the chunks the entry imports. */
const freshWebviewChunks = {
  name: 'fresh-webview-chunks',
  setup(build) {
    build.onStart(() => rmSync(join('dist', webviewChunks), { recursive: true, force: true }));
  },
};

/**
 * Writes dist/webview-preloads.json (read by src/shell/chat/webviewPreloads.ts): the chunks the
 * entry imports statically, at any depth, and the codicon font, as paths under dist/.
 */
const webviewPreloads = {
  name: 'webview-preloads',
  setup(build) {
    build.onEnd(({ metafile }) => {
      if (metafile === undefined) {
        return;
      }
      const underDist = (output) => relative('dist', output).split(sep).join('/');
      const modules = new Set();
      const visit = (output) => {
        for (const imported of metafile.outputs[output]?.imports ?? []) {
          if (imported.kind === 'import-statement' && !modules.has(imported.path)) {
            modules.add(imported.path);
            visit(imported.path);
          }
        }
      };
      visit(Object.keys(metafile.outputs).find((output) => underDist(output) === 'webview.js'));
      const manifest = { modules: [...modules].map(underDist), fonts: ['codicons/codicon.ttf'] };
      writeFileSync(join('dist', 'webview-preloads.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    });
  },
};

const builds = [];
if (only !== 'webview') {
  builds.push(
    await context({
      ...common,
      entryPoints: ['src/extension.ts'],
      format: 'cjs',
      platform: 'node',
      target: 'node20',
      outfile: 'dist/extension.js',
      external: ['vscode'],
      // Minified, the core's error classes would be named `H` or `Xt`: their `name`
      // (`new.target.name`) is what other extensions tell errors apart by.
      keepNames: true,
      plugins: [...common.plugins, tokenizerApart, modulesApart],
    }),
    // The tokenizer (its 2.7 MB rank table) in a file of its own, imported on the first token count.
    await context({
      ...common,
      entryPoints: ['gpt-tokenizer'],
      format: 'cjs',
      platform: 'node',
      target: 'node20',
      outfile: 'dist/tokenizer.js',
    }),
    ...(await Promise.all(
      apartModules.map(({ source, outfile }) =>
        context({
          ...common,
          entryPoints: [source],
          format: 'cjs',
          platform: 'node',
          target: 'node20',
          outfile: join('dist', outfile),
        }),
      ),
    )),
  );
}
if (only !== 'extension') {
  copyCodicons();
  builds.push(
    await context({
      ...common,
      // dist/webview.js, the page's module script, and its chunks in dist/webview-chunks/: what the
      // first paint needs is in the entry; markdown-it, DOMPurify, highlight.js's core and each of its
      // grammars come by dynamic import() when first used, so opening the chat never evaluates them.
      entryPoints: { webview: 'webview/main.ts' },
      format: 'esm',
      splitting: true,
      platform: 'browser',
      // VS Code's webviews are its own Chromium (Electron), or a current browser for code-server.
      target: ['chrome120', 'firefox120', 'safari17'],
      outdir: 'dist',
      chunkNames: `${webviewChunks}/[name]-[hash]`,
      plugins: [...common.plugins, freshWebviewChunks, webviewPreloads],
    }),
    await context({
      ...common,
      entryPoints: ['webview/styles.css'],
      outfile: 'dist/webview.css',
    }),
    // dist/usage.js and dist/usage.css, the page of "Switchboard: Show Usage": a small entry of
    // its own (its SVG chart is drawn with the DOM), sharing nothing with the chat's chunks.
    await context({
      ...common,
      entryPoints: { usage: 'webview/usage/main.ts' },
      format: 'esm',
      platform: 'browser',
      target: ['chrome120', 'firefox120', 'safari17'],
      outdir: 'dist',
    }),
  );
}

if (watch) {
  await Promise.all(builds.map((build) => build.watch()));
} else {
  const metafiles = [];
  for (const build of builds) {
    metafiles.push((await build.rebuild()).metafile);
    await build.dispose();
  }
  // Only a whole build knows everything that ships (the .vsix is always packaged from one).
  if (only === undefined) {
    writeThirdPartyNotices(metafiles, join('dist', 'ThirdPartyNotices.txt'), [join('node_modules', '@vscode', 'codicons')]);
  }
}
