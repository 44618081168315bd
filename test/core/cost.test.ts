import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { completionCost, costFromUsage } from '../../src/core/cost';
import type { EmbeddingResponse, HiddenParams, ModelInfo, ModelResponse, Usage } from '../../src/core/types';

/** Float sums differ in the last bits depending on order; 12 decimals is far below a cent. */
function usd(value: number | undefined): number | undefined {
  return value === undefined ? undefined : Number(value.toFixed(12));
}

function chatResponse(model: string, usage: Usage | undefined, hidden?: HiddenParams): ModelResponse {
  return {
    id: 'resp-1',
    object: 'chat.completion',
    created: 1759509677,
    model,
    choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }],
    ...(usage ? { usage } : {}),
    ...(hidden ? { _hidden_params: hidden } : {}),
  };
}

// test/fixtures/openrouter/chat_nonstream_reasoning_and_cached_tokens: x-ai/grok-4 via OpenRouter.
const OPENROUTER_GROK_USAGE: Usage = {
  prompt_tokens: 687,
  completion_tokens: 240,
  total_tokens: 927,
  prompt_tokens_details: { audio_tokens: 0, cached_tokens: 682 },
  completion_tokens_details: { reasoning_tokens: 165 },
};

// test/fixtures/anthropic/messages_nonstream_cache_write_and_read (claude-sonnet-4-5), as
// LiteLLM reports it: prompt_tokens = input 3 + cache write 418 + cache read 1111.
const ANTHROPIC_CACHE_USAGE: Usage = {
  prompt_tokens: 1532,
  completion_tokens: 33,
  total_tokens: 1565,
  prompt_tokens_details: { cached_tokens: 1111 },
  cache_creation_input_tokens: 418,
  cache_read_input_tokens: 1111,
};

// test/fixtures/azure/chat_usage_cached_and_reasoning_doc_excerpt: o1-2024-12-17 on Azure.
const AZURE_O1_USAGE: Usage = {
  prompt_tokens: 1566,
  completion_tokens: 1518,
  total_tokens: 3084,
  prompt_tokens_details: { audio_tokens: null, cached_tokens: 1408 },
  completion_tokens_details: { audio_tokens: null, reasoning_tokens: 576 },
};

describe('completionCost', () => {
  it('prices cached prompt tokens at the cache price and reasoning inside the completion', () => {
    const viaHidden = chatResponse('x-ai/grok-4', OPENROUTER_GROK_USAGE, {
      custom_llm_provider: 'openrouter',
      model: 'openrouter/x-ai/grok-4',
    });
    const viaModelField = chatResponse('x-ai/grok-4', OPENROUTER_GROK_USAGE);
    // 5 uncached × $3/M + 682 cached × $0.75/M + 240 completion (165 of them reasoning) × $15/M
    const expected = 5 * 3e-6 + 682 * 7.5e-7 + 240 * 1.5e-5;
    assert.deepStrictEqual([usd(completionCost(viaHidden)), usd(completionCost(viaModelField))], [usd(expected), usd(expected)]);
  });

  it('prices Anthropic cache writes and reads apart from fresh input', () => {
    const requested = chatResponse('claude-sonnet-4-5-20250929', ANTHROPIC_CACHE_USAGE, {
      custom_llm_provider: 'anthropic',
      model: 'anthropic/claude-sonnet-4-5',
    });
    const bare = chatResponse('claude-sonnet-4-5-20250929', ANTHROPIC_CACHE_USAGE);
    const expected = 3 * 3e-6 + 418 * 3.75e-6 + 1111 * 3e-7 + 33 * 1.5e-5;
    assert.deepStrictEqual([usd(completionCost(requested)), usd(completionCost(bare))], [usd(expected), usd(expected)]);
    assert.equal(usd(expected), 0.0024048);
  });

  it('prices an Azure deployment by the model it answered with, at Azure prices', () => {
    const o1 = chatResponse('o1-2024-12-17', AZURE_O1_USAGE, { custom_llm_provider: 'azure', model: 'azure/reasoning-prod' });
    const usage: Usage = { prompt_tokens: 1000, completion_tokens: 100, total_tokens: 1100 };
    const mini = chatResponse('gpt-4o-mini-2024-07-18', usage, { custom_llm_provider: 'azure', model: 'azure/chat-prod' });
    assert.deepStrictEqual(
      [usd(completionCost(o1)), usd(completionCost(mini))],
      // Azure's gpt-4o-mini row is $0.165/$0.66 per M, not OpenAI's $0.15/$0.60.
      [usd((1566 - 1408) * 1.5e-5 + 1408 * 7.5e-6 + 1518 * 6e-5), usd(1000 * 1.65e-7 + 100 * 6.6e-7)],
    );
  });

  it('uses options.model before anything the response says', () => {
    const response = chatResponse('gpt-4o', { prompt_tokens: 1000, completion_tokens: 100, total_tokens: 1100 }, {
      custom_llm_provider: 'openai',
      model: 'openai/gpt-4o',
    });
    assert.deepStrictEqual(
      [usd(completionCost(response)), usd(completionCost(response, { model: 'openai/gpt-4o-mini' }))],
      [usd(1000 * 2.5e-6 + 100 * 1e-5), usd(1000 * 1.5e-7 + 100 * 6e-7)],
    );
  });

  it('answers 0 for an unknown model, a model without prices, and a response without usage', () => {
    const usage: Usage = { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 };
    assert.deepStrictEqual(
      [
        completionCost(chatResponse('mystery-model', usage)),
        completionCost(chatResponse('llama3.2', usage, { custom_llm_provider: 'ollama', model: 'ollama/llama3.2' })),
        completionCost(chatResponse('gpt-4o', undefined)),
        completionCost(chatResponse('gpt-4o', usage), { model: 'openai/gpt-99' }),
      ],
      [0, 0, 0, 0],
    );
  });

  it('prices embeddings by their prompt tokens at the input price', () => {
    const response: EmbeddingResponse = {
      object: 'list',
      data: [{ object: 'embedding', index: 0, embedding: [0.1, 0.2] }],
      model: 'text-embedding-3-small',
      usage: { prompt_tokens: 1000, total_tokens: 1000 },
      _hidden_params: { custom_llm_provider: 'openai', model: 'openai/text-embedding-3-small' },
    };
    assert.equal(usd(completionCost(response)), usd(1000 * 2e-8));
  });

  it('adds reasoning reported beside the completion (Gemini thoughts) to the output', () => {
    // test/fixtures/gemini/generate_content_text_thoughts_token_count: 9 + 9 + 34 thoughts = 52.
    const usage: Usage = {
      prompt_tokens: 9,
      completion_tokens: 9,
      total_tokens: 52,
      completion_tokens_details: { reasoning_tokens: 34 },
    };
    const response = chatResponse('gemini-2.5-flash', usage, { custom_llm_provider: 'gemini', model: 'gemini/gemini-2.5-flash' });
    assert.equal(usd(completionCost(response)), usd(9 * 3e-7 + (9 + 34) * 2.5e-6));
  });
});

describe('costFromUsage', () => {
  const base: ModelInfo = {
    key: 'test/reasoner',
    litellm_provider: 'test',
    known: true,
    mode: 'chat',
    input_cost_per_token: 1e-6,
    output_cost_per_token: 1e-5,
  };

  it('prices reasoning tokens at their own price where one exists, the rest at the output price', () => {
    const usage: Usage = {
      prompt_tokens: 100,
      completion_tokens: 100,
      total_tokens: 200,
      completion_tokens_details: { reasoning_tokens: 40 },
    };
    assert.deepStrictEqual(
      [usd(costFromUsage({ ...base, output_cost_per_reasoning_token: 2e-5 }, usage)), usd(costFromUsage(base, usage))],
      [usd(100 * 1e-6 + 60 * 1e-5 + 40 * 2e-5), usd(100 * 1e-6 + 100 * 1e-5)],
    );
  });

  it('falls back to the input price for cache reads and writes without a cache price', () => {
    const usage: Usage = {
      prompt_tokens: 100,
      completion_tokens: 0,
      total_tokens: 100,
      cache_read_input_tokens: 60,
      cache_creation_input_tokens: 30,
    };
    assert.deepStrictEqual(
      [
        usd(costFromUsage(base, usage)),
        usd(costFromUsage({ ...base, cache_read_input_token_cost: 1e-7, cache_creation_input_token_cost: 2e-6 }, usage)),
      ],
      [usd(100 * 1e-6), usd(10 * 1e-6 + 60 * 1e-7 + 30 * 2e-6)],
    );
  });

  it('never counts uncached prompt tokens below zero, and answers undefined without prices', () => {
    const overCounted: Usage = { prompt_tokens: 10, completion_tokens: 1, total_tokens: 11, prompt_tokens_details: { cached_tokens: 50 } };
    const noPrices: ModelInfo = { key: 'ollama/llama3.2', litellm_provider: 'ollama', known: true, mode: 'chat' };
    assert.deepStrictEqual(
      [usd(costFromUsage({ ...base, cache_read_input_token_cost: 1e-7 }, overCounted)), costFromUsage(noPrices, overCounted)],
      [usd(50 * 1e-7 + 1 * 1e-5), undefined],
    );
  });
});
