/**
 * The versions of the public API. Its shapes live in one place, `api.d.ts` at the repository root:
 * the file consumers copy is the very type the extension implements (a type-level test keeps its
 * copies of the core's types equal to the core's). Versioned like VS Code's git extension:
 * `getApi(1, …)` today, and a later version can change shapes without breaking callers of this one.
 */

/** The versions `getApi` answers. */
export const supportedApiVersions: readonly number[] = [1];
