/**
 * Bedrock's inference profiles through ListInferenceProfiles (`GET /inference-profiles`) on the
 * control plane: the cross-region profiles AWS defines (`us.anthropic.…`, `global.…`) and the
 * application profiles an account creates, each asked for by `type` so neither depends on what
 * AWS lists by default, page after page by `nextToken`.
 */

import { asRecord, stringField } from '../../jsonValues';
import type { AwsCallOptions } from '../../types';
import { readJson } from '../exchange';
import type { CallContext } from '../types';
import type { AwsLibraries } from './awsLibraries';
import { sendSigned } from './signedRequest';
import type { BedrockTarget } from './target';

/** One ACTIVE profile, with the foundation models it routes to (ids, not ARNs). */
export interface InferenceProfile {
  /** What a call names it by: the id of a system-defined profile, the ARN of an application one. */
  model: string;
  name?: string;
  /** `anthropic.claude-sonnet-4-20250514-v1:0` for each model in the profile. */
  foundationModels: string[];
}

const profileTypes = ['SYSTEM_DEFINED', 'APPLICATION'] as const;
/** The most AWS answers in one page. */
const pageSize = 1000;
/**
 * Pages followed per type. Ten pages of a thousand is far beyond any account's profiles; the
 * cap stops an endpoint that keeps answering a `nextToken` (a broken proxy) from looping forever.
 */
const maxPages = 10;

/** `arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-…` → `anthropic.claude-…`. */
function modelIdOfArn(arn: string): string {
  return arn.slice(arn.indexOf('/') + 1);
}

function toProfile(item: unknown): InferenceProfile | undefined {
  const summary = asRecord(item);
  const type = stringField(summary, 'type');
  const model = type === 'APPLICATION' ? stringField(summary, 'inferenceProfileArn') : stringField(summary, 'inferenceProfileId');
  if (model === undefined || stringField(summary, 'status') !== 'ACTIVE') {
    return undefined;
  }
  const models = summary?.['models'];
  const arns = Array.isArray(models) ? models.map((entry) => stringField(asRecord(entry), 'modelArn')).filter((arn): arn is string => arn !== undefined) : [];
  const profile: InferenceProfile = { model, foundationModels: [...new Set(arns.map(modelIdOfArn))] };
  const name = stringField(summary, 'inferenceProfileName');
  if (name !== undefined) {
    profile.name = name;
  }
  return profile;
}

async function listProfilesOfType(call: CallContext, options: AwsCallOptions, aws: AwsLibraries, type: string, baseOf: (target: BedrockTarget) => string): Promise<InferenceProfile[]> {
  const profiles: InferenceProfile[] = [];
  let nextToken: string | undefined;
  for (let page = 0; page < maxPages; page += 1) {
    const query = new URLSearchParams({ maxResults: String(pageSize), type });
    if (nextToken !== undefined) {
      query.set('nextToken', nextToken);
    }
    const response = await sendSigned(options, { method: 'GET', path: `/inference-profiles?${query.toString()}`, accept: 'application/json', baseOf }, call, aws);
    const body = asRecord(await readJson(response, call));
    const summaries = body?.['inferenceProfileSummaries'];
    if (Array.isArray(summaries)) {
      profiles.push(...summaries.map(toProfile).filter((profile): profile is InferenceProfile => profile !== undefined));
    }
    nextToken = stringField(body, 'nextToken');
    if (nextToken === undefined || nextToken.length === 0) {
      return profiles;
    }
  }
  call.logger.warn(`${call.provider.displayName}: stopped listing ${type} inference profiles after ${maxPages} pages.`);
  return profiles;
}

export async function listInferenceProfiles(call: CallContext, options: AwsCallOptions, aws: AwsLibraries, baseOf: (target: BedrockTarget) => string): Promise<InferenceProfile[]> {
  const byType = await Promise.all(profileTypes.map((type) => listProfilesOfType(call, options, aws, type, baseOf)));
  return byType.flat();
}
