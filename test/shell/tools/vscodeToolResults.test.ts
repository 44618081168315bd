/**
 * VS Code's tools as the toolbox sees them: a `LanguageModelToolInformation` as a descriptor, and
 * each kind of `LanguageModelToolResult` part (text, prompt-tsx, data of every kind, nested tool
 * results, parts this version does not know) as content.
 */

import assert from 'node:assert/strict';
import { vscodeToolDescriptor, vscodeToolOutput } from '../../../src/shell/tools/vscodeToolResults';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('VS Code tools: descriptors and results', () => {
  it('describes a tool by its name, description and schema (an open object when it has none), never read-only', () => {
    const schema = { type: 'object', properties: { query: { type: 'string' } }, required: ['query'] };
    assert.deepStrictEqual(
      [
        vscodeToolDescriptor({ name: 'vscode_searchExtensions', description: 'Searches the Marketplace.', inputSchema: schema }),
        vscodeToolDescriptor({ name: 'terminal_last_command', description: 'The last command.', inputSchema: undefined }),
      ],
      [
        { name: 'vscode_searchExtensions', description: 'Searches the Marketplace.', inputSchema: schema, readOnly: false },
        { name: 'terminal_last_command', description: 'The last command.', inputSchema: { type: 'object' }, readOnly: false },
      ],
    );
  });

  it('maps text, prompt-tsx (as JSON), images (base64), JSON and text data (decoded) and other data (a note)', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 255]);
    assert.deepStrictEqual(
      vscodeToolOutput([
        { kind: 'text', text: 'Found 2 extensions.' },
        { kind: 'promptTsx', value: { node: { type: 1, ctor: 2, children: [{ type: 2, text: 'hi' }] } } },
        { kind: 'data', mimeType: 'image/PNG', data: png },
        { kind: 'data', mimeType: 'application/json', data: bytes('{"ok":true}') },
        { kind: 'data', mimeType: 'text/x-json', data: bytes('[1,2]') },
        { kind: 'data', mimeType: 'text/plain; charset=utf-8', data: bytes('plain ✓') },
        { kind: 'data', mimeType: 'application/vnd.api+json', data: bytes('{"data":[]}') },
        { kind: 'data', mimeType: 'application/pdf', data: new Uint8Array(1234) },
      ]),
      {
        isError: false,
        content: [
          { type: 'text', text: 'Found 2 extensions.' },
          { type: 'text', text: '{"node":{"type":1,"ctor":2,"children":[{"type":2,"text":"hi"}]}}' },
          { type: 'image', mimeType: 'image/png', data: Buffer.from(png).toString('base64') },
          { type: 'text', text: '{"ok":true}' },
          { type: 'text', text: '[1,2]' },
          { type: 'text', text: 'plain ✓' },
          { type: 'text', text: '{"data":[]}' },
          { type: 'text', text: '[1234 bytes of application/pdf data, not shown]' },
        ],
      },
    );
  });

  it("drops VS Code's markers (a data part whose type is no MIME type), flattens nested results and names parts it cannot show", () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    assert.deepStrictEqual(
      vscodeToolOutput([
        { kind: 'data', mimeType: 'cache_control', data: bytes('ephemeral') },
        { kind: 'toolResult', callId: 'c1', content: [{ kind: 'text', text: 'inner' }] },
        { kind: 'other', description: 'thinking part' },
        { kind: 'promptTsx', value: cyclic },
        { kind: 'promptTsx', value: undefined },
      ]),
      {
        isError: false,
        content: [
          { type: 'text', text: 'inner' },
          { type: 'text', text: '[a thinking part, not shown]' },
          { type: 'text', text: '[a prompt-tsx part that cannot be written as JSON]' },
          { type: 'text', text: '[a prompt-tsx part with no value]' },
        ],
      },
    );
  });
});
