/**
 * The chat's tool loop (`npm run bench`, section "chat"): the tools each source offers, and the
 * time from a model's tool call to the next request carrying its result — the last byte of the
 * round that asked for the call leaving a loopback OpenAI-wire server, to the next request having
 * arrived there — for a tool that does nothing (the loop's own cost per round: reading the call,
 * the toolbox, saving, planning the next request), the built-in `read_file` on a temporary
 * folder, and `read_text_file` of the official filesystem MCP server over stdio. Medians over
 * several answers through the real controller, store and core client. Figures, not assertions.
 *
 *   node scripts/build-tests.mjs bench && node out/bench/toolLoop.js [--answers=N]
 */

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createClient, type Client } from '../src/core';
import { ChatController } from '../src/shell/chat/controller';
import { FileConversationStore } from '../src/shell/chat/conversationStore';
import type { ChatCompletions } from '../src/shell/chat/ports';
import { defaultChatSettings } from '../src/shell/chatSettings';
import { McpServerSource } from '../src/shell/tools/mcp/mcpServerSource';
import type { ToolSource } from '../src/shell/tools/toolTypes';
import { WorkspaceToolSource } from '../src/shell/tools/workspace/workspaceToolSource';
import { MemoryLog, RecordingSink, TestEnvironment, TestModels } from '../test/helpers/chatFakes';
import { FunctionToolSource, testToolbox, text } from '../test/helpers/toolSources';
import { startWireServer, type Reply, type WireServer } from '../test/helpers/wireServer';
import { DiskWorkspace } from '../test/helpers/workspaceDisk';
import { median } from './lib/stats';

const modules = join(process.cwd(), 'node_modules', '@modelcontextprotocol');

/** One OpenAI stream: a tool call (as chat_stream_single_tool_call.body is shaped), or a short answer. */
function sse(chunks: object[]): string {
  return `${chunks.map((chunk) => `data: ${JSON.stringify({ id: 'chatcmpl-bench', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o', choices: [chunk] })}\n\n`).join('')}data: [DONE]\n\n`;
}

function toolCallStream(name: string, args: string): string {
  return sse([
    { index: 0, delta: { role: 'assistant', content: null, tool_calls: [{ index: 0, id: 'call_bench', type: 'function', function: { name, arguments: '' } }] }, finish_reason: null },
    { index: 0, delta: { tool_calls: [{ index: 0, function: { arguments: args } }] }, finish_reason: null },
    { index: 0, delta: {}, finish_reason: 'tool_calls' },
  ]);
}

const answerStream = sse([
  { index: 0, delta: { role: 'assistant', content: 'Done.' }, finish_reason: null },
  { index: 0, delta: {}, finish_reason: 'stop' },
]);

interface Case {
  label: string;
  source: ToolSource;
  /** The name the toolbox offers it under, and the model's arguments. */
  tool: string;
  args: Record<string, unknown>;
}

/** The model: the first request of each answer asks for the call, the second gets an answer; when the call's round ended is noted. */
function scriptedModel(tool: string, args: string, ends: number[]): (request: { json: unknown }) => Reply {
  return (request) => {
    const messages = (request.json as { messages: { role: string }[] }).messages;
    if (messages[messages.length - 1]?.role === 'tool') {
      return { status: 200, headers: { 'content-type': 'text/event-stream' }, body: answerStream };
    }
    const body = toolCallStream(tool, args);
    async function* parts(): AsyncIterable<string> {
      yield body;
      ends.push(performance.now());
    }
    return { status: 200, headers: { 'content-type': 'text/event-stream' }, parts: parts() };
  };
}

function completions(client: Client): ChatCompletions {
  return { stream: ({ model, messages, signal, params }) => client.completion({ ...params, model, messages, stream: true, signal }) };
}

async function measure(bench: Case, answers: number, directory: string): Promise<number[]> {
  const ends: number[] = [];
  const server: WireServer = await startWireServer(scriptedModel(bench.tool, JSON.stringify(bench.args), ends));
  const client = createClient({ env: {}, providerSettings: (provider) => (provider === 'openai' ? { apiBase: `${server.url}/v1` } : undefined), getApiKey: () => 'sk-bench' });
  const box = testToolbox([bench.source]);
  // The user chose "Always Allow" before: the figure is the loop's, not a person's click.
  const offered = (await box.toolbox.offer()).find(bench.tool);
  if (offered === undefined) {
    throw new Error(`${bench.tool} is not offered.`);
  }
  await box.toolbox.allowAlways(offered);
  const store = new FileConversationStore({ directory, log: new MemoryLog() });
  const controller = new ChatController({
    client: completions(client),
    store,
    models: new TestModels('openai/gpt-4o'),
    log: new MemoryLog(),
    env: new TestEnvironment(),
    settings: () => ({ ...defaultChatSettings, titles: 'firstLine' }),
    tools: { toolbox: box.toolbox, settings: () => box.settings.value },
  });
  controller.attachView(new RecordingSink());
  await controller.ready();
  const delays: number[] = [];
  try {
    for (let answer = 0; answer < answers; answer++) {
      const before = server.requests.length;
      await controller.send(`r${answer}`, `Question ${answer}`, []);
      await controller.idle();
      const next = server.requests[before + 1];
      const end = ends[answer];
      if (next !== undefined && end !== undefined) {
        delays.push(next.receivedAt - end);
      }
      await controller.newChat();
    }
  } finally {
    controller.dispose();
    await controller.idle();
    await client.close();
    await server.close();
  }
  return delays;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { answers: { type: 'string' } } });
  const answers = Number(values.answers ?? 15);
  const folder = await mkdtemp(join(tmpdir(), 'switchboard-bench-tools-'));
  const notes = join(folder, 'notes.md');
  await writeFile(notes, `# Notes\n\n${'A line of notes about the project.\n'.repeat(200)}`);
  const log = new MemoryLog();
  const mcp = (name: string, script: string, args: string[]): McpServerSource =>
    new McpServerSource({ config: { name, type: 'stdio', command: process.execPath, args: [script, ...args], env: {}, cwd: undefined }, log, clientVersion: 'bench', readSecret: async () => undefined });
  const filesystem = mcp('files', join(modules, 'server-filesystem', 'dist', 'index.js'), [folder]);
  const everything = mcp('everything', join(modules, 'server-everything', 'dist', 'index.js'), ['stdio']);
  const workspace = new WorkspaceToolSource({ host: new DiskWorkspace([{ name: 'bench', dir: folder }]), log });
  console.log(`Chat tool loop: ${answers} answers of one tool round each, loopback OpenAI wire, through the controller, store and core client`);
  try {
    for (const [label, source] of [['files (server-filesystem, stdio)', filesystem], ['everything (server-everything, stdio)', everything]] as const) {
      const started = performance.now();
      const status = await source.start();
      console.log(`  tools discovered: ${label}: ${status.tools.length} (started in ${(performance.now() - started).toFixed(0)} ms)${status.problem === undefined ? '' : `, ${status.problem}`}`);
    }
    console.log(`  tools discovered: Workspace (built-in): ${workspace.status().tools.length}`);
    const cases: Case[] = [
      { label: 'a tool that does nothing (the loop per round)', source: new FunctionToolSource('builtin', 'builtin', 'Workspace', { noop: { readOnly: true, run: () => text('ok') } }), tool: 'noop', args: {} },
      { label: 'built-in read_file (7 KB file)', source: workspace, tool: 'read_file', args: { path: 'notes.md' } },
      { label: 'MCP stdio read_text_file (7 KB file)', source: filesystem, tool: 'mcp__files__read_text_file', args: { path: notes } },
    ];
    for (const bench of cases) {
      const directory = await mkdtemp(join(tmpdir(), 'switchboard-bench-store-'));
      try {
        const delays = await measure(bench, answers, directory);
        const sorted = [...delays].sort((a, b) => a - b);
        console.log(`  tool call → next request: ${bench.label}: median ${median(delays).toFixed(1)} ms (min ${sorted[0]?.toFixed(1) ?? '?'}, max ${sorted[sorted.length - 1]?.toFixed(1) ?? '?'}, n=${delays.length})`);
      } finally {
        await rm(directory, { recursive: true, force: true, maxRetries: 5, retryDelay: 20 });
      }
    }
  } finally {
    filesystem.dispose();
    everything.dispose();
    await rm(folder, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
