/**
 * Hostile indexes: after a good text event, an event whose choice, content-block or tool-call
 * index is `"__proto__"`, `"constructor"`, `-1` or `1e9` (the streams of test/core/hostileIndexes.ts,
 * for the wires the fault lab speaks). Each must end in an APIError naming the field with the text
 * before it kept, and leave `Array.prototype`, `Object.prototype`, `Array` and `Object` as they were.
 */

import assert from 'node:assert/strict';
import { builtInShapes, hostileIndexCases, keptText, restoreBuiltIns, type HostileIndexCase } from '../../../core/hostileIndexes';
import { assertRequestCount } from './faultChecks';
import type { Fault } from './faultTypes';
import { wires, type Wire } from './wires';

function wireOf(hostile: HostileIndexCase): Wire | undefined {
  switch (hostile.wire) {
    case 'OpenAI':
      return wires.openai;
    case 'Anthropic':
      return wires.anthropic;
    case 'Ollama':
      return wires.ollama;
    default:
      // The fault lab has no Gemini wire; test/core/hostileServer.test.ts covers Gemini's candidates.
      return undefined;
  }
}

function escaped(text: string): RegExp {
  return new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
}

function indexFault(hostile: HostileIndexCase, wire: Wire): Fault {
  let before: Record<string, string[]> = {};
  return {
    name: `${JSON.stringify(hostile.value)} as ${hostile.field}`,
    wire,
    arrange: async (lab) => {
      before = builtInShapes();
      const main = await lab.server((request) => hostile.reply(request));
      return { apiBase: wire.apiBase(main.url), main };
    },
    expect: () => ({ kind: 'error', errorClass: 'APIError', partial: keptText, message: escaped(hostile.field) }),
    verify: ({ main }) => {
      const after = builtInShapes();
      // A polluted built-in would spoil every later trial: put it back before failing this one.
      restoreBuiltIns(before);
      assert.deepStrictEqual(after, before, 'a built-in prototype or constructor gained properties');
      assertRequestCount(main, wire, 1, 'never retried after output');
    },
  };
}

export const indexFaults: Fault[] = hostileIndexCases().flatMap((hostile) => {
  const wire = wireOf(hostile);
  return wire === undefined ? [] : [indexFault(hostile, wire)];
});
