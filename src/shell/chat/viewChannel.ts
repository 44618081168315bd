/**
 * The way to the view: messages go out only once the view said `ready` (before that it could not
 * show them, and the snapshot answering `ready` holds everything), never after the controller is
 * disposed, and a failing post is logged instead of breaking the chat.
 */

import type { ToWebview } from '../../protocol/messages';
import { errorText } from '../errorText';
import type { ChatLog, WebviewSink } from './ports';

export class ViewChannel {
  private sink: WebviewSink | undefined;
  private ready = false;
  private closed = false;

  constructor(private readonly log: ChatLog) {}

  attach(sink: WebviewSink): void {
    this.sink = sink;
    this.ready = false;
  }

  detach(): void {
    this.sink = undefined;
    this.ready = false;
  }

  /** The attached view said `ready`: it listens from now on. */
  markReady(): void {
    this.ready = this.sink !== undefined;
  }

  close(): void {
    this.closed = true;
    this.detach();
  }

  post(message: ToWebview): void {
    if (this.sink === undefined || !this.ready || this.closed) {
      return;
    }
    try {
      this.sink.post(message);
    } catch (error) {
      this.log.warn(`Chat: posting '${message.type}' to the view failed: ${errorText(error)}`);
    }
  }

  notice(message: string): void {
    this.post({ type: 'notice', message });
  }
}
