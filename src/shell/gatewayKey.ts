/**
 * The team gateway's word on the member's virtual key — spent so far, the budget, when it resets,
 * whether it is blocked — as one line for the model picker and Manage Extension Access. Read from
 * the LiteLLM proxy's `/key/info` when the picker opens (never cached: spend moves with every call),
 * only when a gateway is set up; a gateway that does not answer leaves the line out.
 */

import { firstSetVariable, type CallOptions, type Environment, type GatewayKeyInfo } from '../core';
import type { Localize } from './chat/localize';
import type { SwitchboardConfig } from './config';
import { errorText } from './errorText';

export interface GatewayKeyReader {
  gatewayKeyInfo(options?: CallOptions): Promise<GatewayKeyInfo>;
}

const gatewayId = 'litellm_proxy';

/** Whether a LiteLLM gateway is set up: its URL in the settings or in LITELLM_PROXY_API_BASE. */
export function gatewayConfigured(config: SwitchboardConfig, env: Environment): boolean {
  return config.providers[gatewayId]?.baseUrl !== undefined || firstSetVariable(env, ['LITELLM_PROXY_API_BASE']) !== undefined;
}

function dollars(usd: number): string {
  return `$${usd.toFixed(2)}`;
}

/** "Your gateway key sk-...o6kQ: $12.40 spent of $50.00 (resets 2026-12-31)". */
export function describeGatewayKey(info: GatewayKeyInfo, localize: Localize): string {
  const name = info.key_alias ?? info.key_name;
  const who = name === null ? localize('Your gateway key') : localize('Your gateway key {0}', name);
  if (info.blocked) {
    return localize('{0} is blocked by the gateway\'s admin.', who);
  }
  const spent = info.max_budget === null ? localize('{0} spent, no budget', dollars(info.spend)) : localize('{0} spent of {1}', dollars(info.spend), dollars(info.max_budget));
  const reset = info.budget_reset_at === null ? '' : ` ${localize('(resets {0})', info.budget_reset_at.slice(0, 10))}`;
  const over = info.max_budget !== null && info.spend >= info.max_budget ? ` — ${localize('budget used up')}` : '';
  return `${who}: ${spent}${reset}${over}`;
}

export interface GatewayKeyNoteOptions {
  client: GatewayKeyReader;
  config: () => SwitchboardConfig;
  env: Environment;
  localize: Localize;
  log: { debug(message: string): void };
  /** Seconds the gateway may take; a picker must not wait long. */
  timeoutSeconds?: number;
}

/** The line, or undefined when no gateway is set up or it did not answer. */
export async function gatewayKeyNote(options: GatewayKeyNoteOptions): Promise<string | undefined> {
  if (!gatewayConfigured(options.config(), options.env)) {
    return undefined;
  }
  try {
    const info = await options.client.gatewayKeyInfo({ timeout: options.timeoutSeconds ?? 5, num_retries: 0 });
    return describeGatewayKey(info, options.localize);
  } catch (error) {
    options.log.debug(`The gateway's /key/info did not answer (${errorText(error, 'named')}).`);
    return undefined;
  }
}
