/**
 * The bench server's answer on Gemini's streamGenerateContent wire (`?alt=sse`), shaped like the
 * recorded test/fixtures/gemini/stream_generate_content_thinking.body (gemini-2.5): one
 * GenerateContentResponse per content chunk — the text part, `index`, the usage so far, the model
 * version and response id — the last one also carrying `finishReason: STOP` and the final usage.
 * No `[DONE]`: Gemini's stream just ends. Written with Google's separators (`": "` between a key
 * and its value, a bare `,` between members), as the recordings have them.
 */

import { jsonDataEvent } from './sseEvents';
import { promptTokens, word } from './words';

const responseId = 'beHBaJfEMIi-qtsP3769-Q8';
const modelVersion = 'gemini-2.5-flash';

/** JSON as Google's servers write it: `{"key": value,"next": value}`. */
function googleJson(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map(googleJson).join(',')}]`;
  }
  if (typeof value === 'object' && value !== null) {
    return `{${Object.entries(value).map(([key, member]) => `${JSON.stringify(key)}: ${googleJson(member)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function renderGeminiAnswer(contentChunks: number): string {
  const parts: string[] = [];
  for (let index = 0; index < contentChunks; index++) {
    const last = index === contentChunks - 1;
    const content = { parts: [{ text: word(index) }], role: 'model' };
    const candidate = last ? { content, finishReason: 'STOP', index: 0 } : { content, index: 0 };
    const usageMetadata = {
      promptTokenCount: promptTokens,
      candidatesTokenCount: index + 1,
      totalTokenCount: promptTokens + index + 1,
      promptTokensDetails: [{ modality: 'TEXT', tokenCount: promptTokens }],
    };
    parts.push(jsonDataEvent(googleJson({ candidates: [candidate], usageMetadata, modelVersion, responseId })));
  }
  return parts.join('');
}
