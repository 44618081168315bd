// Builds the consumer test extension into its own .vsix, outside Switchboard's package: the
// bundle and the manifest are staged in out/e2e-consumer/consumer/ and packed with vsce into
// out/e2e-consumer/consumer.vsix; and other.vsix, an extension without code whose id the
// consumer borrows to be a second caller (Switchboard accepts only installed extensions' ids).
// The end-to-end test installs both next to Switchboard's. Run from anywhere:
// node test/e2e/consumer/build.mjs
import { createVSIX } from '@vscode/vsce';
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const source = dirname(fileURLToPath(import.meta.url));
const root = join(source, '..', '..', '..');
const output = join(root, 'out', 'e2e-consumer');
const stage = join(output, 'consumer');
const otherStage = join(output, 'other');

rmSync(output, { recursive: true, force: true });
mkdirSync(stage, { recursive: true });
mkdirSync(otherStage, { recursive: true });
await build({
  entryPoints: [join(source, 'src', 'extension.ts')],
  outfile: join(stage, 'extension.js'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['vscode'],
  sourcemap: 'inline',
  logLevel: 'warning',
});
copyFileSync(join(source, 'package.json'), join(stage, 'package.json'));
copyFileSync(join(source, 'other', 'package.json'), join(otherStage, 'package.json'));
for (const [cwd, name] of [
  [stage, 'consumer.vsix'],
  [otherStage, 'other.vsix'],
]) {
  const vsix = join(output, name);
  await createVSIX({ cwd, packagePath: vsix, dependencies: false, skipLicense: true });
  console.log(`built ${relative(root, vsix)}`);
}
