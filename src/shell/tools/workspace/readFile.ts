/**
 * `read_file`: a workspace file's text, whole or a range of lines, within a cap (lines and
 * characters). A cut result says which lines it holds and how to read on, so the model can page
 * through a long file instead of getting its start only.
 */

import { LinkCheck, pathArgument, readListedFile, workspaceListing } from './listedFiles';
import { objectSchema, ToolRefusal, type WorkspaceTool } from './workspaceTool';

/** Lines of one result, at most. */
export const readLinesCap = 2_000;

/** Characters of one result's file text, at most (64 KiB). */
export const readCharactersCap = 65_536;

function splitLines(text: string): string[] {
  const lines = text.split(/\r?\n/);
  // A final line break ends the last line; it does not start another.
  if (lines.length > 1 && lines[lines.length - 1] === '') {
    lines.pop();
  }
  return lines;
}

export const readFileTool: WorkspaceTool = {
  descriptor: {
    name: 'read_file',
    description: `Reads a text file of the user's workspace (with the editor's unsaved changes, if it is open). Returns at most ${readLinesCap} lines and ${readCharactersCap / 1024} KiB at once; a longer file's result says which lines it holds, so read on with startLine. Binary files, files excluded by files.exclude and files ignored by .gitignore cannot be read.`,
    inputSchema: objectSchema(
      {
        path: { type: 'string', description: "The file, relative to the workspace with '/' (such as 'src/main.ts'); in a workspace of several folders, starting with the folder's name." },
        startLine: { type: 'integer', minimum: 1, description: 'The first line to read (1-based). Default: 1.' },
        endLine: { type: 'integer', minimum: 1, description: 'The last line to read (1-based, inclusive). Default: the end of the file.' },
      },
      ['path'],
    ),
    readOnly: true,
  },
  async run(args, { host }) {
    const path = pathArgument(args, 'path', { required: true }) ?? '';
    const startLine = args.integer('startLine', 1) ?? 1;
    const endLine = args.integer('endLine', 1);
    if (endLine !== undefined && endLine < startLine) {
      throw new ToolRefusal(`The argument "endLine" (${endLine}) is before "startLine" (${startLine}).`);
    }
    if (path === '') {
      throw new ToolRefusal('The argument "path" names the workspace itself: give a file, or use list_directory.');
    }
    const listing = await workspaceListing(host);
    const text = await readListedFile(host, listing, new LinkCheck(host, listing.roots.length > 1), path);
    const lines = splitLines(text);
    const total = text === '' ? 0 : lines.length;
    if (total === 0) {
      return `${path} is empty.`;
    }
    if (startLine > total) {
      throw new ToolRefusal(`The argument "startLine" (${startLine}) is past the end of ${path}, which has ${total} lines.`);
    }
    const last = Math.min(endLine ?? total, total, startLine + readLinesCap - 1);
    const shown: string[] = [];
    let characters = 0;
    let cutInLine = false;
    for (let index = startLine - 1; index < last; index += 1) {
      const line = lines[index] as string;
      if (characters + line.length + 1 > readCharactersCap) {
        if (shown.length === 0) {
          // One line longer than the cap (minified code): its start is shown.
          shown.push(line.slice(0, readCharactersCap));
          cutInLine = true;
        }
        break;
      }
      shown.push(line);
      characters += line.length + 1;
    }
    const lastShown = startLine + shown.length - 1;
    const wanted = Math.min(endLine ?? total, total);
    const range = startLine === 1 && lastShown === total && !cutInLine ? `all ${total} lines` : `lines ${startLine}–${lastShown} of ${total}`;
    const parts = [`${path} (${range}):`, shown.join('\n')];
    if (cutInLine) {
      const next = startLine < wanted ? ` Read on with startLine ${startLine + 1}.` : '';
      parts.push(`[Line ${startLine} is longer than ${readCharactersCap / 1024} KiB: only its first ${readCharactersCap} characters are shown.${next}]`);
    } else if (lastShown < wanted) {
      parts.push(`[Cut at the read_file limit of ${readLinesCap} lines and ${readCharactersCap / 1024} KiB per call: read on with startLine ${lastShown + 1}.]`);
    }
    return parts.join('\n');
  },
};
