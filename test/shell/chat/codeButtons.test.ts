/**
 * The chat's code and link buttons on the host, through the real router and the real controller:
 * a fence language named like Object's members (`constructor`, `__proto__`) opens a plain-text
 * document; a mail link opens as its address alone; a huge block goes into the editor or a new
 * file only after a modal question the user accepts. Each message is one the host cannot tell
 * from a forged one, so each is bounded here, not in the webview.
 */

import assert from 'node:assert/strict';
import { languageIdForFence } from '../../../src/shell/chat/codeLanguage';
import { largeCodeLength } from '../../../src/shell/chat/codeActions';
import type { FromWebview } from '../../../src/protocol/messages';
import { useChatRigs } from '../../helpers/chatHarness';
import { RecordingEditor, routerWithEditor } from './editorFakes';

/** Names Object.prototype answers to; a fence may carry any of them. */
const objectMembers = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf', '__defineGetter__'];

describe('chat code and link buttons on the host', () => {
  const rigs = useChatRigs();

  async function setup(): Promise<{ receive: (message: FromWebview) => Promise<void>; editor: RecordingEditor; errors: () => string[] }> {
    const rig = await rigs.rig();
    await rig.open();
    const editor = new RecordingEditor();
    const router = routerWithEditor(rig.controller, editor, rig.log);
    return { receive: (message) => router.receive(message), editor, errors: () => rig.log.lines.filter((line) => line.startsWith('error:')) };
  }

  it('New file with a fence language named like an Object member opens plain text; the name stays a name', async () => {
    // The table of fence aliases must answer with strings only: Object's members are not aliases.
    assert.deepStrictEqual(objectMembers.map((name) => languageIdForFence(name)), objectMembers.map((name) => name.toLowerCase()));
    const { receive, editor, errors } = await setup();
    for (const languageId of objectMembers) {
      await receive({ type: 'code/newFile', code: `// ${languageId}`, languageId });
    }
    await receive({ type: 'code/newFile', code: 'let a = 1;', languageId: 'ts' });
    assert.deepStrictEqual(editor.of('openUntitled'), [...objectMembers.map((name) => [`// ${name}`, 'plaintext']), ['let a = 1;', 'typescript']]);
    assert.deepStrictEqual(errors(), []);
    assert.equal(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted'), false);
  });

  it('a mail link opens with its one address only: no attach, body, cc, bcc or subject', async () => {
    const { receive, editor } = await setup();
    const hrefs = [
      'mailto:someone@example.com',
      'mailto:someone@example.com?attach=/home/me/.ssh/id_rsa',
      'mailto:someone@example.com?body=hello&cc=other@example.com&bcc=third@example.com&subject=hi',
      'MAILTO:someone@example.com#fragment',
      'mailto:someone@example.com%3Fattach=%2Fetc%2Fpasswd',
      'mailto:a@example.com,b@example.com',
      'mailto:?to=someone@example.com&body=x',
      'https://example.com/?q=1',
    ];
    for (const href of hrefs) {
      await receive({ type: 'link/open', href });
    }
    assert.deepStrictEqual(editor.of('openExternal'), [
      ['mailto:someone@example.com'],
      ['mailto:someone@example.com'],
      ['mailto:someone@example.com'],
      ['mailto:someone@example.com'],
      ['https://example.com/?q=1'],
    ]);
  });

  it(`a block over ${largeCodeLength} characters is inserted or opened only after the user confirms in a modal question`, async () => {
    const { receive, editor } = await setup();
    const small = 'x'.repeat(largeCodeLength);
    const large = 'y'.repeat(largeCodeLength + 1);
    await receive({ type: 'code/insert', code: small });
    await receive({ type: 'code/insert', code: large });
    await receive({ type: 'code/newFile', code: large, languageId: 'ts' });
    assert.deepStrictEqual(
      // Long code as its length, so a failure prints readably.
      editor.calls.map((call) => call.map((value): string | number => (value.length > 200 ? value.length : value))),
      [
        ['insert', largeCodeLength],
        ['confirm', `Insert ${largeCodeLength + 1} characters of code into the editor? A block this large is unusual in an answer.`, 'Insert'],
        ['confirm', `Open ${largeCodeLength + 1} characters of code in a new file? A block this large is unusual in an answer.`, 'Open'],
      ],
      'declined: nothing inserted, nothing opened',
    );
    editor.calls.length = 0;
    editor.confirms = true;
    await receive({ type: 'code/insert', code: large });
    await receive({ type: 'code/newFile', code: large, languageId: 'ts' });
    assert.deepStrictEqual(
      editor.calls.map((call) => call[0]),
      ['confirm', 'insert', 'confirm', 'openUntitled'],
      'accepted: inserted and opened',
    );
  });

  it('Insert without an editor says so and asks nothing; Copy copies and says so in the chat', async () => {
    const rig = await rigs.rig();
    await rig.open();
    const editor = new RecordingEditor();
    editor.editorOpen = false;
    const router = routerWithEditor(rig.controller, editor, rig.log);
    await router.receive({ type: 'code/insert', code: 'z'.repeat(largeCodeLength + 1) });
    await router.receive({ type: 'code/copy', code: 'const a = 1;' });
    assert.deepStrictEqual(editor.calls, [
      ['warn', 'Open an editor to insert the code into.'],
      ['writeClipboard', 'const a = 1;'],
    ]);
    assert.deepStrictEqual(rig.sink.of('notice'), [{ type: 'notice', message: 'Copied' }]);
  });
});
