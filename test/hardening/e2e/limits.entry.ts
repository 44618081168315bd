/**
 * Bounded memory in a real VS Code (code-server, from the built .vsix): the chat asks a server
 * that answers with a gzip bomb — a first word, then an SSE line that never ends, 16 GiB once
 * unpacked (test/core/bodyBombs.ts). The answer must end in an error with the first word kept, the
 * extension host must hang up with most of the bomb unsent, and its peak memory (VmHWM from
 * /proc/<pid>/status, a high-water mark over the host's life) is read before and after.
 * Figure: `limits` / the extension host reading a bomb in the chat, with the peak memory.
 */

import { ok } from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startBombServer, stoppedEarly, type BombServer } from '../../core/bodyBombs';
import { chatFrame, sendMessage, waitForMessages } from '../../e2e/chatView';
import { packagedVsix } from '../../e2e/codeServer';
import { recordFigure } from '../figures';
import { extensionHostPid } from './extensionHost';
import { useHardeningCodeServer } from './hardeningCodeServer';
import { openChatAndStoreOpenAiKey } from './keyDrivers';

const root = process.cwd();
const firstWord = 'Hello';
const helloEvent = `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o-mini', choices: [{ index: 0, delta: { role: 'assistant', content: firstWord }, finish_reason: null }] })}\n\n`;

/** The process's peak resident set so far, in MiB (VmHWM). */
function peakMebibytes(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith('VmHWM:'));
  const kilobytes = Number.parseInt(line?.replace(/\D+/g, ' ').trim() ?? '', 10);
  ok(Number.isFinite(kilobytes), `no VmHWM in /proc/${pid}/status`);
  return Math.round(kilobytes / 1024);
}

describe('limits in code-server: the chat reads a 16 GiB gzip bomb', function () {
  this.timeout(60_000);
  this.bail(true);

  let server: BombServer | undefined;
  const failures: string[] = [];
  const measures: Array<[string, string]> = [];
  let tried = 0;

  before(async () => {
    server = await startBombServer((path) =>
      path.endsWith('/chat/completions')
        ? { headers: { 'content-type': 'text/event-stream' }, prefix: `${helloEvent}data: {"choices":[{"index":0,"delta":{"content":"`, fill: 'x' }
        : { status: 200, headers: { 'content-type': 'application/json' }, body: '{"object":"list","data":[]}' },
    );
  });
  const workbench = useHardeningCodeServer({
    name: 'limits',
    settings: () => ({ 'switchboard.providers': { openai: { baseUrl: `${server!.url}/v1` } }, 'switchboard.defaultModel': 'openai/gpt-4o-mini' }),
    extensions: () => [packagedVsix(root)],
    requests: () => [],
    evidence: () => ({ paths: server?.paths, bombs: server?.bombs, failures, measures }),
  });
  after(async () => {
    recordFigure({ area: 'limits', part: 'code-server extension host: an SSE bomb in the chat', tried, bad: failures.length, failures, measures });
    await server?.close();
  });

  it('the chat opens; a key is stored through "Set API Key"', async () => {
    await openChatAndStoreOpenAiKey(workbench().page, `sk-limits-test-${process.pid}`);
  });

  it('the answer ends in an error with its first word kept; the host hung up early; its peak memory is recorded', async () => {
    const { page, codeServer } = workbench();
    const host = extensionHostPid(codeServer.pid);
    ok(host !== undefined, 'no extension host process in code-server');
    const before = peakMebibytes(host);
    tried++;
    const frame = chatFrame(page);
    await sendMessage(frame, 'Tell me everything', 'Enter');
    const shown = await waitForMessages(frame, 'the answer ended', (messages) => messages.length === 2 && messages[1]?.status !== 'streaming', { timeout: 45_000 });
    await server!.settled();
    const after = peakMebibytes(host);
    measures.push(['extension host peak memory (VmHWM) before the question', `${before} MiB`], ['extension host peak memory (VmHWM) after the 16 GiB bomb', `${after} MiB`]);
    const answer = shown[1];
    if (answer?.status !== 'error' || !answer.text.includes(firstWord)) {
      failures.push(`the answer ended ${JSON.stringify({ status: answer?.status, text: answer?.text.slice(0, 200) })}, not in an error after "${firstWord}"`);
    }
    const bomb = server!.bombs[0];
    if (!stoppedEarly(bomb)) {
      failures.push(`the host did not stop reading early (${bomb?.sentBytes ?? 0} of ${bomb?.totalBytes ?? 0} gzip bytes sent)`);
    }
    ok(failures.length === 0, failures.join('; '));
  });
});
