/**
 * Bedrock's own model list: ListFoundationModels (`GET /foundation-models`, one answer: AWS does
 * not page it) and ListInferenceProfiles on the control plane, whose host is the runtime's
 * without `-runtime` (`bedrock.us-east-1.amazonaws.com`), signed like every call. A foundation
 * model is listed by its bare id when it is ACTIVE, answers text or embeddings, and can be called
 * on demand; every ACTIVE profile is listed by the id a call names it by, so a model offered only
 * through profiles (`us.anthropic.…`, `global.…`) appears through them. A profile whose models all
 * answer something else (images) is left out like those models.
 */

import { asRecord, stringField } from '../../jsonValues';
import type { AwsCallOptions } from '../../types';
import { readJson } from '../exchange';
import type { CallContext, ProviderModel } from '../types';
import type { AwsLibraries } from './awsLibraries';
import { errorMessage } from '../../errors';
import { listInferenceProfiles, type InferenceProfile } from './inferenceProfiles';
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

function answersListedModality(summary: Record<string, unknown> | undefined): boolean {
  return strings(summary?.['outputModalities']).some((modality) => listedModalities.has(modality));
}

function toProviderModel(item: unknown): ProviderModel | undefined {
  const summary = asRecord(item);
  const model = stringField(summary, 'modelId');
  const status = stringField(asRecord(summary?.['modelLifecycle']), 'status');
  if (model === undefined || (status !== undefined && status !== 'ACTIVE')) {
    return undefined;
  }
  if (!strings(summary?.['inferenceTypesSupported']).includes('ON_DEMAND') || !answersListedModality(summary)) {
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

/**
 * A profile as a listed model, owned by its models' provider. Left out when every model it
 * routes to is a known foundation model answering neither text nor embeddings.
 */
function profileModel(profile: InferenceProfile, foundations: ReadonlyMap<string, Record<string, unknown> | undefined>): ProviderModel | undefined {
  const known = profile.foundationModels.map((id) => foundations.get(id)).filter((summary) => summary !== undefined);
  if (known.length > 0 && known.length === profile.foundationModels.length && !known.some(answersListedModality)) {
    return undefined;
  }
  const listed: ProviderModel = { model: profile.model };
  if (profile.name !== undefined) {
    listed.display_name = profile.name;
  }
  const provider = known.map((summary) => stringField(summary, 'providerName')).find((name) => name !== undefined);
  if (provider !== undefined) {
    listed.owned_by = provider;
  }
  return listed;
}

async function listFoundationModels(call: CallContext, options: AwsCallOptions, aws: AwsLibraries): Promise<unknown[]> {
  const response = await sendSigned(options, { method: 'GET', path: '/foundation-models', accept: 'application/json', baseOf: controlPlaneBase }, call, aws);
  const summaries = asRecord(await readJson(response, call))?.['modelSummaries'];
  return Array.isArray(summaries) ? (summaries as unknown[]) : [];
}

/**
 * Both lists, asked for at once. The profiles are a second permission
 * (`bedrock:ListInferenceProfiles`): without it, or when that listing fails otherwise, the
 * foundation models are still listed and the reason is logged.
 */
export async function listBedrockModels(call: CallContext, options: AwsCallOptions): Promise<ProviderModel[]> {
  const aws = await loadAwsLibraries();
  const [foundationList, profileList] = await Promise.allSettled([listFoundationModels(call, options, aws), listInferenceProfiles(call, options, aws, controlPlaneBase)]);
  // Without the foundation models there is no list; the profiles' failure then says nothing new.
  if (foundationList.status === 'rejected') {
    throw foundationList.reason;
  }
  const summaries = foundationList.value;
  let profiles: InferenceProfile[] = [];
  if (profileList.status === 'fulfilled') {
    profiles = profileList.value;
  } else {
    call.logger.warn(`${call.provider.displayName}: inference profiles not listed, only foundation models: ${errorMessage(profileList.reason)}`);
  }
  const foundations = new Map(summaries.map((item) => [stringField(asRecord(item), 'modelId') ?? '', asRecord(item)]));
  const listed = summaries.map(toProviderModel);
  return [...listed, ...profiles.map((profile) => profileModel(profile, foundations))].filter((model): model is ProviderModel => model !== undefined);
}
