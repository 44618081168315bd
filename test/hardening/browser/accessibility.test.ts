/**
 * Accessibility, measured: axe-core (test/webview/axe.ts) audits the real chat page in headless
 * Chromium in every state the chat can be in (chatStates.ts) and in each of VS Code's default
 * themes (test/webview/themes/: Light+, Dark+, High Contrast, High Contrast Light), and no state
 * in any theme may have a violation of impact serious or critical, nor other than one h1. The
 * figure is violations found / state×theme pages checked.
 */

import { deepStrictEqual } from 'node:assert';
import { auditPage, describeViolations } from '../../webview/axe';
import { applyTheme, themes } from '../../webview/themes';
import { useChatPage } from '../../webview/useChatPage';
import { recordFigure } from '../figures';
import { chatStates } from './chatStates';

describe('hardening: accessibility of the chat webview, every state in every theme (axe-core)', function () {
  this.timeout(120_000);
  const { open } = useChatPage({ pagePerTest: false });
  const found: string[] = [];
  let checked = 0;
  after(() => {
    recordFigure({ area: 'a11y', part: 'chat webview', bad: found.length, tried: checked, failures: found });
  });

  for (const theme of themes) {
    for (const state of chatStates) {
      it(`${state.name}, ${theme.name} theme: no serious or critical violation`, async () => {
        const chat = await open({ beforeLoad: (page) => applyTheme(page, theme) });
        await state.reach(chat);
        const violations = describeViolations(await auditPage(chat.page));
        // axe asks for at least one h1 (page-has-heading-one, a moderate rule); the chat has exactly
        // one, its header's, whatever an answer's markdown holds.
        const headingsOne = await chat.page.locator('h1').count();
        if (headingsOne !== 1) {
          violations.push(`one h1: the page has ${headingsOne}`);
        }
        checked++;
        found.push(...violations.map((violation) => `${state.name}, ${theme.name}: ${violation}`));
        deepStrictEqual(violations, [], `${state.name} in the ${theme.name} theme`);
        await chat.close();
      });
    }
  }
});
