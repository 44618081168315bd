/**
 * Reading the environment the way every part of Switchboard does: a variable counts when it is set
 * to something other than blanks, and of several names for one thing the first set one wins
 * (`OPENAI_API_KEY`; `https_proxy` before `HTTPS_PROXY`).
 */

/** Where keys, base URLs and proxies come from when neither the call nor the settings say (`process.env` by default). */
export type Environment = Readonly<Record<string, string | undefined>>;

/** The first of `names` set (not blank) in `env`, or undefined. */
export function firstSetVariable(env: Environment, names: readonly string[] | undefined): string | undefined {
  return names?.find((name) => (env[name]?.trim() ?? '') !== '');
}

/** The value (trimmed) of the first of `names` set in `env`, or undefined. */
export function environmentValue(env: Environment, names: readonly string[] | undefined): string | undefined {
  const name = firstSetVariable(env, names);
  return name === undefined ? undefined : env[name]?.trim();
}
