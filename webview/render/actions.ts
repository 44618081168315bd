/**
 * The buttons of an error or a banner ("Set API Key", "Retry", …). Each carries its action in
 * `data-run`; the view posts `action/run` with it (the host turns `retry` into a regenerate).
 */

import { errorActions, type BannerView, type ChatErrorView, type ErrorAction } from '../../src/protocol/messages';
import { t, type StringKey } from '../l10n';
import { codicon, h, textButton } from './dom';

export const runAction = 'run';

/** The action a clicked element asks for, when it is one of ours and a known action. */
export function actionOf(element: Element): ErrorAction | undefined {
  const value = element.getAttribute('data-run');
  return errorActions.find((action) => action === value);
}

function actionButtons(actions: readonly ErrorAction[]): HTMLElement {
  const row = h('div', { class: 'action-row' });
  actions.forEach((action, index) => {
    const key: StringKey = `action_${action}`;
    row.append(textButton(t(key), runAction, { secondary: index > 0, extra: { 'data-run': action } }));
  });
  return row;
}

/** An answer's error: what happened, and the buttons that help. */
export function errorView(error: ChatErrorView): HTMLElement {
  return h(
    'div',
    { class: 'message-error', role: 'alert' },
    h('p', { class: 'error-text' }, codicon('error'), h('span', {}, error.message)),
    error.actions.length > 0 && actionButtons(error.actions),
  );
}

const bannerIcons: Record<BannerView['kind'], string> = { offline: 'plug', info: 'info', warning: 'warning' };

/** The notice above the chat (e.g. the offline mock model), or nothing. */
export function bannerView(banner: BannerView | undefined): HTMLElement | undefined {
  if (banner === undefined) {
    return undefined;
  }
  return h(
    'div',
    { class: `banner banner-${banner.kind}`, role: 'status' },
    h('p', { class: 'banner-text' }, codicon(bannerIcons[banner.kind]), h('span', {}, banner.message)),
    banner.actions.length > 0 && actionButtons(banner.actions),
  );
}
