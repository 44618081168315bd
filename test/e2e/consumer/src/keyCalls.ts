/**
 * The calls of the hardening suite's key scenario (test/hardening/e2e/keys.entry.ts): what another
 * extension gets back from Switchboard while the user's key is a canary — an answer, a stream, the
 * model list, and a call the provider refuses with a 401 whose body echoes the key. Errors are
 * recorded whole (every own property, however deep), so the test can search everything a
 * consumer could read for the canary, not only the fields it usually shows. `applySettings`
 * changes user settings for the test the way the Settings editor does.
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { ModelResponseChunk, SwitchboardApiV1 } from '../../../../api';
import { chatModel, embeddingInput, embeddingModel, prompts, resultsFolderSetting, settingsToApplyFileName } from './plan';
import type { StepRecorder } from './recorder';
import { describeError } from './recorder';
import { summariseChunks, summariseEmbedding, summariseModels, summariseResponse } from './summaries';

/** A thrown value as plain data: every own property (enumerable or not), nested objects too. */
export function everythingOf(value: unknown, depth = 0, seen = new Set<object>()): unknown {
  if (typeof value !== 'object' || value === null) {
    return typeof value === 'function' || typeof value === 'symbol' || typeof value === 'bigint' ? String(value) : value;
  }
  if (seen.has(value) || depth > 6) {
    return '(repeated or too deep)';
  }
  seen.add(value);
  if (Array.isArray(value)) {
    return value.map((item) => everythingOf(item, depth + 1, seen));
  }
  const names = new Set([...Object.getOwnPropertyNames(value), 'name', 'message', 'stack', 'cause']);
  const record: Record<string, unknown> = {};
  for (const name of names) {
    const field = (value as Record<string, unknown>)[name];
    if (field !== undefined) {
      record[name] = everythingOf(field, depth + 1, seen);
    }
  }
  return record;
}

/** Runs `call`; a failure is recorded with its usual fields and, under `everything`, whole. */
async function recordWhole(record: StepRecorder, name: string, call: () => Promise<unknown>): Promise<void> {
  await record.step(name, async () => {
    try {
      return await call();
    } catch (error) {
      // Thrown on as an Error whose message carries the whole error, so the report keeps it all.
      const whole = new Error(JSON.stringify({ ...describeError(error), everything: everythingOf(error) }));
      whole.name = describeError(error).name;
      throw whole;
    }
  });
}

export async function exerciseKeyCalls(api: SwitchboardApiV1, record: StepRecorder): Promise<void> {
  // The level every extension's log channel starts at: the test needs trace while the calls run.
  await record.step('logLevel', async () => vscode.LogLevel[vscode.env.logLevel]);
  await recordWhole(record, 'completion', async () => summariseResponse(await api.completion({ model: chatModel, messages: [{ role: 'user', content: prompts.keysCompletion }] })));
  await recordWhole(record, 'stream', async () => {
    const chunks: ModelResponseChunk[] = [];
    for await (const chunk of await api.completion({ model: chatModel, messages: [{ role: 'user', content: prompts.keysStream }], stream: true })) {
      chunks.push(chunk);
    }
    return summariseChunks(chunks);
  });
  await recordWhole(record, 'embedding', async () => summariseEmbedding(await api.embedding({ model: embeddingModel, input: embeddingInput })));
  await recordWhole(record, 'unauthorized', async () => summariseResponse(await api.completion({ model: chatModel, messages: [{ role: 'user', content: prompts.keysUnauthorized }] })));
  await recordWhole(record, 'listModels', async () => summariseModels(await api.listModels()));
}

/** Applies `<results folder>/settings-to-apply.json` to the user settings, one step per setting. */
export async function applySettings(record: StepRecorder): Promise<void> {
  const folder = vscode.workspace.getConfiguration(resultsFolderSetting.section).get<string>(resultsFolderSetting.key, '');
  const changes = JSON.parse(readFileSync(join(folder, settingsToApplyFileName), 'utf8')) as Record<string, unknown>;
  for (const [name, value] of Object.entries(changes)) {
    await record.step(name, async () => {
      await vscode.workspace.getConfiguration().update(name, value ?? undefined, vscode.ConfigurationTarget.Global);
      return vscode.workspace.getConfiguration().get(name) ?? null;
    });
  }
}
