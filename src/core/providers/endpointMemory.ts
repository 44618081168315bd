/**
 * What a client learnt about endpoints while talking to them (a server that refuses
 * `stream_options`), so later calls to the same endpoint skip what failed. One per client.
 */

import type { EndpointMemory, EndpointQuirk } from './types';

export class QuirkMemory implements EndpointMemory {
  private readonly known = new Map<string, Set<EndpointQuirk>>();

  has(endpoint: string, quirk: EndpointQuirk): boolean {
    return this.known.get(endpoint)?.has(quirk) ?? false;
  }

  add(endpoint: string, quirk: EndpointQuirk): void {
    const quirks = this.known.get(endpoint) ?? new Set<EndpointQuirk>();
    quirks.add(quirk);
    this.known.set(endpoint, quirks);
  }
}
