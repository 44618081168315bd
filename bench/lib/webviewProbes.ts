/**
 * What the webview benchmark measures inside the page, installed before the webview's script
 * runs: long tasks (the browser's own `longtask` entries: 50 ms or more), and how long each of
 * the webview's message handlers and animation-frame callbacks takes (the work a delta causes,
 * however short). The page's code is untouched: the probes wrap the browser functions it calls.
 */

export interface PageFigures {
  longTasks: number[];
  /** Long animation frames (50 ms or more) as text: what ran in them, and how long style and layout took. */
  longFrames: string[];
  handlerMs: number[];
  frameMs: number[];
  /** The longest message handler's message type. */
  slowestHandler: string;
}

/** Runs in the page (as an init script). */
export function installProbes(): void {
  const record = window as unknown as { __bench: PageFigures };
  record.__bench = { longTasks: [], longFrames: [], handlerMs: [], frameMs: [], slowestHandler: '' };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      record.__bench.longTasks.push(entry.duration);
    }
  }).observe({ type: 'longtask', buffered: true });
  if (PerformanceObserver.supportedEntryTypes.includes('long-animation-frame')) {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        const frame = entry as PerformanceEntry & { blockingDuration: number; styleAndLayoutStart: number; scripts: { invoker: string; duration: number }[] };
        if (frame.blockingDuration === 0) {
          // A frame that waited but held no long task (nothing blocked input): not what the target is about.
          continue;
        }
        const end = frame.startTime + frame.duration;
        const scripts = frame.scripts.map((script) => `${script.invoker.replace(/^https?:\/\/[^/]+/, '')} ${Math.round(script.duration)} ms`).join(', ');
        const layout = frame.styleAndLayoutStart > 0 ? Math.round(end - frame.styleAndLayoutStart) : 0;
        record.__bench.longFrames.push(`${Math.round(frame.duration)} ms: ${scripts === '' ? 'no script' : scripts}; style and layout ${layout} ms`);
      }
    }).observe({ type: 'long-animation-frame', buffered: true });
  }

  const requestFrame = window.requestAnimationFrame.bind(window);
  window.requestAnimationFrame = (callback) =>
    requestFrame((time) => {
      const start = performance.now();
      callback(time);
      record.__bench.frameMs.push(performance.now() - start);
    });

  const addListener = window.addEventListener.bind(window);
  window.addEventListener = ((type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions) => {
    if (type !== 'message' || typeof listener !== 'function') {
      addListener(type, listener, options);
      return;
    }
    addListener(
      type,
      (event: Event) => {
        const start = performance.now();
        listener(event);
        const duration = performance.now() - start;
        if (duration > Math.max(0, ...record.__bench.handlerMs)) {
          const data: unknown = (event as MessageEvent<unknown>).data;
          record.__bench.slowestHandler = typeof data === 'object' && data !== null && 'type' in data ? String(data.type) : 'other';
        }
        record.__bench.handlerMs.push(duration);
      },
      options,
    );
  }) as typeof window.addEventListener;
}

/** Runs in the page: the figures so far, and a fresh start. */
export function takeFigures(): PageFigures {
  const record = window as unknown as { __bench: PageFigures };
  const figures = record.__bench;
  record.__bench = { longTasks: [], longFrames: [], handlerMs: [], frameMs: [], slowestHandler: '' };
  return figures;
}
