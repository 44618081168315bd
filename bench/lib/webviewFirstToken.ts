/**
 * Send → first token as the chat webview sees it, measured inside the page so the driver's own
 * polling never counts: the moment Enter goes down in the composer, the moment the answer's
 * first text is in the DOM (a MutationObserver), and the first animation frame that finds it
 * there (a requestAnimationFrame loop: the frame it is drawn in, to within that frame). All from
 * the page's `performance.now()`, one clock.
 */

import type { FrameLocator } from 'playwright-core';

/** One message's times, in ms after Enter went down. */
export interface FirstTokenTimes {
  /** The answer's first text inserted into the page. */
  inDomMs: number;
  /** The first frame drawn with it. */
  shownMs: number;
}

interface ProbeState {
  marker: string;
  enterAt?: number;
  inDomAt?: number;
  shownAt?: number;
}

type ProbeWindow = Window & { firstTokenProbe?: ProbeState };

/**
 * Arms the probe for the next message: the answer is recognised by `marker`, a text its first
 * chunk carries and no earlier message does. Arm it after typing and before pressing Enter.
 */
export async function armFirstTokenProbe(frame: FrameLocator, marker: string): Promise<void> {
  await frame.locator('body').evaluate((body, marker) => {
    const page = window as ProbeWindow;
    const state: ProbeState = { marker };
    page.firstTokenProbe = state;
    const answered = (): boolean => Array.from(body.querySelectorAll('[data-role="assistant"]')).some((element) => element.textContent?.includes(marker) === true);
    const observer = new MutationObserver(() => {
      if (state.enterAt !== undefined && answered()) {
        state.inDomAt = performance.now();
        observer.disconnect();
      }
    });
    // The clock read in the callback, not the frame's start time it is given: the chat may have
    // drawn the answer in an earlier callback of the same frame, after that start.
    const frameLoop = (): void => {
      if (state.enterAt !== undefined && answered()) {
        state.shownAt = performance.now();
        return;
      }
      requestAnimationFrame(frameLoop);
    };
    // Capture phase, on the document: the composer's own handlers (which send) run after this one.
    document.addEventListener(
      'keydown',
      (event) => {
        if (event.key === 'Enter' && !event.shiftKey && state.enterAt === undefined) {
          state.enterAt = performance.now();
          observer.observe(body, { childList: true, subtree: true, characterData: true });
          requestAnimationFrame(frameLoop);
        }
      },
      { capture: true, once: true },
    );
  }, marker);
}

/** Waits (polling the page's record, not the page) until the armed message's answer was drawn; its times. */
export async function readFirstTokenTimes(frame: FrameLocator, timeoutMs = 30_000): Promise<FirstTokenTimes> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const state = await frame.locator('body').evaluate(() => (window as ProbeWindow).firstTokenProbe);
    if (state?.enterAt !== undefined && state.inDomAt !== undefined && state.shownAt !== undefined) {
      return { inDomMs: state.inDomAt - state.enterAt, shownMs: state.shownAt - state.enterAt };
    }
    if (Date.now() > deadline) {
      throw new Error(`no answer with "${state?.marker ?? '?'}" was drawn within ${timeoutMs} ms (the probe saw ${JSON.stringify(state)})`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
