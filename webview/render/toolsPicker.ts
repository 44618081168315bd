/**
 * The tools picker: a "Tools" button in the composer (with how many tools are on) opening a small
 * non-modal dialog, as Model Settings does. Opening it asks the host to start the MCP servers not
 * yet started (`tools/refresh`), so their tools can be listed. It lists every source (its kind,
 * and where it stands: not started, starting, failed and why) with a check box for all its tools,
 * and each tool with a check box, its description, "read-only" for the built-ins that run without
 * asking, and "Always allowed" with Revoke. Escape closes it and focus goes back to the button.
 */

import type { ToolSourceView, ToolsView, ToolView } from '../../src/protocol/toolViews';
import type { ChatCommands } from '../commands';
import { t } from '../l10n';
import { enabledToolCount } from '../toolState';
import { codicon, h, show } from './dom';

const panelId = 'tools-picker';
const enabledSetting = 'switchboard.tools.enabled';

/** Characters of a tool's description shown (the whole one is its title). */
const descriptionLength = 120;

const sourceIcons: Record<ToolSourceView['kind'], string> = { builtin: 'root-folder', mcp: 'server-process', vscode: 'vscode' };

export class ToolsPicker {
  readonly button: HTMLElement;
  readonly element: HTMLElement;
  private readonly count: HTMLElement;
  private readonly notes: HTMLElement;
  private readonly list: HTMLElement;
  private view: ToolsView | undefined;

  constructor(private readonly commands: ChatCommands) {
    this.count = h('span', { class: 'tools-count', 'aria-hidden': 'true' });
    this.button = h(
      'vscode-button',
      { icon: 'tools', secondary: true, class: 'tools-button', 'aria-label': t('tools'), title: t('tools'), 'aria-haspopup': 'dialog', 'aria-expanded': 'false', 'aria-controls': panelId },
      this.count,
    );
    this.notes = h('div', { class: 'tools-notes' });
    this.list = h('div', { class: 'tool-sources' });
    this.element = h('div', { class: 'tools-picker', id: panelId, role: 'dialog', 'aria-label': t('tools'), tabindex: '-1', hidden: true }, this.notes, this.list);
    this.button.addEventListener('click', () => this.setOpen(this.element.hidden));
    this.element.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') {
        // Closes the picker only: it must not also stop a running answer.
        event.preventDefault();
        event.stopPropagation();
        this.setOpen(false);
        this.button.focus();
      }
    });
    this.element.addEventListener('change', (event) => this.onToggle(event));
    this.element.addEventListener('click', (event) => {
      const button = event.target instanceof Element ? event.target.closest('[data-action="revoke-tool"]') : null;
      const row = button?.closest('[data-tool]');
      const sourceId = row?.closest('[data-source-id]')?.getAttribute('data-source-id');
      const tool = row?.getAttribute('data-tool');
      if (typeof sourceId === 'string' && typeof tool === 'string') {
        this.commands.post({ type: 'tools/revoke', sourceId, tool });
      }
    });
  }

  render(view: ToolsView): void {
    if (view === this.view) {
      return;
    }
    this.view = view;
    const count = enabledToolCount(view);
    this.count.textContent = count > 0 ? String(count) : '';
    show(this.count, count > 0);
    // The name says the count the button shows, so a user who says what they see reaches it.
    const label = count > 0 ? t('toolsOnCount', { count }) : t('tools');
    this.button.title = label;
    this.button.setAttribute('aria-label', label);
    const notes: string[] = [];
    if (!view.enabled) {
      notes.push(t('toolsOff', { setting: enabledSetting }));
    } else if (!view.modelSupportsTools) {
      notes.push(t('toolsModelTakesNone'));
    }
    if (view.sources.length === 0) {
      notes.push(t('toolsNone'));
    }
    this.notes.replaceChildren(...notes.map((note) => h('p', { class: 'tools-note' }, codicon('info'), h('span', {}, note))));
    // A toggle redraws the list: focus goes back to the same control of the same row.
    const focused = focusKey(document.activeElement);
    this.list.replaceChildren(...view.sources.map((source) => sourceView(source, view.autoApproveReadOnly)));
    if (focused !== undefined) {
      this.find(focused)?.focus();
    }
  }

  private setOpen(open: boolean): void {
    show(this.element, open);
    this.button.setAttribute('aria-expanded', String(open));
    if (open) {
      this.commands.post({ type: 'tools/refresh' });
      (this.element.querySelector<HTMLElement>('input') ?? this.element).focus();
    }
  }

  private onToggle(event: Event): void {
    const box = event.target instanceof HTMLInputElement ? event.target : undefined;
    const sourceId = box?.closest('[data-source-id]')?.getAttribute('data-source-id');
    if (box === undefined || typeof sourceId !== 'string') {
      return;
    }
    const tool = box.closest('[data-tool]')?.getAttribute('data-tool');
    this.commands.post(typeof tool === 'string' ? { type: 'tools/toggle', sourceId, tool, enabled: box.checked } : { type: 'tools/toggle', sourceId, enabled: box.checked });
  }

  private find(key: FocusKey): HTMLElement | undefined {
    const source = Array.from(this.list.querySelectorAll<HTMLElement>('[data-source-id]')).find((element) => element.getAttribute('data-source-id') === key.sourceId);
    const row = key.tool === undefined ? source?.querySelector('.tool-source-heading') : Array.from(source?.querySelectorAll('[data-tool]') ?? []).find((element) => element.getAttribute('data-tool') === key.tool);
    return row?.querySelector<HTMLElement>(key.control) ?? undefined;
  }
}

/** Where focus was in the list, to find the same control after a redraw. */
interface FocusKey {
  sourceId: string;
  tool?: string;
  control: 'input' | 'button';
}

function focusKey(element: Element | null): FocusKey | undefined {
  const sourceId = element?.closest('[data-source-id]')?.getAttribute('data-source-id');
  if (element === null || typeof sourceId !== 'string') {
    return undefined;
  }
  return { sourceId, tool: element.closest('[data-tool]')?.getAttribute('data-tool') ?? undefined, control: element instanceof HTMLInputElement ? 'input' : 'button' };
}

function sourceView(source: ToolSourceView, autoApproveReadOnly: boolean): HTMLElement {
  const box = h('input', { type: 'checkbox', class: 'tool-source-enabled', 'aria-label': source.label });
  box.checked = source.enabled;
  // Some of its tools on and some off: neither all nor none.
  box.indeterminate = source.enabled && source.tools.some((tool) => !tool.enabled) && source.tools.some((tool) => tool.enabled);
  const state = sourceState(source);
  return h(
    'section',
    { class: 'tool-source', 'data-source-id': source.id, 'data-state': source.state, 'aria-label': source.label },
    h(
      'div',
      { class: 'tool-source-heading' },
      h('label', { class: 'tool-source-label' }, box, codicon(sourceIcons[source.kind]), h('span', {}, source.label)),
      h('span', { class: 'tool-source-kind' }, t(`toolSourceKind_${source.kind}`)),
    ),
    state !== undefined && h('p', { class: 'tool-source-state', 'data-state': source.state }, state),
    source.tools.length > 0 && h('ul', { class: 'tool-list' }, ...source.tools.map((tool) => toolRow(tool, autoApproveReadOnly))),
  );
}

/** Where a source stands, in words; nothing for one that is ready. */
function sourceState(source: ToolSourceView): string | undefined {
  switch (source.state) {
    case 'notStarted':
      return t('toolSourceState_notStarted');
    case 'starting':
      return t('toolSourceState_starting');
    case 'failed':
      return source.problem === undefined || source.problem === '' ? t('toolSourceFailedNoProblem') : t('toolSourceFailed', { problem: source.problem });
    default:
      return undefined;
  }
}

function toolRow(tool: ToolView, autoApproveReadOnly: boolean): HTMLElement {
  const box = h('input', { type: 'checkbox', class: 'tool-enabled', 'aria-label': tool.name });
  box.checked = tool.enabled;
  const description = tool.description.length > descriptionLength ? `${tool.description.slice(0, descriptionLength - 1).trimEnd()}…` : tool.description;
  return h(
    'li',
    { class: 'tool-row', 'data-tool': tool.name, 'data-enabled': String(tool.enabled) },
    h('label', { class: 'tool-label' }, box, h('span', { class: 'tool-name' }, tool.name)),
    tool.readOnly && autoApproveReadOnly && h('span', { class: 'tool-mark', title: t('toolReadOnlyHint') }, t('toolReadOnly')),
    tool.alwaysAllowed && h('span', { class: 'tool-mark' }, codicon('pass'), h('span', {}, t('toolAlwaysAllowed'))),
    tool.alwaysAllowed && h('button', { type: 'button', class: 'tool-revoke', 'data-action': 'revoke-tool', title: t('toolRevokeHint', { name: tool.name }) }, t('toolRevoke')),
    description !== '' && h('p', { class: 'tool-description', title: tool.description }, description),
  );
}
