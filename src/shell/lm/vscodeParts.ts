/**
 * VS Code's language-model classes ⇄ the plain parts the mappers use (`lmParts.ts`). The only
 * file of the mapping that imports `vscode`: it recognises parts with `instanceof` (VS Code checks
 * the classes it receives the same way) and builds them back.
 *
 * `LanguageModelDataPart` (images, JSON, text data) and `LanguageModelThinkingPart` are not in the
 * VS Code API version this extension is typed against (1.105); hosts that have them (1.139 does)
 * are used through a runtime lookup, so an older host simply never sees a data part.
 */

import * as vscode from 'vscode';
import type { LmMessage, LmPart, LmResponsePart, LmRole } from './lmParts';

type DataPartClass = new (data: Uint8Array, mimeType: string) => object;

interface LaterApi {
  LanguageModelDataPart?: DataPartClass;
  LanguageModelThinkingPart?: new (...args: never[]) => object;
}

const laterApi = vscode as unknown as LaterApi;

/** `LanguageModelChatMessageRole.System`: in VS Code's proposed API only (`languageModelSystem`). */
const systemRole = 3;

function isDataPart(part: unknown): part is { mimeType: string; data: Uint8Array } {
  const dataPart = laterApi.LanguageModelDataPart;
  return dataPart !== undefined && part instanceof dataPart;
}

/** One content part VS Code gave Switchboard's vendor, as plain data. */
export function fromVscodePart(part: unknown): LmPart {
  if (part instanceof vscode.LanguageModelTextPart) {
    return { kind: 'text', text: part.value };
  }
  if (part instanceof vscode.LanguageModelToolCallPart) {
    return { kind: 'toolCall', callId: part.callId, name: part.name, input: part.input };
  }
  if (part instanceof vscode.LanguageModelToolResultPart) {
    const result: LmPart = { kind: 'toolResult', callId: part.callId, content: part.content.map(fromVscodePart) };
    const isError = (part as { isError?: unknown }).isError;
    if (isError === true) {
      result.isError = true;
    }
    return result;
  }
  if (isDataPart(part)) {
    return { kind: 'data', mimeType: part.mimeType, data: part.data };
  }
  if (part instanceof vscode.LanguageModelPromptTsxPart) {
    return { kind: 'other', description: 'prompt-tsx part' };
  }
  const thinking = laterApi.LanguageModelThinkingPart;
  if (thinking !== undefined && part instanceof thinking) {
    return { kind: 'other', description: 'thinking part' };
  }
  return { kind: 'other', description: `part of an unknown kind (${typeof part === 'object' && part !== null ? part.constructor.name : typeof part})` };
}

function roleOf(role: vscode.LanguageModelChatMessageRole): LmRole {
  if (role === vscode.LanguageModelChatMessageRole.Assistant) {
    return 'assistant';
  }
  return (role as number) === systemRole ? 'system' : 'user';
}

/** A request message VS Code gave Switchboard's vendor, as plain data. */
export function fromVscodeMessage(message: vscode.LanguageModelChatRequestMessage): LmMessage {
  const plain: LmMessage = { role: roleOf(message.role), parts: message.content.map(fromVscodePart) };
  if (message.name !== undefined) {
    plain.name = message.name;
  }
  return plain;
}

/** A response part for `progress.report`. */
export function toVscodeResponsePart(part: LmResponsePart): vscode.LanguageModelResponsePart {
  return part.kind === 'text' ? new vscode.LanguageModelTextPart(part.text) : new vscode.LanguageModelToolCallPart(part.callId, part.name, part.input);
}

function toVscodePart(part: LmPart, images: boolean, dropped: (what: string) => void): vscode.LanguageModelInputPart | undefined {
  switch (part.kind) {
    case 'text':
      return new vscode.LanguageModelTextPart(part.text);
    case 'toolCall':
      return new vscode.LanguageModelToolCallPart(part.callId, part.name, part.input);
    case 'toolResult': {
      const content = part.content.map((inner) => toVscodePart(inner, images, dropped)).filter((inner) => inner !== undefined);
      return new vscode.LanguageModelToolResultPart(part.callId, content);
    }
    case 'data': {
      const dataPart = laterApi.LanguageModelDataPart;
      if (dataPart === undefined || !images) {
        dropped(`an image (${part.mimeType}): ${dataPart === undefined ? 'this VS Code has no data parts' : 'the model does not take images'}`);
        return undefined;
      }
      // VS Code's stable typings do not list data parts among the input parts yet; the host takes them.
      return new dataPart(part.data, part.mimeType) as vscode.LanguageModelInputPart;
    }
    case 'other':
      dropped(part.description);
      return undefined;
  }
}

/** A message for `LanguageModelChat.sendRequest`; images only where the model takes them. */
export function toVscodeMessage(message: LmMessage, images: boolean, dropped: (what: string) => void): vscode.LanguageModelChatMessage {
  const role = message.role === 'assistant' ? vscode.LanguageModelChatMessageRole.Assistant : vscode.LanguageModelChatMessageRole.User;
  const parts = message.parts.map((part) => toVscodePart(part, images, dropped)).filter((part) => part !== undefined);
  return new vscode.LanguageModelChatMessage(role, parts, message.name);
}
