/**
 * Bedrock's own model list: ListFoundationModels (`GET /foundation-models`) on the control plane,
 * whose host is the runtime's without `-runtime` (`bedrock.us-east-1.amazonaws.com`), signed
 * like every call. A model is listed when it is ACTIVE, answers text or embeddings, and can be
 * called by its bare id (`ON_DEMAND`); one offered only through an inference profile
 * (`us.anthropic.…`) is called by the profile's id, which this list does not name.
 */

import { asRecord, stringField } from '../../jsonValues';
import type { AwsCallOptions } from '../../types';
import { readJson } from '../exchange';
import type { CallContext, ProviderModel } from '../types';
import { loadAwsLibraries, sendSigned } from './signedRequest';
import type { BedrockTarget } from './target';

/** The control plane's base URL for a runtime endpoint; a custom endpoint (a proxy, a test server) serves both. */
export function controlPlaneBase(target: BedrockTarget): string {
  return target.endpoint.replace(/^(https?:\/\/)bedrock-runtime(-fips)?\./, '$1bedrock$2.');
}

const listedModalities: ReadonlySet<string> = new Set(['TEXT', 'EMBEDDING']);

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

function toProviderModel(item: unknown): ProviderModel | undefined {
  const summary = asRecord(item);
  const model = stringField(summary, 'modelId');
  const status = stringField(asRecord(summary?.['modelLifecycle']), 'status');
  if (model === undefined || (status !== undefined && status !== 'ACTIVE')) {
    return undefined;
  }
  if (!strings(summary?.['inferenceTypesSupported']).includes('ON_DEMAND') || !strings(summary?.['outputModalities']).some((modality) => listedModalities.has(modality))) {
    return undefined;
  }
  const listed: ProviderModel = { model };
  const name = stringField(summary, 'modelName');
  const provider = stringField(summary, 'providerName');
  if (name !== undefined) {
    listed.display_name = provider === undefined ? name : `${provider} ${name}`;
  }
  if (provider !== undefined) {
    listed.owned_by = provider;
  }
  return listed;
}

export async function listBedrockModels(call: CallContext, options: AwsCallOptions): Promise<ProviderModel[]> {
  const aws = await loadAwsLibraries();
  const response = await sendSigned(options, { method: 'GET', path: '/foundation-models', accept: 'application/json', baseOf: controlPlaneBase }, call, aws);
  const summaries = asRecord(await readJson(response, call))?.['modelSummaries'];
  return Array.isArray(summaries) ? summaries.map(toProviderModel).filter((model): model is ProviderModel => model !== undefined) : [];
}
