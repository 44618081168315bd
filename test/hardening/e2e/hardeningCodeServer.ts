/**
 * The hardening suite's code-server scenarios: useCodeServer (test/e2e/useCodeServer.ts) with a
 * run folder named after the scenario (`.e2e/hardening-<name>-run-…`) and settings that keep other
 * features from taking focus, CPU or a dialog slot during the long runs.
 */

import { useCodeServer, type CodeServerRun, type CodeServerRunOptions } from '../../e2e/useCodeServer';

const quietSettings = {
  'chat.disableAIFeatures': true,
  // The run folder lies inside this repository: no "open the parent repository?" prompt.
  'git.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
};

export function useHardeningCodeServer(options: CodeServerRunOptions & { name: string }): () => CodeServerRun {
  return useCodeServer({
    ...options,
    name: `hardening-${options.name}`,
    settings: (folders) => ({ ...quietSettings, ...options.settings(folders) }),
  });
}
