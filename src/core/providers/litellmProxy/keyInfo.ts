/**
 * The spend and budget of the member's virtual key, from LiteLLM's `GET /key/info` (without
 * `?key=`, the gateway answers for the key the request is authenticated with):
 * `{key, info: {key_name, key_alias, spend, max_budget, budget_duration, budget_reset_at, models,
 * expires, …}}`. The key itself is never read back from the answer.
 */

import { asRecord, stringField } from '../../jsonValues';
import { wireRecord } from '../../wireShape';
import { wireSourceOf } from '../../wireIndex';
import { readJson, send } from '../exchange';
import { mapOpenAIError } from '../openai/errors';
import { requestHeaders } from '../openai/request';
import { openAIWire } from '../openai/wireConfig';
import type { CallContext } from '../types';
import { gatewayRoot } from './modelInfo';

/** A virtual key's standing at the gateway. Money is USD; `null` where the gateway sets no limit. */
export interface GatewayKeyInfo {
  /** The key as the gateway shows it, abbreviated (`sk-...o6kQ`). */
  key_name: string | null;
  key_alias: string | null;
  /** Spent so far in the current budget period. */
  spend: number;
  max_budget: number | null;
  /** A warning threshold below `max_budget`. */
  soft_budget: number | null;
  /** How often the spend resets (`30d`, `1mo`), or null when it never does. */
  budget_duration: string | null;
  /** ISO 8601 time of the next reset. */
  budget_reset_at: string | null;
  /** The models the key may call; empty means every model of the gateway. */
  models: string[];
  /** ISO 8601 expiry, or null when the key does not expire. */
  expires: string | null;
  user_id: string | null;
  team_id: string | null;
  tpm_limit: number | null;
  rpm_limit: number | null;
  blocked: boolean;
}

function numberOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function stringOrNull(record: Record<string, unknown>, name: string): string | null {
  return stringField(record, name) ?? null;
}

/** The typed standing from `/key/info`'s answer; the `info` object is required, its fields are read leniently. */
export function keyInfoFrom(body: unknown, call: CallContext): GatewayKeyInfo {
  const info = wireRecord(asRecord(body)?.['info'], 'the key information (info)', wireSourceOf(call));
  const models = info['models'];
  return {
    key_name: stringOrNull(info, 'key_name'),
    key_alias: stringOrNull(info, 'key_alias'),
    spend: numberOrNull(info['spend']) ?? 0,
    max_budget: numberOrNull(info['max_budget']),
    soft_budget: numberOrNull(info['soft_budget']),
    budget_duration: stringOrNull(info, 'budget_duration'),
    budget_reset_at: stringOrNull(info, 'budget_reset_at'),
    models: Array.isArray(models) ? models.filter((model): model is string => typeof model === 'string') : [],
    expires: stringOrNull(info, 'expires'),
    user_id: stringOrNull(info, 'user_id'),
    team_id: stringOrNull(info, 'team_id'),
    tpm_limit: numberOrNull(info['tpm_limit']),
    rpm_limit: numberOrNull(info['rpm_limit']),
    blocked: info['blocked'] === true,
  };
}

/** `GET {root}/key/info` with the member's key. */
export async function fetchKeyInfo(call: CallContext): Promise<GatewayKeyInfo> {
  const url = `${gatewayRoot(call.provider.apiBase)}/key/info`;
  const response = await send(call, { url, method: 'GET', headers: requestHeaders(call.provider, openAIWire, false) }, mapOpenAIError);
  return keyInfoFrom(await readJson(response, call), call);
}
