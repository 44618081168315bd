/**
 * Attachment chips in headless Chromium: each chip says its kind (icon, and in words for screen
 * readers), its name and its size in tokens as the host counted it; an image counts
 * `tokensPerImage`; the new kinds (folder, problems, changes, terminal) have their own icons.
 */

import { deepStrictEqual } from 'node:assert';
import type { Attachment } from '../../src/protocol/messages';
import { snapshot, userMessage } from './fixtures';
import { useChatPage } from './useChatPage';

const pixel = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';

const draft: Attachment[] = [
  { kind: 'selection', name: 'src/app.ts', lines: '3-4', text: 'let a = 1;', tokens: 1 },
  { kind: 'file', name: 'README.md', text: '# Hi', tokens: 1_234 },
  { kind: 'image', name: 'screen.png', dataUrl: pixel },
  { kind: 'folder', name: 'src/core', text: 'tree', tokens: 48_000 },
  { kind: 'problems', name: 'Problems', text: 'a.ts:1 error', tokens: 320 },
  { kind: 'changes', name: 'Changes', text: 'diff', tokens: 2_050_000 },
  { kind: 'terminal', name: 'bash', text: '$ npm test' },
];

describe('chat webview: attachment chips', function () {
  const { chat } = useChatPage();

  async function chips(selector: string): Promise<{ icon: string; text: string; title: string }[]> {
    return chat().page.locator(selector).locator('.attachment-chip').evaluateAll((elements) =>
      elements.map((chip) => ({
        icon: Array.from(chip.querySelector(':scope > .codicon')?.classList ?? ['thumbnail']).join(' '),
        text: (chip.textContent ?? '').replace(/\s+/g, ' ').trim(),
        title: chip.getAttribute('title') ?? '',
      })),
    );
  }

  const expected = [
    { icon: 'codicon codicon-selection', text: 'Selection: src/app.ts:3-4, 1 token', title: 'Selection: src/app.ts:3-4 · 1 token' },
    { icon: 'codicon codicon-file-code', text: 'File: README.md, 1.2k tokens', title: 'File: README.md · 1.2k tokens' },
    { icon: 'thumbnail', text: 'Image: screen.png, 765 tokens', title: 'Image: screen.png · 765 tokens' },
    { icon: 'codicon codicon-folder', text: 'Folder: src/core, 48k tokens', title: 'Folder: src/core · 48k tokens' },
    { icon: 'codicon codicon-warning', text: 'Problems: Problems, 320 tokens', title: 'Problems: Problems · 320 tokens' },
    { icon: 'codicon codicon-git-compare', text: 'Changes: Changes, 2.1M tokens', title: 'Changes: Changes · 2.1M tokens' },
    { icon: 'codicon codicon-terminal', text: 'Terminal output: bash', title: 'Terminal output: bash' },
  ];

  it('in the draft: kind, name and tokens on every chip; an image counts 765 tokens; an unknown size is left out', async () => {
    await chat().snapshot(snapshot({ draft: { attachments: draft } }));
    deepStrictEqual(await chips('.draft-attachments'), expected);
    deepStrictEqual(await chat().page.locator('.draft-attachments .attachment-name').allTextContents(), ['src/app.ts:3-4', 'README.md', 'screen.png', 'src/core', 'Problems', 'Changes', 'bash']);
    await chat().page.getByRole('button', { name: 'Remove src/core' }).click();
    deepStrictEqual(await chat().taken(1), [{ type: 'draft/update', draft: { attachments: draft.filter((attachment) => attachment.name !== 'src/core') } }]);
  });

  it('on a sent message, the same chips without remove buttons', async () => {
    await chat().snapshot(snapshot({ messages: [userMessage('u1', 'Look', { attachments: draft })] }));
    deepStrictEqual(await chips('[data-role="user"]'), expected);
    deepStrictEqual(await chat().page.locator('[data-role="user"] .attachment-chip button').count(), 0);
  });
});
