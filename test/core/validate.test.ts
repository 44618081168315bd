import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { BadRequestError, createClient, type CompletionParams, type EmbeddingParams, type Message } from '../../src/core';
import { validateCompletionParams, validateEmbeddingParams } from '../../src/core/validate';

interface Case {
  label: string;
  params: unknown;
  /** The field the error must name, in `param` and in its message. */
  param: string;
  /** Thrown by routing, after validation: reachable only through the client. */
  router?: boolean;
}

const user: Message = { role: 'user', content: 'Hi' };
const chat = { model: 'mock/echo', messages: [user] };

function withMessages(...messages: unknown[]): unknown {
  return { ...chat, messages };
}

const completionCases: Case[] = [
  { label: 'params that are not an object', params: null, param: 'params' },
  { label: 'a missing model', params: { messages: [user] }, param: 'model' },
  { label: 'an empty model', params: { ...chat, model: '' }, param: 'model' },
  { label: 'a blank model', params: { ...chat, model: '   ' }, param: 'model' },
  { label: 'a model that is not a string', params: { ...chat, model: 42 }, param: 'model' },
  { label: 'an unknown provider', params: { ...chat, model: 'foo/bar' }, param: 'model', router: true },
  { label: 'no model id after the slash', params: { ...chat, model: 'openai/' }, param: 'model', router: true },
  { label: 'missing messages', params: { model: 'mock/echo' }, param: 'messages' },
  { label: 'messages that are not an array', params: { ...chat, messages: 'Hi' }, param: 'messages' },
  { label: 'an empty messages array', params: { ...chat, messages: [] }, param: 'messages' },
  { label: 'a message that is not an object', params: withMessages(user, 'Hi'), param: 'messages[1]' },
  { label: 'a null message', params: withMessages(null), param: 'messages[0]' },
  { label: 'an unknown role', params: withMessages({ role: 'bot', content: 'Hi' }), param: 'messages[0].role' },
  { label: 'a missing role', params: withMessages({ content: 'Hi' }), param: 'messages[0].role' },
  { label: 'content that is a number', params: withMessages({ role: 'user', content: 42 }), param: 'messages[0].content' },
  { label: 'a user message without content', params: withMessages({ role: 'user' }), param: 'messages[0].content' },
  { label: 'a content part without a type', params: withMessages({ role: 'user', content: [{ text: 'Hi' }] }), param: 'messages[0].content[0]' },
  { label: 'a content part that is a string', params: withMessages({ role: 'user', content: ['Hi'] }), param: 'messages[0].content[0]' },
  {
    label: 'a text part whose text is not a string',
    params: withMessages({ role: 'user', content: [{ type: 'text', text: 1 }] }),
    param: 'messages[0].content[0].text',
  },
  {
    label: 'an image part without a url',
    params: withMessages({ role: 'user', content: [{ type: 'text', text: 'What is this?' }, { type: 'image_url', image_url: {} }] }),
    param: 'messages[0].content[1].image_url.url',
  },
  {
    label: 'an image part without image_url',
    params: withMessages({ role: 'user', content: [{ type: 'image_url' }] }),
    param: 'messages[0].content[0].image_url.url',
  },
  {
    label: 'an image in a system message',
    params: withMessages({ role: 'system', content: [{ type: 'image_url', image_url: { url: 'https://example.com/a.png' } }] }, user),
    param: 'messages[0].content[0].type',
  },
  {
    label: 'a tool message without tool_call_id',
    params: withMessages(user, { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'f', arguments: '{}' } }] }, { role: 'tool', content: '42' }),
    param: 'messages[2].tool_call_id',
  },
  { label: 'a tool message without content', params: withMessages({ role: 'tool', tool_call_id: 'call_1' }), param: 'messages[0].content' },
  { label: 'stream that is not a boolean', params: { ...chat, stream: 'yes' }, param: 'stream' },
  { label: 'temperature that is a string', params: { ...chat, temperature: '0.5' }, param: 'temperature' },
  { label: 'temperature that is NaN', params: { ...chat, temperature: Number.NaN }, param: 'temperature' },
  { label: 'max_tokens that is a string', params: { ...chat, max_tokens: '100' }, param: 'max_tokens' },
  { label: 'timeout that is a string', params: { ...chat, timeout: '30' }, param: 'timeout' },
  { label: 'tools that are not an array', params: { ...chat, tools: { type: 'function' } }, param: 'tools' },
  { label: 'a tool without a name', params: { ...chat, tools: [{ type: 'function', function: { parameters: {} } }] }, param: 'tools[0].function.name' },
  { label: 'a tool without a function', params: { ...chat, tools: [{ type: 'function', function: { name: 'ok' } }, { type: 'function' }] }, param: 'tools[1].function.name' },
  { label: 'fallbacks that are not an array', params: { ...chat, fallbacks: 'openai/gpt-4o' }, param: 'fallbacks' },
];

const embed = { model: 'mock/embed', input: 'Hello' };

const embeddingCases: Case[] = [
  { label: 'params that are not an object', params: 'Hello', param: 'params' },
  { label: 'a missing model', params: { input: 'Hello' }, param: 'model' },
  { label: 'an unknown provider', params: { ...embed, model: 'foo/bar' }, param: 'model', router: true },
  { label: 'a missing input', params: { model: 'mock/embed' }, param: 'input' },
  { label: 'an empty string', params: { ...embed, input: '' }, param: 'input' },
  { label: 'an empty array', params: { ...embed, input: [] }, param: 'input' },
  { label: 'an array with an empty string', params: { ...embed, input: ['Hello', ''] }, param: 'input[1]' },
  { label: 'an array with null', params: { ...embed, input: [null] }, param: 'input[0]' },
  { label: 'a number', params: { ...embed, input: 42 }, param: 'input' },
  { label: 'dimensions that are a string', params: { ...embed, dimensions: '256' }, param: 'dimensions' },
  { label: 'dimensions of zero', params: { ...embed, dimensions: 0 }, param: 'dimensions' },
  { label: 'negative dimensions', params: { ...embed, dimensions: -8 }, param: 'dimensions' },
  { label: 'fractional dimensions', params: { ...embed, dimensions: 1.5 }, param: 'dimensions' },
];

/** What a test asserts about a rejection: its class, the field it names, and that the message names it too. */
function shapeOf(error: unknown, param: string): unknown {
  if (!(error instanceof BadRequestError)) {
    return error;
  }
  return { class: error.constructor.name, param: error.param, messageNamesField: error.message.includes(`'${param}'`), status: error.status_code };
}

function expectedShape(param: string): unknown {
  return { class: 'BadRequestError', param, messageNamesField: true, status: 400 };
}

async function rejection(run: () => unknown): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  return 'no error';
}

describe('validation', () => {
  describe('completion: bad input gets a BadRequestError that names the field', () => {
    for (const { label, params, param, router } of completionCases) {
      it(`${label} → ${param}`, async () => {
        const client = createClient({ env: {} });
        const viaClient = shapeOf(await rejection(() => client.completion(params as CompletionParams)), param);
        const direct = router ? expectedShape(param) : shapeOf(await rejection(() => validateCompletionParams(params)), param);
        assert.deepStrictEqual([viaClient, direct], [expectedShape(param), expectedShape(param)]);
      });
    }
  });

  describe('embedding: bad input gets a BadRequestError that names the field', () => {
    for (const { label, params, param, router } of embeddingCases) {
      it(`${label} → ${param}`, async () => {
        const client = createClient({ env: {} });
        const viaClient = shapeOf(await rejection(() => client.embedding(params as EmbeddingParams)), param);
        const direct = router ? expectedShape(param) : shapeOf(await rejection(() => validateEmbeddingParams(params)), param);
        assert.deepStrictEqual([viaClient, direct], [expectedShape(param), expectedShape(param)]);
      });
    }
  });

  describe('valid edge cases pass', () => {
    const validCompletions: { label: string; params: CompletionParams }[] = [
      {
        label: 'an assistant message with tool_calls and null content, then the tool result',
        params: {
          model: 'mock/echo',
          messages: [
            user,
            { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get_time', arguments: '{}' } }] },
            { role: 'tool', tool_call_id: 'call_1', content: '12:00' },
          ],
        },
      },
      {
        label: 'content parts: text and image for the user, text parts for system and developer',
        params: {
          model: 'mock/echo',
          messages: [
            { role: 'system', content: [{ type: 'text', text: 'Be brief.' }] },
            { role: 'developer', content: [{ type: 'text', text: 'No markdown.' }] },
            {
              role: 'user',
              content: [
                { type: 'text', text: 'What is this?' },
                { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=', detail: 'low' } },
              ],
            },
          ],
        },
      },
      {
        label: 'an assistant message without content, numbers at their edges, stream false',
        params: { model: 'mock/echo', messages: [user, { role: 'assistant' }, user], temperature: 0, max_tokens: 1, stream: false, tools: [] },
      },
    ];
    for (const { label, params } of validCompletions) {
      it(label, async () => {
        validateCompletionParams(params);
        const response = await createClient({ env: {} }).completion({ ...params, stream: false });
        assert.equal(response.object, 'chat.completion');
      });
    }

    it('embedding inputs: a string, strings, token ids and lists of token ids', async () => {
      const client = createClient({ env: {} });
      const inputs: EmbeddingParams['input'][] = ['Hello', ['a', 'b'], [1, 2, 3], [[1, 2], [3]]];
      const counts: number[] = [];
      for (const input of inputs) {
        validateEmbeddingParams({ model: 'mock/embed', input, dimensions: 8 });
        counts.push((await client.embedding({ model: 'mock/embed', input, dimensions: 8 })).data.length);
      }
      // A list of token ids is one input; a list of such lists is several.
      assert.deepStrictEqual(counts, [1, 2, 1, 2]);
    });
  });
});
