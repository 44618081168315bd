/**
 * Values of the wrong shape: after a good "Hello" chunk on the OpenAI wire, an event that is
 * `null`, a number, a string for `choices`, an object for `tool_calls`, … (the cases of
 * test/core/hostileShapeCases.ts). Each must end in an APIError — not a TypeError from inside the
 * client — with "Hello" kept, and never be retried after output.
 */

import { badOpenAiChunks, keptShapeText, openAiStreamWith } from '../../../core/hostileShapeCases';
import { assertRequestCount } from './faultChecks';
import type { Fault } from './faultTypes';
import { wires } from './wires';

export const shapeFaults: Fault[] = badOpenAiChunks.map(([what, data]) => ({
  name: `${what} after output`,
  wire: wires.openai,
  arrange: async (lab) => {
    const main = await lab.server(() => ({ headers: wires.openai.headers, body: openAiStreamWith(data) }));
    return { apiBase: wires.openai.apiBase(main.url), main };
  },
  // The message names what came and where: "OpenAI sent null as a stream event: expected an object."
  expect: () => ({ kind: 'error', errorClass: 'APIError', partial: keptShapeText, message: /sent .+ as .+: expected an? (object|array)\./ }),
  verify: ({ main }) => assertRequestCount(main, wires.openai, 1, 'never retried after output'),
}));
