/**
 * How a Bedrock model id finds a catalogue row, as LiteLLM's `get_bedrock_base_model` does: an
 * inference profile's geography prefix (`us.`, `eu.`, `apac.`, `jp.`, `au.`, `us-gov.`,
 * `global.`) is dropped, so `us.anthropic.claude-…` answers with the row of
 * `anthropic.claude-…`. Where the catalogue has no Bedrock row, a vendor's model stands in with
 * its own row (Bedrock serves Anthropic's Claude at Anthropic's context windows and prices):
 * `anthropic.claude-sonnet-4-20250514-v1:0` → `anthropic/claude-sonnet-4-20250514`.
 */

/** LiteLLM's `get_bedrock_cross_region_inference_regions`. */
const GEOGRAPHY_PREFIXES: ReadonlySet<string> = new Set(['global', 'us', 'eu', 'apac', 'jp', 'au', 'us-gov']);

/** Bedrock's vendor prefixes whose models the catalogue knows under the vendor's own provider. */
const VENDOR_PROVIDERS: ReadonlyMap<string, string> = new Map([['anthropic', 'anthropic']]);

/** Bedrock's version suffix: `-v1:0`, `-v2:0`, `-v1`. */
const VERSION_SUFFIX = /-v\d+(?::\d+)?$/;

/** The model id without a cross-region profile's geography prefix; other ids unchanged. */
export function bedrockBaseModel(modelId: string): string {
  const dot = modelId.indexOf('.');
  return dot > 0 && GEOGRAPHY_PREFIXES.has(modelId.slice(0, dot)) ? modelId.slice(dot + 1) : modelId;
}

/** The vendor's own provider and model id for a Bedrock base model it knows, else undefined. */
export function bedrockVendorModel(baseModel: string): { provider: string; modelId: string } | undefined {
  const dot = baseModel.indexOf('.');
  const provider = dot > 0 ? VENDOR_PROVIDERS.get(baseModel.slice(0, dot)) : undefined;
  return provider === undefined ? undefined : { provider, modelId: baseModel.slice(dot + 1).replace(VERSION_SUFFIX, '') };
}
