/**
 * VS Code's tools (`vscode.lm.tools`) as plain values: a tool's description from its
 * `LanguageModelToolInformation`, and what `vscode.lm.invokeTool` returned mapped to the toolbox's
 * content. `vscodeTools.ts` classifies VS Code's part classes (`fromVscodePart`, and prompt-tsx
 * parts with their value) and this file decides what each becomes, so it is tested in plain Node.
 */

import type { LmPart } from '../lm/lmParts';
import type { ToolContent, ToolDescriptor, ToolOutput } from './toolTypes';

/** What `LanguageModelToolInformation` gives (stable API 1.105). */
export interface VscodeToolInfo {
  readonly name: string;
  readonly description: string;
  readonly inputSchema: object | undefined;
}

/** One part of a `LanguageModelToolResult`: a language-model part, or a prompt-tsx part's value. */
export type VscodeToolPiece = LmPart | { kind: 'promptTsx'; value: unknown };

/** Image types a model takes. */
const imageTypes = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

export function vscodeToolDescriptor(info: VscodeToolInfo): ToolDescriptor {
  return {
    name: info.name,
    description: info.description,
    inputSchema: info.inputSchema === undefined ? { type: 'object' } : { ...info.inputSchema },
    // Another extension's tool may change anything: it always asks.
    readOnly: false,
  };
}

/** `text/*`, JSON and XML types: data a model reads as text. */
function isTextType(mimeType: string): boolean {
  const type = mimeType.toLowerCase().split(';')[0]?.trim() ?? '';
  return type.startsWith('text/') || type.endsWith('/json') || type.endsWith('+json') || type.endsWith('/xml') || type.endsWith('+xml') || type === 'application/javascript';
}

function jsonText(value: unknown): string {
  try {
    return JSON.stringify(value) ?? '[a prompt-tsx part with no value]';
  } catch {
    return '[a prompt-tsx part that cannot be written as JSON]';
  }
}

function dataContent(mimeType: string, data: Uint8Array): ToolContent | undefined {
  // Parts whose type is no MIME type are markers between VS Code and models (Copilot's
  // `cache_control`), not content.
  if (!mimeType.includes('/')) {
    return undefined;
  }
  if (imageTypes.has(mimeType.toLowerCase())) {
    return { type: 'image', mimeType: mimeType.toLowerCase(), data: Buffer.from(data).toString('base64') };
  }
  if (isTextType(mimeType)) {
    return { type: 'text', text: new TextDecoder().decode(data) };
  }
  return { type: 'text', text: `[${data.byteLength} bytes of ${mimeType} data, not shown]` };
}

function contentOf(piece: VscodeToolPiece): ToolContent[] {
  switch (piece.kind) {
    case 'text':
      return [{ type: 'text', text: piece.text }];
    case 'promptTsx':
      return [{ type: 'text', text: jsonText(piece.value) }];
    case 'data': {
      const content = dataContent(piece.mimeType, piece.data);
      return content === undefined ? [] : [content];
    }
    case 'toolResult':
      return piece.content.flatMap(contentOf);
    case 'toolCall':
      return [{ type: 'text', text: `[a call of the tool ${piece.name}, not shown]` }];
    case 'other':
      return [{ type: 'text', text: `[a ${piece.description}, not shown]` }];
  }
}

/** A tool's result as the toolbox takes it; a failed call rejects instead (VS Code throws). */
export function vscodeToolOutput(pieces: readonly VscodeToolPiece[]): ToolOutput {
  return { content: pieces.flatMap(contentOf), isError: false };
}
