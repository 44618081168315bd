/**
 * The bench server's answers on Ollama's native API, shaped like the recorded
 * test/fixtures/ollama/chat_stream_tool_calls.body: `/api/chat` streams one NDJSON line per content
 * chunk (`done: false`, its own `created_at`), then the `done: true` line with empty content,
 * done_reason, the durations in nanoseconds and the eval counts. `/api/show`, which Switchboard
 * asks once per model to size `num_ctx`, gets a short answer naming the model's context length.
 */

import { promptTokens, word } from './words';

const model = 'llama3.2';
const startMs = Date.UTC(2025, 6, 7, 20, 22, 19, 184);

export function renderOllamaAnswer(contentChunks: number): string {
  const lines: string[] = [];
  const createdAt = (index: number): string => new Date(startMs + index * 8).toISOString();
  for (let index = 0; index < contentChunks; index++) {
    lines.push(JSON.stringify({ model, created_at: createdAt(index), message: { role: 'assistant', content: word(index) }, done: false }));
  }
  lines.push(
    JSON.stringify({
      model,
      created_at: createdAt(contentChunks),
      message: { role: 'assistant', content: '' },
      done_reason: 'stop',
      done: true,
      total_duration: 182_242_375 + contentChunks * 8_000_000,
      load_duration: 41_295_167,
      prompt_eval_count: promptTokens,
      prompt_eval_duration: 24_573_166,
      eval_count: contentChunks,
      eval_duration: contentChunks * 7_730_000,
    }),
  );
  return `${lines.join('\n')}\n`;
}

/** `/api/show` for the bench model: the parts Switchboard reads (architecture, context length). */
export const ollamaShowAnswer = JSON.stringify({
  parameters: 'stop                           "<|eot_id|>"',
  details: { parent_model: '', format: 'gguf', family: 'llama', families: ['llama'], parameter_size: '3.2B', quantization_level: 'Q4_K_M' },
  model_info: { 'general.architecture': 'llama', 'general.parameter_count': 3_212_749_888, 'llama.context_length': 131_072 },
  capabilities: ['completion', 'tools'],
});
