/**
 * The instructions as one system message: the user's own text (`switchboard.chat.instructions`)
 * first, then each instruction file under a line naming it. Pure and deterministic — the same
 * setting and files give the same bytes — because providers cache a prompt by its exact prefix,
 * and the system message comes first.
 */

import type { InstructionFile } from '../chat/ports';

/** The line that introduces a file's text (the model learns where each rule comes from). */
function heading(file: InstructionFile): string {
  return file.truncated ? `Instructions from ${file.path} (only its beginning; the file is longer):` : `Instructions from ${file.path}:`;
}

/** The system message, or undefined when there are no instructions at all. */
export function systemPrompt(settingText: string | undefined, files: readonly InstructionFile[]): string | undefined {
  const sections: string[] = [];
  const own = settingText?.replace(/\r\n?/g, '\n').trim() ?? '';
  if (own !== '') {
    sections.push(own);
  }
  for (const file of files) {
    const text = file.text.trim();
    if (text !== '') {
      sections.push(`${heading(file)}\n\n${text}`);
    }
  }
  return sections.length === 0 ? undefined : sections.join('\n\n');
}
