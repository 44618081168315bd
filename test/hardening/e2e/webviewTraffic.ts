/**
 * Everything a webview received and said, captured in the browser. VS Code's webview host page
 * (`…/webview/browser/pre/index.html`, the outer iframe) talks to the workbench over one
 * MessagePort: `content` brings the HTML and the state kept for the view, `message` every
 * postMessage from the extension; the other way, `onmessage` carries the view's postMessage and
 * `do-update-state` each `vscode.setState`. An init script in every frame of the context wraps
 * that port in the host page of one extension's webviews, so the capture starts before the view
 * does and survives a view re-created after an extension-host restart.
 */

import type { BrowserContext } from 'playwright-core';

export interface WebviewTraffic {
  /** `message`: what the extension posted to the view (JSON text of each). */
  toWebview: string[];
  /** `onmessage`: what the view posted to the extension. */
  fromWebview: string[];
  /** `content` (the state the view was created with) and `do-update-state` (each setState). */
  states: string[];
  /** `content`: the HTML each view was given. */
  contents: string[];
}

const bindingName = '__switchboardHardeningTraffic';

/** Runs in every frame; acts only in the webview host page of `extensionId`. */
function installCapture(options: { extensionId: string; bindingName: string }): void {
  const params = new URLSearchParams(location.search);
  if (!location.pathname.endsWith('/webview/browser/pre/index.html') || params.get('extensionId') !== options.extensionId) {
    return;
  }
  const send = (window as unknown as Record<string, (channel: string, json: string) => Promise<void>>)[options.bindingName];
  const record = (channel: unknown, payload: unknown): void => {
    if (typeof channel !== 'string' || !['content', 'message', 'onmessage', 'do-update-state'].includes(channel) || send === undefined) {
      return;
    }
    let json: string;
    try {
      json = JSON.stringify(payload) ?? 'undefined';
    } catch (error) {
      json = `(not JSON: ${String(error)})`;
    }
    void send(channel, json);
  };
  const prototype = MessagePort.prototype;
  // Plain functions with a typed `this`, read from the descriptors (not methods pulled off an object).
  const handlerProperty: { get?: (this: MessagePort) => unknown; set?: (this: MessagePort, handler: unknown) => void } | undefined = Object.getOwnPropertyDescriptor(prototype, 'onmessage');
  const getHandler = handlerProperty?.get;
  const setHandler = handlerProperty?.set;
  if (getHandler !== undefined && setHandler !== undefined) {
    Object.defineProperty(prototype, 'onmessage', {
      configurable: true,
      enumerable: true,
      get(this: MessagePort): unknown {
        return getHandler.call(this);
      },
      set(this: MessagePort, handler: unknown) {
        if (typeof handler !== 'function') {
          setHandler.call(this, handler);
          return;
        }
        setHandler.call(this, function (this: MessagePort, event: MessageEvent) {
          const data = event.data as { channel?: unknown; args?: unknown } | undefined;
          record(data?.channel, data?.args);
          return (handler as (this: MessagePort, event: MessageEvent) => unknown).call(this, event);
        });
      },
    });
  }
  const postMessage = (Object.getOwnPropertyDescriptor(prototype, 'postMessage') as { value: (this: MessagePort, ...args: unknown[]) => void }).value;
  prototype.postMessage = function (this: MessagePort, message: unknown, ...rest: unknown[]) {
    const data = message as { channel?: unknown; data?: unknown } | undefined;
    record(data?.channel, data?.data);
    postMessage.call(this, message, ...rest);
  };
}

/** Starts capturing; call before the workbench page opens. */
export async function captureWebviewTraffic(context: BrowserContext, extensionId: string): Promise<WebviewTraffic> {
  const traffic: WebviewTraffic = { toWebview: [], fromWebview: [], states: [], contents: [] };
  await context.exposeBinding(bindingName, (_source, channel: string, json: string) => {
    if (channel === 'message') {
      traffic.toWebview.push(json);
    } else if (channel === 'onmessage') {
      traffic.fromWebview.push(json);
    } else if (channel === 'do-update-state') {
      traffic.states.push(json);
    } else {
      traffic.contents.push(json);
      const state = (JSON.parse(json) as { state?: unknown } | null)?.state;
      traffic.states.push(JSON.stringify(state ?? null));
    }
  });
  await context.addInitScript(installCapture, { extensionId, bindingName });
  return traffic;
}
