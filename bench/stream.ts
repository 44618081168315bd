/**
 * `npm run bench`: what streaming 100,000 chunks costs Switchboard's core, next to the limit of
 * its HTTP stack (undici, bytes discarded), a minimal client (undici + eventsource-parser +
 * JSON.parse) and the wire's official SDK; first on the OpenAI wire, then on Anthropic's, OpenAI's
 * Responses, Bedrock's ConverseStream (a binary event stream, each request SigV4-signed), Gemini's
 * streamGenerateContent (SSE of GenerateContentResponses) and Ollama's /api/chat (NDJSON, its
 * minimal client a line splitter), where Switchboard also translates every event to an OpenAI
 * chunk. The server runs in its own process;
 * every client run is a fresh process; figures are medians over the runs. Figures, not
 * assertions: the targets are printed as ✓/✗ and the exit code stays 0 unless the benchmark
 * itself could not run.
 *
 * Then the chat webview in headless Chromium (bench/webview.ts): a streamed 10,000-token answer,
 * three such answers streaming at once into three views (sidebar and editor tabs), and a
 * 1,000-message chat. Then the chat on the host: building the request of a 1,000-turn chat
 * with 20 attachments and the token estimate's error (bench/chatRequest.ts), and history search
 * over 500 saved conversations (bench/historySearch.ts), the store's listing, opening and search
 * with 10,000 (bench/historyScale.ts), the host's heap with a history, a 1,000-message chat and 50
 * parallel streams and its growth over ten rounds of the same (bench/hostMemory.ts), the tool
 * loop's cost per round and the time from a tool call to the next request (bench/toolLoop.ts), and
 * the built-in workspace tools on this repository (bench/workspaceTools.ts). Then the first answer
 * (bench/firstAnswer.ts): a fresh process from its start to its first token, the limit, the
 * minimal client and Switchboard cold and prepared.
 *
 * Only when asked for (`--wire codeserver`, never part of `all`: it needs the end-to-end tools and
 * the .vsix, see bench/firstAnswerCodeServer.ts): the extension in code-server, its activation
 * time and send → first token shown for the first message after a window reload against the tenth.
 *
 * Options: --wire openai|anthropic|responses|bedrock|gemini|ollama|webview|chat|first|codeserver|all (all; any other runs only that section),
 * --runs N (7), --chunks N (100000), --warm-streams N (3), --ttft-samples N (50),
 * --webview-tokens N (10000: each streamed answer's, the three parallel ones' too), --webview-opens N (5),
 * --first-runs N (9: fresh processes per client in the first-answer section).
 */

import { fork } from 'node:child_process';
import { cpus, arch, platform } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startServerChild } from './lib/children';
import { countsOf, runSection, type Section } from './lib/section';
import { isWireName, wireNames } from './lib/wires';

const runsNote = (chunks: number, bytes: number): string => `${chunks.toLocaleString('en-US')} content chunks per stream, ${(bytes / 1e6).toFixed(1)} MB of SSE`;

/** The sections, in the order they run; in each, the clients with the limit first. */
const sections: readonly Section[] = [
  {
    wire: 'openai',
    heading: 'OpenAI wire: POST /v1/chat/completions',
    describe: (chunks, bytes) => `${runsNote(chunks, bytes)} (${countsOf('openai', chunks).chunks} chunks with finish and usage)`,
    clients: [
      { name: 'limit', file: 'clientLimit.js' },
      { name: 'minimal', file: 'clientMinimal.js' },
      { name: 'switchboard', file: 'clientSwitchboard.js' },
      { name: 'openai', file: 'clientOpenai.js' },
    ],
    elsewhere: 'measured elsewhere: openai SDK 7.x 3.2×, 6.x 6.3×; Vercel ai SDK 13–16×; undici + eventsource-parser 1.8×',
  },
  {
    wire: 'anthropic',
    heading: 'Anthropic wire: POST /v1/messages (Switchboard translates to OpenAI chunks)',
    describe: (chunks, bytes) => {
      const counts = countsOf('anthropic', chunks);
      return (
        `${runsNote(chunks, bytes)}: ${counts.events} events; minimal and anthropic-sdk hand out the raw events, ` +
        `Switchboard ${counts.chunks} OpenAI chunks (role on the first, finish, usage); µs/chunk is per text delta`
      );
    },
    clients: [
      { name: 'limit', file: 'clientLimit.js' },
      { name: 'minimal', file: 'clientMinimal.js' },
      { name: 'switchboard', file: 'clientSwitchboard.js' },
      { name: 'anthropic-sdk', file: 'clientAnthropic.js' },
    ],
    elsewhere: 'measured elsewhere: the official @anthropic-ai/sdk 3.0× the limit',
  },
  {
    wire: 'responses',
    heading: 'OpenAI Responses wire: POST /v1/responses (Switchboard translates to OpenAI chunks)',
    describe: (chunks, bytes) => {
      const counts = countsOf('responses', chunks);
      return (
        `${runsNote(chunks, bytes)}: ${counts.events} events (the closing ones repeat the whole text); minimal and openai-sdk hand out the raw events, ` +
        `Switchboard ${counts.chunks} OpenAI chunks (finish, usage); µs/chunk is per text delta`
      );
    },
    clients: [
      { name: 'limit', file: 'clientLimit.js' },
      { name: 'minimal', file: 'clientMinimal.js' },
      { name: 'switchboard', file: 'clientSwitchboard.js' },
      { name: 'openai-sdk', file: 'clientOpenaiResponses.js' },
    ],
    elsewhere: 'no figures from elsewhere yet',
  },
  {
    wire: 'bedrock',
    heading: 'Bedrock wire: POST /model/{id}/converse-stream (binary event stream; Switchboard signs and translates to OpenAI chunks)',
    describe: (chunks, bytes) => {
      const counts = countsOf('bedrock', chunks);
      return (
        `${chunks.toLocaleString('en-US')} content chunks per stream, ${(bytes / 1e6).toFixed(1)} MB of application/vnd.amazon.eventstream: ` +
        `${counts.events} events; minimal (unsigned) and aws-sdk hand out the raw events, Switchboard ${counts.chunks} OpenAI chunks; ` +
        'Switchboard and aws-sdk sign every request (SigV4, static keys); µs/chunk is per text delta'
      );
    },
    clients: [
      { name: 'limit', file: 'clientLimit.js' },
      { name: 'minimal', file: 'clientMinimalBedrock.js' },
      { name: 'switchboard', file: 'clientSwitchboard.js' },
      { name: 'aws-sdk', file: 'clientBedrockSdk.js' },
    ],
    elsewhere: 'no figures from elsewhere yet',
  },
  {
    wire: 'gemini',
    heading: 'Gemini wire: POST /v1beta/models/{id}:streamGenerateContent?alt=sse (Switchboard translates to OpenAI chunks)',
    describe: (chunks, bytes) => {
      const counts = countsOf('gemini', chunks);
      return (
        `${runsNote(chunks, bytes)}: ${counts.events} GenerateContentResponses (each with its usage so far, the last with finishReason); ` +
        `minimal and genai-sdk hand out the raw responses, Switchboard ${counts.chunks} OpenAI chunks (role on the first, finish, usage); µs/chunk is per text delta`
      );
    },
    clients: [
      { name: 'limit', file: 'clientLimit.js' },
      { name: 'minimal', file: 'clientMinimal.js' },
      { name: 'switchboard', file: 'clientSwitchboard.js' },
      { name: 'genai-sdk', file: 'clientGeminiSdk.js' },
    ],
    elsewhere: 'no figures from elsewhere yet',
  },
  {
    wire: 'ollama',
    heading: 'Ollama wire: POST /api/chat (NDJSON; Switchboard translates to OpenAI chunks)',
    describe: (chunks, bytes) => {
      const counts = countsOf('ollama', chunks);
      return (
        `${chunks.toLocaleString('en-US')} content chunks per stream, ${(bytes / 1e6).toFixed(1)} MB of NDJSON: ${counts.events} lines (the last done: true with the counts); ` +
        `minimal (undici + a line splitter + JSON.parse) and ollama-sdk hand out the raw lines, Switchboard ${counts.chunks} OpenAI chunks; µs/chunk is per text delta`
      );
    },
    clients: [
      { name: 'limit', file: 'clientLimit.js' },
      { name: 'minimal', file: 'clientMinimalOllama.js' },
      { name: 'switchboard', file: 'clientSwitchboard.js' },
      { name: 'ollama-sdk', file: 'clientOllamaSdk.js' },
    ],
    elsewhere: 'no figures from elsewhere yet',
  },
];

function positive(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined) {
    return fallback;
  }
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed <= 0) {
    throw new Error(`--${name} takes a positive integer, not ${value}.`);
  }
  return parsed;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      wire: { type: 'string' },
      runs: { type: 'string' },
      chunks: { type: 'string' },
      'warm-streams': { type: 'string' },
      'ttft-samples': { type: 'string' },
      'webview-tokens': { type: 'string' },
      'webview-opens': { type: 'string' },
      'first-runs': { type: 'string' },
    },
  });
  const wire = values.wire ?? 'all';
  const sectionsOfTheirOwn = ['webview', 'chat', 'first', 'codeserver'];
  if (wire !== 'all' && !sectionsOfTheirOwn.includes(wire) && !isWireName(wire)) {
    throw new Error(`--wire takes ${wireNames.join(', ')}, ${sectionsOfTheirOwn.join(', ')} or all, not ${wire}.`);
  }
  const firstRuns = `--runs=${positive(values['first-runs'], 9, 'first-runs')}`;
  const webview = [
    `--tokens=${positive(values['webview-tokens'], 10_000, 'webview-tokens')}`,
    `--opens=${positive(values['webview-opens'], 5, 'webview-opens')}`,
  ];
  const runs = positive(values.runs, 7, 'runs');
  const chunks = positive(values.chunks, 100_000, 'chunks');
  const warmStreams = positive(values['warm-streams'], 3, 'warm-streams');
  const ttftSamples = positive(values['ttft-samples'], 50, 'ttft-samples');

  const cpu = cpus();
  console.log('Switchboard streaming benchmark (npm run bench)');
  console.log(`node ${process.version}, ${platform()} ${arch()}, ${cpu[0]?.model.trim() ?? 'unknown CPU'} × ${cpu.length}`);
  console.log(
    `${runs} runs per client, each in a fresh process; warm: the last of ${warmStreams + 1} long streams in the same process; ` +
      `TTFT: median of ${ttftSamples} warm small requests per run`,
  );
  if (wire === 'webview') {
    console.log('');
    await runWebviewChild(webview);
    return;
  }
  if (wire === 'chat') {
    await runChatChildren();
    return;
  }
  if (wire === 'first') {
    console.log('');
    await runChild('firstAnswer.js', [firstRuns]);
    return;
  }
  if (wire === 'codeserver') {
    console.log('');
    await runChild('firstAnswerCodeServer.js', []);
    return;
  }
  const server = await startServerChild(join(__dirname, 'streamServer.js'), chunks);
  try {
    for (const section of sections.filter((candidate) => wire === 'all' || candidate.wire === wire)) {
      console.log('');
      const settings = { directory: __dirname, port: server.port, bytes: server.bytes[section.wire], runs, chunks, warmStreams, ttftSamples };
      await runSection(section, settings);
    }
  } finally {
    server.child.disconnect();
  }
  if (wire === 'all') {
    console.log('');
    await runWebviewChild(webview);
    await runChatChildren();
    console.log('');
    await runChild('firstAnswer.js', [firstRuns]);
  }
}

/** One section in its own process: the webview's drives Chromium (its code is typed for the browser); the chat's start from a cold heap. */
function runChild(file: string, args: string[], execArgv: string[] = []): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = fork(join(__dirname, file), args, { stdio: 'inherit', execArgv });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${file} exited with ${code ?? 'a signal'}.`))));
  });
}

function runWebviewChild(args: string[]): Promise<void> {
  return runChild('webview.js', args);
}

async function runChatChildren(): Promise<void> {
  console.log('');
  await runChild('chatRequest.js', []);
  console.log('');
  // The search's index memory is measured after a collection: the flag lets it ask for one.
  await runChild('historySearch.js', [], ['--expose-gc']);
  console.log('');
  await runChild('historyScale.js', [], ['--expose-gc']);
  console.log('');
  // Every figure there is the heap after a full collection, from a process that did nothing else.
  await runChild('hostMemory.js', [], ['--expose-gc']);
  console.log('');
  await runChild('toolLoop.js', []);
  console.log('');
  await runChild('workspaceTools.js', [process.cwd()]);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
