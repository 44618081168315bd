/**
 * The context gauge in the header: what the next request will use of the model's window, as a
 * meter ("Context: 12,345 of 200,000 tokens, 8,192 reserved for the answer") with short visible
 * text ("12k / 200k") and a bar. The bar is a native <meter> (the page's CSP allows no style
 * attribute to size a div): past 80% of what the answer leaves free it warns, past all of it it
 * is full, in the theme's warning and error colours (styles.css). Hidden until the host counted.
 */

import type { ContextGaugeView } from '../../src/protocol/requestViews';
import { t } from '../l10n';
import { h, show } from './dom';
import { formatCompact, formatCount } from './usage';

/** The share of the room (window − reserve) past which the gauge warns. */
const warnShare = 0.8;

export type GaugeLevel = 'ok' | 'warning' | 'full';

/** How full the gauge reads: the room is what the window leaves once the answer's reserve is kept free. */
export function gaugeLevel(gauge: ContextGaugeView): GaugeLevel {
  const room = Math.max(0, gauge.window - gauge.reserve);
  if (gauge.used > room) {
    return 'full';
  }
  return gauge.used > room * warnShare ? 'warning' : 'ok';
}

export class ContextGauge {
  readonly element: HTMLElement;
  private readonly text: HTMLElement;
  private readonly bar: HTMLMeterElement;
  private shown: ContextGaugeView | undefined;

  constructor() {
    this.text = h('span', { class: 'context-gauge-text', 'aria-hidden': 'true' });
    this.bar = h('meter', { class: 'context-gauge-bar', 'aria-hidden': 'true', min: '0', optimum: '0' });
    this.element = h('div', { class: 'context-gauge', role: 'meter', 'data-testid': 'context-gauge', 'aria-valuemin': '0', hidden: true }, this.text, this.bar);
  }

  render(gauge: ContextGaugeView | undefined): void {
    if (gauge === this.shown) {
      return;
    }
    this.shown = gauge;
    show(this.element, gauge !== undefined);
    if (gauge === undefined) {
      return;
    }
    const room = Math.max(0, gauge.window - gauge.reserve);
    const values = { used: formatCount(gauge.used), window: formatCount(gauge.window), reserve: formatCount(gauge.reserve) };
    this.element.setAttribute('aria-valuemax', String(gauge.window));
    this.element.setAttribute('aria-valuenow', String(Math.min(gauge.used, gauge.window)));
    this.element.setAttribute('aria-label', gauge.windowKnown ? t('contextGauge', values) : t('contextGaugeEstimated', values));
    this.element.setAttribute('data-level', gaugeLevel(gauge));
    this.element.title = this.element.getAttribute('aria-label') ?? '';
    this.text.textContent = t('contextGaugeShort', { used: formatCompact(gauge.used), window: formatCompact(gauge.window) });
    // The meter's regions: under `low` is fine, up to `high` (the room) warns, past it is full.
    this.bar.max = Math.max(1, gauge.window);
    this.bar.high = room;
    this.bar.low = room * warnShare;
    this.bar.value = Math.min(gauge.used, gauge.window);
  }
}
