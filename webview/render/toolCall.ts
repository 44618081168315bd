/**
 * One tool call of an answer: the tool's name and where it comes from, where the call stands in
 * words ("Waiting for approval", "Running…", "Done in 1.2 s"), its arguments and, once it came,
 * its result, both behind disclosures. A call that asks first shows Allow / Always Allow / Deny
 * while its answer is the one running. Everything the model or a tool wrote goes in as text; a
 * result's images only as the `data:` URLs the protocol allows. `update` keeps the element (and
 * what the reader opened) and redraws only the parts whose input changed.
 */

import { imageDataUrlPattern, type ToolCallView } from '../../src/protocol/messages';
import { toolDecisions, toolResultLimits, type ToolCallState, type ToolDecision, type ToolResultView, type ToolSourceKind } from '../../src/protocol/toolViews';
import { t, type StringKey } from '../l10n';
import { codicon, h, show, textButton } from './dom';
import { formatDuration } from './usage';

/** `data-action` of the approval buttons; each carries its decision in `data-decision`. */
export const approveToolAction = 'tool-approve';

const sourceIcons: Record<ToolSourceKind, string> = { builtin: 'root-folder', mcp: 'server-process', vscode: 'vscode' };

const stateIcons: Record<ToolCallState, string> = {
  pending: 'clock',
  awaitingApproval: 'shield',
  running: 'loading codicon-modifier-spin',
  done: 'pass',
  failed: 'error',
  denied: 'circle-slash',
  cancelled: 'close',
};

const approvalButtons: ReadonlyArray<{ decision: ToolDecision; label: StringKey }> = [
  { decision: 'allow', label: 'toolAllow' },
  { decision: 'alwaysAllow', label: 'toolAlwaysAllow' },
  { decision: 'deny', label: 'toolDeny' },
];

/** The decision an approval button stands for, when it is one. */
export function decisionOf(button: Element): ToolDecision | undefined {
  const value = button.getAttribute('data-decision');
  return toolDecisions.find((decision) => decision === value);
}

/**
 * The user answered: the call's buttons stay disabled until the host says where the call stands,
 * and focus moves to the call itself (a disabled button drops it, and the buttons go soon after).
 */
export function markApprovalSent(button: Element): void {
  for (const each of Array.from(button.closest('.tool-approval')?.querySelectorAll('[data-decision]') ?? [])) {
    setDisabled(each, true);
  }
  button.closest<HTMLElement>('[data-call-id]')?.focus();
}

function setDisabled(button: Element, disabled: boolean): void {
  button.toggleAttribute('disabled', disabled);
  button.setAttribute('aria-disabled', String(disabled));
}

export class ToolCallElement {
  readonly element: HTMLElement;
  private call: ToolCallView | undefined;
  private readonly name: HTMLElement;
  private readonly source: HTMLElement;
  private readonly state: HTMLElement;
  private readonly argumentsBlock: HTMLDetailsElement;
  private readonly argumentsText: HTMLElement;
  private readonly approval: HTMLElement;
  private result: HTMLDetailsElement | undefined;
  private approvable = false;

  constructor(call: ToolCallView, approvable: boolean) {
    this.name = h('span', { class: 'tool-call-name' });
    this.source = h('span', { class: 'tool-call-source' });
    this.state = h('span', { class: 'tool-call-state' });
    this.argumentsText = h('code', {});
    // Long arguments and results scroll sideways, as code blocks do: focusable and named, so the keyboard can reach and scroll them.
    this.argumentsBlock = h(
      'details',
      { class: 'tool-call-block' },
      h('summary', {}, t('toolArguments')),
      h('pre', { class: 'tool-call-arguments', tabindex: '0', role: 'region', 'aria-label': t('toolArguments') }, this.argumentsText),
    );
    this.approval = h(
      'div',
      { class: 'tool-approval action-row', role: 'group', hidden: true },
      ...approvalButtons.map(({ decision, label }, index) => textButton(t(label), approveToolAction, { secondary: index > 0, extra: { 'data-decision': decision } })),
    );
    this.element = h(
      'div',
      { class: 'tool-call', 'data-role': 'tool', 'data-call-id': call.id, role: 'group', tabindex: '-1' },
      h('div', { class: 'tool-call-heading' }, this.name, this.source, this.state),
      this.argumentsBlock,
      this.approval,
    );
    this.approvable = approvable;
    this.update(call);
  }

  /** Draws what changed since the last view of this call. */
  update(next: ToolCallView): void {
    const previous = this.call;
    if (previous === next) {
      return;
    }
    this.call = next;
    const state = next.state ?? 'pending';
    this.element.setAttribute('data-state', state);
    const name = next.toolName ?? next.name;
    if (previous?.name !== next.name || previous.toolName !== next.toolName) {
      this.name.textContent = name;
      this.element.setAttribute('aria-label', t('toolCall', { name }));
      this.approval.setAttribute('aria-label', t('toolApproval', { name }));
    }
    if (previous?.source !== next.source) {
      this.showSource(next);
    }
    if (previous?.state !== next.state || previous?.result?.durationMs !== next.result?.durationMs) {
      this.state.replaceChildren(codicon(stateIcons[state]), h('span', {}, stateText(state, next.result)));
    }
    if (previous?.arguments !== next.arguments) {
      this.argumentsText.textContent = prettyArguments(next.arguments);
    }
    if (previous?.result !== next.result) {
      this.showResult(next.result, name);
    }
    // Any word from the host on the call ends the wait after a click.
    for (const button of Array.from(this.approval.children)) {
      setDisabled(button, false);
    }
    this.showApproval();
  }

  /** Whether the call's answer is the one running now (only then can its buttons be answered). */
  setApprovable(approvable: boolean): void {
    if (approvable !== this.approvable) {
      this.approvable = approvable;
      this.showApproval();
    }
  }

  private showApproval(): void {
    const asking = this.approvable && this.call?.state === 'awaitingApproval';
    if (asking === !this.approval.hidden) {
      return;
    }
    const hadFocus = this.approval.contains(document.activeElement);
    show(this.approval, asking);
    if (asking) {
      // What the user is asked to allow, in view.
      this.argumentsBlock.open = true;
    } else if (hadFocus) {
      // The buttons went with the answer: the reader stays on the call, not at the page's top.
      this.element.focus();
    }
  }

  private showSource(call: ToolCallView): void {
    const source = call.source;
    if (source === undefined) {
      this.source.replaceChildren();
      return;
    }
    this.source.replaceChildren(
      codicon(sourceIcons[source.kind]),
      h('span', { class: 'visually-hidden' }, t('toolFrom', { source: source.label })),
      h('span', { class: 'tool-call-source-label', 'aria-hidden': 'true' }, source.label),
    );
    this.source.title = `${t(`toolSourceKind_${source.kind}`)}: ${source.label}`;
  }

  private showResult(result: ToolResultView | undefined, name: string): void {
    if (result === undefined) {
      this.result?.remove();
      this.result = undefined;
      return;
    }
    const open = this.result?.open ?? false;
    const text = h('pre', { class: 'tool-result-text', tabindex: '0', role: 'region', 'aria-label': result.isError ? t('toolResultError') : t('toolResult') });
    // Whatever the tool said is text: never parsed as markup.
    text.textContent = result.text;
    const details = h(
      'details',
      { class: 'tool-call-block tool-result', 'data-error': result.isError },
      h('summary', {}, result.isError && codicon('error'), h('span', {}, result.isError ? t('toolResultError') : t('toolResult'))),
      text,
      ...resultImages(result.images ?? [], name),
    );
    details.open = open;
    if (this.result === undefined) {
      this.approval.before(details);
    } else {
      this.result.replaceWith(details);
    }
    this.result = details;
  }
}

/** The result's images the protocol allows (a base64 `data:` URL of a kind the webview shows); others are left out. */
function resultImages(images: readonly string[], name: string): HTMLImageElement[] {
  return images
    .filter((url) => url.length <= toolResultLimits.imageDataUrlLength && imageDataUrlPattern.test(url))
    .slice(0, toolResultLimits.images)
    .map((url, index) => {
      const image = h('img', { class: 'tool-result-image', alt: t('toolImage', { n: index + 1, name }) });
      image.src = url;
      return image;
    });
}

function stateText(state: ToolCallState, result: ToolResultView | undefined): string {
  if (state === 'done' && result?.durationMs !== undefined) {
    return t('toolState_doneIn', { duration: formatDuration(result.durationMs) });
  }
  return t(`toolState_${state}`);
}

/** Arguments as indented JSON when they parse (they may be half-streamed); otherwise as written. */
function prettyArguments(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}
