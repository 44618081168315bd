/**
 * The usage page's script (dist/usage.js): says `usage/ready`, then draws each snapshot the host
 * sends. It keeps only the stacking the user chose; it posts nothing else.
 */

import './usage.css';
import { readUsageSnapshot, type FromUsageView, type UsageSnapshotMessage } from '../../src/protocol/usageMessages';
import type { Grouping } from './usageSeries';
import { renderUsage } from './usageView';

declare function acquireVsCodeApi(): { postMessage(message: unknown): void };

const root = document.getElementById('app') as HTMLElement;
let snapshot: UsageSnapshotMessage | undefined;
let grouping: Grouping = 'model';

function draw(): void {
  if (snapshot !== undefined) {
    renderUsage(root, snapshot, grouping, (chosen) => {
      grouping = chosen;
      draw();
      // The switch was redrawn: keep the focus on the choice just made.
      root.querySelector<HTMLInputElement>(`input[name="grouping"][value="${chosen}"]`)?.focus();
    });
  }
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const received = readUsageSnapshot(event.data);
  if (received !== undefined) {
    snapshot = received;
    draw();
  }
});

const ready: FromUsageView = { type: 'usage/ready' };
acquireVsCodeApi().postMessage(ready);
