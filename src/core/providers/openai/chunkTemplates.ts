/**
 * The fast path of the OpenAI stream mapper. In a stream, nearly every chunk is the one before it
 * with another piece of text: same id, model and fields, one choice whose delta holds `content`
 * (or `reasoning_content`). Parsing each whole chunk made JSON.parse most of a token's cost. So
 * once the general path mapped such a chunk, its text is cut into a template: what comes before
 * the string's body, the chunk it made, what comes after. A later event that starts and ends the
 * same is that chunk with another string there: only that string is read, and the chunk is built
 * as a copy of the template with the new text.
 *
 * The general path stays the reference. A template is kept only if a probe proves its slot is the
 * delta's string: the event with another text in the slot, mapped by the general path, must give
 * the template's chunk with just that field changed. It is learnt only from chunks whose other
 * fields are all plain values (no tool calls, no usage object, no nested filter results), which
 * the general path passes on whatever the text is. Anything else — another shape, an escape it
 * cannot read, a quote that would end the string early — goes to the general path.
 */

import { isDeepStrictEqual } from 'node:util';
import type { ModelResponseChunk } from '../../types';

/** The delta fields a template's slot may hold: the general path passes either on unchanged. */
type SlotField = 'content' | 'reasoning_content';

const slotFields: readonly SlotField[] = ['content', 'reasoning_content'];

/** Templates kept at once (content, reasoning, the first chunk's shape …), the oldest dropped first. */
const maxTemplates = 4;
/**
 * Learnings per stream. A vendor that puts a changing value beside the text (a sequence number,
 * random padding) never repeats a template; past this many it is left to the general path.
 */
const maxLearnings = 8;

/** A text the probe puts in the slot: no chunk carries it, and it needs no escape. */
const probeText = '\u2063probe\u2063';

interface Template {
  prefix: string;
  suffix: string;
  field: SlotField;
  /** The mapped chunk, copied: its choice and delta hold plain values only. */
  chunk: ModelResponseChunk;
}

/** Maps an event's data by the general path; undefined when it made no single chunk. */
export type GeneralMap = (data: string) => ModelResponseChunk | undefined;

export class ChunkTemplates {
  private readonly templates: Template[] = [];
  private learnings = 0;

  /** The chunk an event's data makes, when it fits a template; undefined sends it to the general path. */
  match(data: string): ModelResponseChunk | undefined {
    for (let i = 0; i < this.templates.length; i++) {
      const template = this.templates[i] as Template;
      const { prefix, suffix } = template;
      const end = data.length - suffix.length;
      // Cut and compared whole: V8 compares strings of one another as memory, faster than
      // `startsWith` walks a slice of the decoder's text.
      if (end >= prefix.length && data.slice(0, prefix.length) === prefix && data.slice(end) === suffix) {
        const text = stringBody(data, prefix.length, end);
        return text === undefined ? undefined : filled(template, text);
      }
    }
    return undefined;
  }

  /**
   * Offers a chunk the general path made from `data`, before anyone else saw it, to become a
   * template; `general` maps a probe the same way.
   */
  learn(data: string, chunk: ModelResponseChunk, general: GeneralMap): void {
    if (this.learnings >= maxLearnings || !plainChunk(chunk)) {
      return;
    }
    const delta = (chunk.choices[0] as ModelResponseChunk['choices'][number]).delta as Record<string, unknown>;
    for (const field of slotFields) {
      const text = delta[field];
      if (typeof text !== 'string') {
        continue;
      }
      this.learnings++;
      const template = templateOf(data, chunk, field, text, general);
      if (template !== undefined) {
        if (this.templates.length === maxTemplates) {
          this.templates.shift();
        }
        this.templates.push(template);
      }
      return;
    }
  }
}

/**
 * The string a JSON string literal's body `data[start, end)` stands for, or undefined when it is
 * not one body (an unescaped quote, a control character, a bad escape).
 */
function stringBody(data: string, start: number, end: number): string | undefined {
  for (let i = start; i < end; i++) {
    const code = data.charCodeAt(i);
    if (code === 34 || code === 92 || code < 32) {
      return escapedBody(data.slice(start, end));
    }
  }
  return data.slice(start, end);
}

function escapedBody(body: string): string | undefined {
  try {
    const value: unknown = JSON.parse(`"${body}"`);
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

/** A fresh chunk: the template's with `text` in its slot (the caller may change what it gets). */
function filled(template: Template, text: string): ModelResponseChunk {
  const chunk = template.chunk;
  const choice = chunk.choices[0] as ModelResponseChunk['choices'][number];
  const delta = { ...choice.delta };
  delta[template.field] = text;
  return { ...chunk, choices: [{ ...choice, delta }] };
}

function isPlain(value: unknown): boolean {
  return value === null || (typeof value !== 'object' && typeof value !== 'function');
}

function plainFields(record: object, except: string): boolean {
  for (const [key, value] of Object.entries(record)) {
    if (key !== except && !isPlain(value)) {
      return false;
    }
  }
  return true;
}

/** One choice; every field but `choices` and the choice's `delta` a plain value, the delta's too. */
function plainChunk(chunk: ModelResponseChunk): boolean {
  if (chunk.choices.length !== 1) {
    return false;
  }
  const choice = chunk.choices[0] as ModelResponseChunk['choices'][number];
  return plainFields(chunk, 'choices') && plainFields(choice, 'delta') && typeof choice.delta === 'object' && choice.delta !== null && plainFields(choice.delta, '');
}

/** Where `field`'s string body starts and ends in `data`; undefined when the key is not found. */
function slotOf(data: string, field: SlotField): { start: number; end: number } | undefined {
  const key = `"${field}"`;
  let at = data.lastIndexOf(key);
  while (at !== -1) {
    let start = at + key.length;
    start = skipSpace(data, start);
    if (data.charCodeAt(start) === 58) {
      start = skipSpace(data, start + 1);
      if (data.charCodeAt(start) === 34) {
        const end = closingQuote(data, start + 1);
        if (end !== -1) {
          return { start: start + 1, end };
        }
      }
    }
    at = at === 0 ? -1 : data.lastIndexOf(key, at - 1);
  }
  return undefined;
}

function skipSpace(data: string, from: number): number {
  let at = from;
  for (let code = data.charCodeAt(at); code === 32 || code === 9 || code === 10 || code === 13; code = data.charCodeAt(++at)) {
    // JSON's whitespace only.
  }
  return at;
}

function closingQuote(data: string, from: number): number {
  for (let at = from; at < data.length; at++) {
    const code = data.charCodeAt(at);
    if (code === 92) {
      at++;
    } else if (code === 34) {
      return at;
    }
  }
  return -1;
}

function templateOf(data: string, chunk: ModelResponseChunk, field: SlotField, text: string, general: GeneralMap): Template | undefined {
  const slot = slotOf(data, field);
  if (slot === undefined) {
    return undefined;
  }
  const prefix = data.slice(0, slot.start);
  const suffix = data.slice(slot.end);
  if (stringBody(data, slot.start, slot.end) !== text) {
    return undefined;
  }
  // The copy is taken now: the chunk goes to the caller, who may change it.
  const choice = chunk.choices[0] as ModelResponseChunk['choices'][number];
  const template: Template = { prefix, suffix, field, chunk: { ...chunk, choices: [{ ...choice, delta: { ...choice.delta } }] } };
  let probe: ModelResponseChunk | undefined;
  try {
    probe = general(prefix + probeText + suffix);
  } catch {
    return undefined;
  }
  return probe !== undefined && isDeepStrictEqual(probe, filled(template, probeText)) ? template : undefined;
}
