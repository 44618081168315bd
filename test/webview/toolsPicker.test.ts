/**
 * The tools picker in headless Chromium: the "Tools" button beside Add Context (with how many
 * tools are on) opens a dialog that asks the host to start its servers (`tools/refresh`), lists
 * every source and tool with where it stands, posts `tools/toggle` and `tools/revoke`, says when
 * tools are off or the model takes none, and closes on Escape with focus back on the button.
 */

import { deepStrictEqual, strictEqual } from 'node:assert';
import { snapshot } from './fixtures';
import { toolsView } from './toolFixtures';
import { useChatPage } from './useChatPage';

describe('chat webview: the tools picker', function () {
  const { chat } = useChatPage();

  const button = () => chat().page.getByRole('button', { name: /^Tools(: \d+ on)?$/ });
  const dialog = () => chat().page.getByRole('dialog', { name: 'Tools' });
  const source = (label: string) => dialog().getByRole('region', { name: label });

  async function openPicker(): Promise<void> {
    await button().click();
    await dialog().waitFor();
  }

  it('sits beside Add Context with the count of tools on; opening posts tools/refresh and lists sources and tools', async () => {
    await chat().snapshot(snapshot({ tools: toolsView() }));
    const page = chat().page;
    deepStrictEqual(await page.locator('.composer-actions > vscode-button').evaluateAll((buttons) => buttons.slice(0, 2).map((each) => each.getAttribute('aria-label'))), ['Add Context', 'Tools: 2 on'], 'the name says the count the button shows');
    strictEqual(await button().textContent(), '2');
    strictEqual(await button().getAttribute('title'), 'Tools: 2 on');
    strictEqual(await button().getAttribute('aria-expanded'), 'false');
    await openPicker();
    deepStrictEqual(await chat().taken(1), [{ type: 'tools/refresh' }]);
    strictEqual(await button().getAttribute('aria-expanded'), 'true');
    strictEqual(await dialog().getByRole('checkbox', { name: 'Workspace' }).evaluate((box) => box === document.activeElement), true, 'focus goes into the picker');
    // Workspace: one tool on, one off (neither all nor none); read-only marks, since they run without asking.
    strictEqual(await dialog().getByRole('checkbox', { name: 'Workspace' }).evaluate((box) => (box as HTMLInputElement).indeterminate), true);
    strictEqual(await source('Workspace').getByRole('checkbox', { name: 'read_file' }).isChecked(), true);
    strictEqual(await source('Workspace').getByRole('checkbox', { name: 'search' }).isChecked(), false);
    strictEqual(await source('Workspace').getByText('read-only').count(), 2);
    strictEqual(await source('Workspace').getByText('Reads a file of the workspace.').isVisible(), true);
    const shortened = await source('Workspace').locator('[data-tool="search"] .tool-description').textContent();
    strictEqual(shortened?.length, 120);
    strictEqual(shortened?.endsWith('…'), true);
    // The failed server says why; the one not started says when it will.
    strictEqual(await source('files').getByText('Failed: spawn npx ENOENT').isVisible(), true);
    strictEqual(await source('files').getByText('MCP server').isVisible(), true);
    strictEqual(await source('files').getByText('read-only').count(), 0, 'a tool that writes asks first');
    strictEqual(await source('github').getByText('Not started — starts on first use').isVisible(), true);
    await chat().deliver({ type: 'tools/list', tools: toolsView({ sources: [{ ...toolsView().sources[2]!, state: 'starting' }] }) });
    await chat().settle();
    strictEqual(await source('github').getByText('Starting…').isVisible(), true);
    strictEqual(await source('Workspace').count(), 0, 'tools/list replaces the list');
  });

  it('check boxes post tools/toggle for a source or one tool; Revoke posts tools/revoke; focus stays on the control across the redraw', async () => {
    await chat().snapshot(snapshot({ tools: toolsView() }));
    await openPicker();
    await chat().taken(1);
    await source('Workspace').getByRole('checkbox', { name: 'search' }).check();
    deepStrictEqual(await chat().taken(1), [{ type: 'tools/toggle', sourceId: 'builtin', tool: 'search', enabled: true }]);
    await source('files').getByRole('checkbox', { name: 'files' }).uncheck();
    deepStrictEqual(await chat().taken(1), [{ type: 'tools/toggle', sourceId: 'mcp:files', enabled: false }]);
    const always = source('Workspace').locator('[data-tool="search"]');
    strictEqual(await always.getByText('Always allowed').isVisible(), true);
    await always.getByRole('button', { name: 'Revoke' }).click();
    deepStrictEqual(await chat().taken(1), [{ type: 'tools/revoke', sourceId: 'builtin', tool: 'search' }]);
    strictEqual(await source('Workspace').locator('[data-tool="read_file"]').getByRole('button', { name: 'Revoke' }).count(), 0);
    // The host's answer redraws the list: focus is back on the same check box.
    await source('Workspace').getByRole('checkbox', { name: 'read_file' }).focus();
    const view = toolsView();
    await chat().deliver({ type: 'tools/list', tools: { ...view, sources: view.sources.map((each) => ({ ...each, tools: each.tools.map((tool) => ({ ...tool, enabled: false })) })) } });
    await chat().settle();
    strictEqual(await source('Workspace').getByRole('checkbox', { name: 'read_file' }).isChecked(), false);
    strictEqual(await source('Workspace').getByRole('checkbox', { name: 'read_file' }).evaluate((box) => box === document.activeElement), true);
    strictEqual(await button().textContent(), '', 'no tool on: no count');
  });

  it('Escape closes it and gives focus back to the button, without stopping a running answer', async () => {
    await chat().snapshot(snapshot({ tools: toolsView(), streaming: { requestId: 'r1', messageId: 'a1' } }));
    await openPicker();
    await chat().taken(1);
    await chat().page.keyboard.press('Escape');
    strictEqual(await dialog().isVisible(), false);
    strictEqual(await button().evaluate((element) => element === document.activeElement), true);
    strictEqual(await button().getAttribute('aria-expanded'), 'false');
    deepStrictEqual(await chat().taken(0), [], 'no chat/cancel');
  });

  it('says when tools are off, when the model takes none, and when there are no tools', async () => {
    await chat().snapshot(snapshot({ tools: toolsView({ enabled: false }) }));
    await openPicker();
    strictEqual(await dialog().getByText('Tools are off (switchboard.tools.enabled).').isVisible(), true);
    strictEqual(await button().textContent(), '');
    await chat().deliver({ type: 'tools/list', tools: toolsView({ modelSupportsTools: false }) });
    await chat().settle();
    strictEqual(await dialog().getByText('This model takes no tools: none are sent.').isVisible(), true);
    await chat().deliver({ type: 'tools/list', tools: toolsView({ sources: [] }) });
    await chat().settle();
    strictEqual(await dialog().getByText('No tools to offer.').isVisible(), true);
  });
});
