/**
 * Editor context → draft attachments: a selection (Ask About Selection) with its file name,
 * language and line range, or a whole file (attach the active file). Plain values in, so the
 * rules are tested without VS Code; `editorActions.ts` and the commands read the editor.
 */

import { protocolLimits, type Attachment } from '../../protocol/messages';

export interface SelectionSource {
  /** The file as the user knows it: workspace-relative when inside the workspace. */
  name: string;
  languageId: string;
  text: string;
  /** 0-based, as VS Code's `Position`. */
  start: { line: number; character: number };
  end: { line: number; character: number };
}

export interface FileSource {
  name: string;
  languageId: string;
  text: string;
}

export type AttachmentResult = { ok: true; attachment: Attachment } | { ok: false; reason: 'empty' | 'tooLarge' };

/** Lines `12-40` (1-based, inclusive); a selection ending at a line's first column does not take that line. */
function selectionLines(start: SelectionSource['start'], end: SelectionSource['end']): string {
  const first = start.line + 1;
  const last = end.line > start.line && end.character === 0 ? end.line : end.line + 1;
  return first === last ? String(first) : `${first}-${last}`;
}

function checked(text: string): AttachmentResult | undefined {
  if (text.trim().length === 0) {
    return { ok: false, reason: 'empty' };
  }
  if (text.length > protocolLimits.attachmentTextLength) {
    return { ok: false, reason: 'tooLarge' };
  }
  return undefined;
}

export function selectionAttachment(source: SelectionSource): AttachmentResult {
  return (
    checked(source.text) ?? {
      ok: true,
      attachment: { kind: 'selection', name: source.name, languageId: source.languageId, text: source.text, lines: selectionLines(source.start, source.end) },
    }
  );
}

export function fileAttachment(source: FileSource): AttachmentResult {
  return checked(source.text) ?? { ok: true, attachment: { kind: 'file', name: source.name, languageId: source.languageId, text: source.text } };
}
