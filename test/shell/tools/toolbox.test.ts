/**
 * The toolbox: the names offered (fitted to every provider's rules and mapped back exactly), the
 * picker's choices remembered, which calls ask first, and a call's every ending — an answer, an
 * error, bad arguments, the time limit and Stop, also from a tool that ignores its signal — as a
 * result, never a hang or an exception.
 */

import assert from 'node:assert/strict';
import { toolResultLimits } from '../../../src/protocol/toolViews';
import { maxToolNameLength, proposedToolName, ToolNameTable } from '../../../src/shell/tools/toolNames';
import { FunctionToolSource, MemoryState, testToolbox, text } from '../../helpers/toolSources';

const providerNameRule = /^[A-Za-z_][A-Za-z0-9_-]{0,63}$/;

describe('tool names offered to the model', () => {
  it('keeps built-in and VS Code names, prefixes MCP tools with their server, and fits every name to the providers’ rules', () => {
    const long = 'a'.repeat(80);
    const names = [
      proposedToolName('builtin', 'Workspace', 'read_file'),
      proposedToolName('mcp', 'files', 'read_text_file'),
      proposedToolName('mcp', 'my server.v2', 'get/thing'),
      proposedToolName('vscode', 'VS Code', 'copilot_readFile'),
      proposedToolName('vscode', 'VS Code', '9lives'),
      proposedToolName('mcp', 'svc', long),
      proposedToolName('mcp', 'svc', `${long}b`),
    ];
    assert.deepStrictEqual(names.slice(0, 5), ['read_file', 'mcp__files__read_text_file', 'mcp__my_server_v2__get_thing', 'copilot_readFile', '_9lives']);
    for (const name of names) {
      assert.match(name, providerNameRule);
      assert.ok(name.length <= maxToolNameLength);
    }
    assert.notEqual(names[5], names[6], 'two long names cut at the same place stay two');
  });

  it('numbers a name two tools would share, and maps each offered name back to exactly its tool', () => {
    const table = new ToolNameTable<string>();
    const first = table.add(proposedToolName('mcp', 'a.b', 'x'), 'first');
    const second = table.add(proposedToolName('mcp', 'a_b', 'x'), 'second');
    assert.deepStrictEqual([first, second], ['mcp__a_b__x', 'mcp__a_b__x_2']);
    assert.deepStrictEqual([table.find(first), table.find(second), table.find('mcp__a_b__x_3')], ['first', 'second', undefined]);
  });
});

describe('toolbox', () => {
  const workspace = (): FunctionToolSource =>
    new FunctionToolSource('builtin', 'builtin', 'Workspace', {
      list_directory: { readOnly: true, run: () => text('src/\nREADME.md') },
      read_file: { readOnly: true, run: (args) => text(`contents of ${String(args['path'])}`) },
    });
  const server = (): FunctionToolSource =>
    new FunctionToolSource('mcp:files', 'mcp', 'files', { write_file: { run: () => text('written') }, 'read.text': { run: () => text('read') } }, { startsOnFirstUse: true });
  const vscodeTools = (): FunctionToolSource => new FunctionToolSource('vscode', 'vscode', 'VS Code', { other_ext_tool: { run: () => text('other') } });

  it('offers the enabled tools in the sources’ order, starting a server on first use; VS Code’s tools only once switched on', async () => {
    const files = server();
    const { toolbox } = testToolbox([workspace(), files, vscodeTools()]);
    assert.deepStrictEqual(toolbox.known().tools.map((tool) => tool.function.name), ['list_directory', 'read_file'], 'the server has not started yet');
    const offer = await toolbox.offer();
    assert.deepStrictEqual(
      offer.tools.map((tool) => tool.function.name),
      ['list_directory', 'read_file', 'mcp__files__write_file', 'mcp__files__read_text'],
    );
    assert.equal(offer.find('mcp__files__read_text')?.descriptor.name, 'read.text');
    assert.equal(offer.find('other_ext_tool'), undefined);
    assert.ok(await toolbox.toggle('vscode', undefined, true));
    assert.ok(await toolbox.toggle('mcp:files', 'write_file', false));
    assert.deepStrictEqual(
      (await toolbox.offer()).tools.map((tool) => tool.function.name),
      ['list_directory', 'read_file', 'mcp__files__read_text', 'other_ext_tool'],
    );
    const view = toolbox.view(true);
    assert.deepStrictEqual(
      view.sources.map((source) => [source.id, source.state, source.enabled, source.tools.map((tool) => [tool.modelName, tool.enabled])]),
      [
        ['builtin', 'ready', true, [['list_directory', true], ['read_file', true]]],
        ['mcp:files', 'ready', true, [['mcp__files__write_file', false], ['mcp__files__read_text', true]]],
        ['vscode', 'ready', true, [['other_ext_tool', true]]],
      ],
    );
  });

  it('remembers the choices across windows; a tool switched on in a source that is off brings only itself', async () => {
    const memory = new MemoryState();
    const first = testToolbox([workspace(), server()], {}, memory);
    await first.toolbox.refresh();
    assert.ok(await first.toolbox.toggle('mcp:files', undefined, false));
    assert.equal(await first.toolbox.toggle('mcp:files', 'no_such_tool', true), false, 'only listed tools');
    assert.equal(await first.toolbox.toggle('mcp:nobody', undefined, true), false, 'only listed sources');
    // A source that is off is not started by the toolbox; this one was (its tools are listed).
    const files = server();
    await files.start();
    const second = testToolbox([workspace(), files], {}, memory);
    await second.toolbox.refresh();
    assert.deepStrictEqual(second.toolbox.known().tools.map((tool) => tool.function.name), ['list_directory', 'read_file']);
    assert.ok(await second.toolbox.toggle('mcp:files', 'read.text', true));
    assert.deepStrictEqual(second.toolbox.known().tools.map((tool) => tool.function.name), ['list_directory', 'read_file', 'mcp__files__read_text']);
  });

  it('asks first for everything but the built-in read-only tools (while the setting allows), until "Always Allow", which can be revoked', async () => {
    const { toolbox, settings } = testToolbox([workspace(), server()]);
    const offer = await toolbox.offer();
    const readFile = offer.find('read_file');
    const write = offer.find('mcp__files__write_file');
    assert.ok(readFile !== undefined && write !== undefined);
    assert.deepStrictEqual([toolbox.needsApproval(readFile), toolbox.needsApproval(write)], [false, true]);
    settings.value = { ...settings.value, autoApproveReadOnly: false };
    assert.equal(toolbox.needsApproval(readFile), true);
    await toolbox.allowAlways(write);
    assert.equal(toolbox.needsApproval(write), false);
    assert.equal(toolbox.view(true).sources[1]?.tools[0]?.alwaysAllowed, true);
    await toolbox.revoke('mcp:files', 'write_file');
    assert.equal(toolbox.needsApproval(write), true);
  });

  it('ends every call with a result: an answer, the tool’s error, a thrown error, bad arguments', async () => {
    const source = new FunctionToolSource('lab', 'vscode', 'Lab', {
      answer: { run: (args) => text(`got ${JSON.stringify(args)}`) },
      reported: { run: () => text('no such row', true) },
      throws: { run: () => Promise.reject(new Error('the server went away')) },
      big: { run: () => text('x'.repeat(toolResultLimits.textLength + 10)) },
      picture: { run: () => ({ content: [{ type: 'image', mimeType: 'image/png', data: 'iVBORw0KGgo=' }, { type: 'image', mimeType: 'image/svg+xml', data: 'PHN2Zz4=' }], isError: false }) },
    });
    const { toolbox } = testToolbox([source]);
    const offer = await toolbox.offer();
    const run = async (name: string, args: string): Promise<unknown> => {
      const tool = offer.find(name);
      assert.ok(tool !== undefined);
      const { state, result } = await toolbox.run(tool, args, new AbortController().signal);
      return { state, text: result.text.slice(0, 80), isError: result.isError, images: result.images };
    };
    assert.deepStrictEqual(await run('answer', '{"q":1}'), { state: 'done', text: 'got {"q":1}', isError: false, images: undefined });
    assert.deepStrictEqual(await run('answer', ''), { state: 'done', text: 'got {}', isError: false, images: undefined });
    assert.deepStrictEqual(await run('reported', '{}'), { state: 'done', text: 'no such row', isError: true, images: undefined });
    assert.deepStrictEqual(await run('throws', '{}'), { state: 'failed', text: 'The tool failed: the server went away', isError: true, images: undefined });
    assert.deepStrictEqual(await run('answer', '{"q":'), { state: 'failed', text: 'The arguments are not valid JSON; call answer again with a JSON object matching ', isError: true, images: undefined });
    assert.deepStrictEqual(await run('answer', '[1]'), { state: 'failed', text: 'The arguments are not a JSON object; call answer again with a JSON object matchi', isError: true, images: undefined });
    const big = offer.find('big');
    assert.ok(big !== undefined);
    const cut = (await toolbox.run(big, '{}', new AbortController().signal)).result.text;
    assert.ok(cut.endsWith(`[… the result was 100,010 characters; only the first 100,000 are included.]`));
    const picture = (await run('picture', '{}')) as { text: string; images: string[] };
    assert.deepStrictEqual(picture.images, ['data:image/png;base64,iVBORw0KGgo=']);
    assert.match(picture.text, /^\[An image \(image\/svg\+xml, 6 bytes\) was left out/);
  });

  it('does not wait for a tool that ignores its signal: the time limit and Stop end the call', async () => {
    let seen: AbortSignal | undefined;
    const source = new FunctionToolSource('lab', 'vscode', 'Lab', {
      hang: {
        run: (_args, options) => {
          seen = options.signal;
          return new Promise(() => undefined);
        },
      },
    });
    const { toolbox, settings } = testToolbox([source], { timeoutSeconds: 0.05 });
    const hang = (await toolbox.offer()).find('hang');
    assert.ok(hang !== undefined);
    const timedOut = await toolbox.run(hang, '{}', new AbortController().signal);
    assert.deepStrictEqual({ state: timedOut.state, text: timedOut.result.text }, { state: 'failed', text: 'The tool did not answer within 0.05 s and was cancelled.' });
    assert.equal(seen?.aborted, true, 'the source was told to stop');
    settings.value = { ...settings.value, timeoutSeconds: 60 };
    const stop = new AbortController();
    const stopped = toolbox.run(hang, '{}', stop.signal);
    stop.abort();
    const result = await stopped;
    assert.deepStrictEqual({ state: result.state, text: result.result.text }, { state: 'cancelled', text: 'The call was cancelled: the user stopped the answer.' });
  });

  it('offers nothing while tools are off, and no failed server is started again on every request', async () => {
    let starts = 0;
    const broken = new FunctionToolSource('mcp:broken', 'mcp', 'broken', {}, { startsOnFirstUse: true });
    broken.start = async () => {
      starts++;
      return { state: 'failed', problem: 'spawn nothing ENOENT', tools: [] };
    };
    broken.status = () => ({ state: starts === 0 ? 'notStarted' : 'failed', problem: 'spawn nothing ENOENT', tools: [] });
    const { toolbox, settings } = testToolbox([workspace(), broken]);
    await toolbox.offer();
    await toolbox.offer();
    assert.equal(starts, 1);
    await toolbox.refresh();
    assert.equal(starts, 2, 'opening the picker tries it again');
    assert.deepStrictEqual(toolbox.view(true).sources[1], { id: 'mcp:broken', kind: 'mcp', label: 'broken', enabled: true, state: 'failed', problem: 'spawn nothing ENOENT', tools: [] });
    settings.value = { ...settings.value, enabled: false };
    assert.deepStrictEqual((await toolbox.offer()).tools, []);
    assert.equal(toolbox.view(false).enabled, false);
  });
});
