// The third-party notices shipped in the .vsix (dist/ThirdPartyNotices.txt): every npm package
// whose code esbuild put into a file under dist/ (read from the builds' metafiles, so the list is
// what ships, not what package.json declares), plus files copied as they are (the codicon font),
// each with its version, its licence and the licence text from its package.

import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The package folder an input path comes from (`node_modules/@scope/name`), or undefined for our own sources. */
export function packageFolderOf(inputPath) {
  const parts = inputPath.split(/[\\/]/);
  const at = parts.lastIndexOf('node_modules');
  if (at === -1 || at + 1 >= parts.length) {
    return undefined;
  }
  const end = at + (parts[at + 1].startsWith('@') ? 3 : 2);
  // A file inside the package: at least one part after its folder.
  return end < parts.length ? parts.slice(0, end).join('/') : undefined;
}

const licenceFile = /^(licen[cs]e|copying)(-code)?(\.(md|txt))?$/i;

/** A package's name, version, declared licence and licence texts (every LICENSE-like file it has). */
export function describePackage(folder) {
  const manifest = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8'));
  const texts = readdirSync(folder)
    .filter((name) => licenceFile.test(name))
    .sort()
    .map((name) => ({ file: name, text: readFileSync(join(folder, name), 'utf8').trim() }));
  const licence = typeof manifest.license === 'string' ? manifest.license : (manifest.license?.type ?? 'see its package');
  return { name: manifest.name, version: manifest.version, licence, texts };
}

/** The packages the metafiles' outputs hold code from, sorted by name (each once). */
export function shippedPackages(metafiles, alsoShipped = []) {
  const folders = new Set(alsoShipped);
  for (const metafile of metafiles) {
    for (const output of Object.values(metafile.outputs)) {
      for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
        const folder = packageFolderOf(input);
        if (folder !== undefined && bytesInOutput > 0) {
          folders.add(folder);
        }
      }
    }
  }
  const byName = new Map();
  for (const folder of folders) {
    const described = describePackage(folder);
    byName.set(`${described.name}@${described.version}`, described);
  }
  return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version));
}

const rule = '-'.repeat(78);

export function renderNotices(packages) {
  const head = [
    'Third-party notices',
    '',
    'Switchboard ships code from the packages below, bundled into the files under dist/ (the',
    'codicon font is copied as it is). Each is listed with its version and licence, followed by the',
    'licence text from its package.',
    '',
    ...packages.map((item) => `  ${item.name} ${item.version}: ${item.licence}`),
  ];
  const bodies = packages.map((item) => [
    rule,
    `${item.name} ${item.version} — ${item.licence}`,
    rule,
    ...(item.texts.length === 0 ? ['(The package carries no licence file; its package.json declares the licence above.)'] : item.texts.flatMap(({ file, text }) => [`[${file}]`, text, ''])),
  ].join('\n'));
  return `${[head.join('\n'), ...bodies].join('\n\n')}\n`;
}

/** Writes `outFile` for the packages the metafiles (and `alsoShipped` package folders) ship. */
export function writeThirdPartyNotices(metafiles, outFile, alsoShipped = []) {
  writeFileSync(outFile, renderNotices(shippedPackages(metafiles, alsoShipped)));
}
