/**
 * Fires when the server stays silent for `ms` while we wait for a read. One timer, refreshed per
 * read rather than re-created, since this runs for every network read of a stream.
 */
export class SilenceWatch {
  private timer: NodeJS.Timeout | undefined;
  private waiting = false;

  constructor(
    private readonly ms: number,
    private readonly onSilence: () => void,
  ) {}

  waitStarted(): void {
    this.waiting = true;
    if (this.timer === undefined) {
      this.timer = setTimeout(() => {
        if (this.waiting) {
          this.onSilence();
        }
      }, this.ms);
      // The socket keeps the process alive while we wait; the timer alone must not.
      this.timer.unref();
    } else {
      this.timer.refresh();
    }
  }

  waitEnded(): void {
    this.waiting = false;
  }

  stop(): void {
    this.waiting = false;
    clearTimeout(this.timer);
  }
}
