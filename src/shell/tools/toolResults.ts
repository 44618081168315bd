/**
 * What a tool returned, as the conversation keeps it and the model reads it: the text joined and
 * cut at `toolResultLimits.textLength` (the cut said at the end, with the full length), images
 * kept only as the image kinds a webview shows and a model takes (others named in the text), and
 * every way a call can fail — a denial, a timeout, a crash, Stop — as a result text the model can
 * act on, never an exception.
 */

import { imageDataUrlPattern } from '../../protocol/messages';
import { toolResultLimits, type ToolResultView } from '../../protocol/toolViews';
import type { ToolOutput } from './toolTypes';

const imageKinds: ReadonlySet<string> = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

/** `text` cut at the limit, saying so. */
export function cappedText(text: string): string {
  const limit = toolResultLimits.textLength;
  if (text.length <= limit) {
    return text;
  }
  return `${text.slice(0, limit)}\n[… the result was ${text.length.toLocaleString('en-US')} characters; only the first ${limit.toLocaleString('en-US')} are included.]`;
}

/** A tool's output as the conversation keeps it. */
export function resultOf(output: ToolOutput, durationMs: number): ToolResultView {
  const texts: string[] = [];
  const images: string[] = [];
  for (const part of output.content) {
    if (part.type === 'text') {
      texts.push(part.text);
      continue;
    }
    const url = `data:${part.mimeType};base64,${part.data}`;
    if (!imageKinds.has(part.mimeType) || url.length > toolResultLimits.imageDataUrlLength || !imageDataUrlPattern.test(url)) {
      texts.push(`[An image (${part.mimeType}, ${Math.round((part.data.length * 3) / 4).toLocaleString('en-US')} bytes) was left out: only PNG, JPEG, GIF and WebP up to ${Math.round(toolResultLimits.imageDataUrlLength / 1_000_000)} MB are passed on.]`);
    } else if (images.length >= toolResultLimits.images) {
      texts.push(`[More than ${toolResultLimits.images} images: the rest were left out.]`);
    } else {
      images.push(url);
    }
  }
  const joined = texts.join('\n');
  const result: ToolResultView = { text: cappedText(joined.length === 0 && images.length === 0 ? '(no output)' : joined), isError: output.isError, durationMs };
  if (images.length > 0) {
    result.images = images;
  }
  return result;
}

/** A result that is an error the model reads: why the call did not run or did not finish. */
export function errorResult(text: string, durationMs?: number): ToolResultView {
  const result: ToolResultView = { text: cappedText(text), isError: true };
  if (durationMs !== undefined) {
    result.durationMs = durationMs;
  }
  return result;
}
