/**
 * `switchboard.mcpServers` read and checked, secrets and environment variables filled in (a
 * missing secret is a clear problem, and no value ever reaches a problem or the log), and the
 * import of VS Code's own mcp.json.
 */

import * as assert from 'node:assert/strict';
import { readMcpServers, type McpServerConfig } from '../../../src/shell/tools/mcp/mcpConfig';
import { convertVsCodeMcpServers, parseJsonc } from '../../../src/shell/tools/mcp/mcpImport';
import { McpSecretStore, mcpSecretNames, resolveMcpSecrets } from '../../../src/shell/tools/mcp/mcpSecrets';
import type { SecretBackend } from '../../../src/shell/secrets';
import { callOptions, fixtureServer, newSource, nodeServer, waitFor } from './mcpRig';

function read(value: unknown): { servers: McpServerConfig[]; problems: string[] } {
  const problems: string[] = [];
  return { servers: readMcpServers(value, problems, '/home/tester'), problems };
}

/** SecretStorage's behaviour in memory (what vscode.SecretStorage does, without VS Code). */
class MemorySecrets implements SecretBackend {
  readonly values = new Map<string, string>();
  private readonly listeners = new Set<(event: { key: string }) => unknown>();
  async get(key: string): Promise<string | undefined> {
    return this.values.get(key);
  }
  async store(key: string, value: string): Promise<void> {
    this.values.set(key, value);
    this.listeners.forEach((listener) => listener({ key }));
  }
  async delete(key: string): Promise<void> {
    this.values.delete(key);
    this.listeners.forEach((listener) => listener({ key }));
  }
  async keys(): Promise<string[]> {
    return [...this.values.keys()];
  }
  onDidChange(listener: (event: { key: string }) => unknown): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }
}

describe('MCP: the servers setting', () => {
  it('reads local and remote servers, typed by what they have, sorted by name', () => {
    const { servers, problems } = read({
      zeta: { command: 'npx', args: ['-y', 'server'], env: { A: '1', B: null }, cwd: '~/work' },
      alpha: { url: 'https://example.com/mcp', headers: { 'X-Team': 'blue' } },
      beta: { type: 'sse', url: 'http://127.0.0.1:9/sse' },
    });
    assert.deepEqual(problems, []);
    assert.deepEqual(servers, [
      { name: 'alpha', type: 'http', url: 'https://example.com/mcp', headers: { 'X-Team': 'blue' } },
      { name: 'beta', type: 'sse', url: 'http://127.0.0.1:9/sse', headers: {} },
      { name: 'zeta', type: 'stdio', command: 'npx', args: ['-y', 'server'], env: { A: '1', B: null }, cwd: '/home/tester/work' },
    ]);
  });

  it('leaves malformed servers out with a problem each, never throwing', () => {
    const { servers, problems } = read({
      good: { command: 'node' },
      nothing: {},
      badType: { type: 'websocket', url: 'ws://x' },
      badArgs: { command: 'node', args: 'server.js' },
      badUrl: { type: 'http', url: 'ftp://example.com' },
      relative: { command: 'node', cwd: 'work' },
      notObject: 7,
      envFile: { command: 'node', envFile: '${workspaceFolder}/.env' },
      badHeader: { url: 'https://example.com', headers: { 'Bad Header': 'x', Host: 'evil' } },
    });
    assert.deepEqual(
      servers.map((server) => server.name),
      ['badHeader', 'envFile', 'good'],
    );
    assert.equal(problems.length, 9, problems.join('\n'));
    assert.ok(problems.some((problem) => /nothing has neither a command .* nor a url/.test(problem)));
    assert.ok(problems.some((problem) => /badType\.type is not one of stdio, http, sse/.test(problem)));
    assert.ok(problems.some((problem) => /envFile\.envFile is not supported/.test(problem)));
    assert.deepEqual(read('not an object').problems, ['switchboard.mcpServers is not an object of servers; no MCP servers are used.']);
  });

  it('nudges a literal credential header towards a secret, and keeps it', () => {
    const { servers, problems } = read({ remote: { url: 'https://example.com', headers: { Authorization: 'Bearer abc' } } });
    assert.equal(servers.length, 1);
    assert.match(problems[0] ?? '', /holds a credential in your settings; store it with 'Switchboard: Set MCP Server Secret'/);
    assert.doesNotMatch(problems[0] ?? '', /abc/);
    assert.deepEqual(read({ remote: { url: 'https://example.com', headers: { Authorization: 'Bearer ${secret:TOKEN}' } } }).problems, []);
  });
});

describe('MCP: secrets in a server’s settings', () => {
  const remote: McpServerConfig = { name: 'remote', type: 'http', url: 'https://example.com/mcp?team=${env:TEAM}', headers: { Authorization: 'Bearer ${secret:REMOTE_TOKEN}' } };
  const local: McpServerConfig = { name: 'local', type: 'stdio', command: 'node', args: ['--key', '${secret:KEY}'], env: { TOKEN: '${secret:REMOTE_TOKEN}', HOME_TOO: '${env:HOME}', GONE: null }, cwd: undefined };

  it('names the secrets a server uses', () => {
    assert.deepEqual(mcpSecretNames(local), ['KEY', 'REMOTE_TOKEN']);
  });

  it('fills in secrets and environment variables', async () => {
    const secrets: Record<string, string> = { REMOTE_TOKEN: 's3cr3t-value', KEY: 'k3y-value' };
    const resolvedRemote = await resolveMcpSecrets(remote, async (name) => secrets[name], { TEAM: 'blue' });
    assert.deepEqual(resolvedRemote.config, { ...remote, url: 'https://example.com/mcp?team=blue', headers: { Authorization: 'Bearer s3cr3t-value' } });
    const resolvedLocal = await resolveMcpSecrets(local, async (name) => secrets[name], { HOME: '/home/tester' });
    assert.deepEqual(resolvedLocal.config, { ...local, args: ['--key', 'k3y-value'], env: { TOKEN: 's3cr3t-value', HOME_TOO: '/home/tester', GONE: null } });
    assert.deepEqual(resolvedLocal.secrets?.sort(), ['k3y-value', 's3cr3t-value']);
  });

  it('says which secret is missing and how to set it', async () => {
    const resolved = await resolveMcpSecrets(local, async (name) => (name === 'KEY' ? 'k3y-value' : undefined), {});
    assert.equal(resolved.config, undefined);
    assert.equal(resolved.problem, "The MCP server 'local' needs the secret REMOTE_TOKEN, which is not set: run 'Switchboard: Set MCP Server Secret' and enter REMOTE_TOKEN.");
  });

  it('does not start a server whose secret is missing, and starts it once the secret is set', async () => {
    const backend = new MemorySecrets();
    const store = new McpSecretStore(backend);
    const config = nodeServer('guarded', fixtureServer, [], { FIXTURE_TOKEN: '${secret:FIXTURE_TOKEN}' });
    // The source reads through the same store the commands write to.
    const { source, log } = newSource(config, { readSecret: (name) => store.get(name) });
    store.onDidChange((name) => source.secretChanged(name));
    try {
      const failed = await source.start();
      assert.equal(failed.state, 'failed');
      assert.match(failed.problem ?? '', /needs the secret FIXTURE_TOKEN, which is not set: run 'Switchboard: Set MCP Server Secret'/);
      await store.set('FIXTURE_TOKEN', 'tok-9f8e7d6c');
      assert.equal(source.status().state, 'notStarted', 'a set secret clears the failure');
      const ready = await source.start();
      assert.equal(ready.state, 'ready', ready.problem);
      await waitFor(() => log.text().includes('token is'), 'the careless line');
      assert.match(log.text(), /fixture: token is \*\*\*/);
      assert.doesNotMatch(log.text(), /tok-9f8e7d6c/);
      assert.deepEqual(await store.names(), ['FIXTURE_TOKEN']);
      assert.deepEqual([...backend.values.keys()], ['switchboard.mcpSecret.FIXTURE_TOKEN']);

      // A changed secret restarts the server on its next use (a new process prints the new value, blotted out).
      const pidBefore = log.text().match(/ready pid (\d+)/)?.[1];
      await store.set('FIXTURE_TOKEN', 'tok-new-5a4b3c');
      assert.equal(source.status().state, 'ready', 'nothing restarts until the next use');
      await source.call('echo', { text: 'x' }, callOptions());
      await waitFor(() => (log.text().match(/ready pid (\d+)/g) ?? []).length === 2, 'the second process');
      assert.notEqual([...log.text().matchAll(/ready pid (\d+)/g)][1]?.[1], pidBefore);
      assert.doesNotMatch(log.text(), /tok-new-5a4b3c|tok-9f8e7d6c/);
    } finally {
      source.dispose();
      store.dispose();
    }
  });

  it('rejects a bad secret name when storing', async () => {
    const store = new McpSecretStore(new MemorySecrets());
    await assert.rejects(store.set('no spaces', 'x'), /not a valid secret name/);
    store.dispose();
  });
});

describe('MCP: importing VS Code’s servers', () => {
  it('parses mcp.json with comments and trailing commas', () => {
    const text = `{
      // my servers
      "servers": {
        "files": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem", "/tmp/a // not a comment"], },
        /* remote */ "gh": { "type": "http", "url": "https://api.example.com/mcp", "headers": { "Authorization": "Bearer \${input:github-token}" } },
      },
      "inputs": [{ "type": "promptString", "id": "github-token", "password": true }],
    }`;
    const parsed = parseJsonc(text) as { servers: Record<string, { args?: string[] }> };
    assert.deepEqual(Object.keys(parsed.servers), ['files', 'gh']);
    assert.equal(parsed.servers['files']?.args?.[2], '/tmp/a // not a comment');
  });

  it('converts inputs to secrets, drops VS Code-only keys, and reports what it left out', () => {
    const result = convertVsCodeMcpServers(
      [
        {
          label: 'mcp.json',
          value: {
            servers: {
              gh: { type: 'http', url: 'https://api.example.com/mcp', headers: { Authorization: 'Bearer ${input:github-token}' }, gallery: true },
              local: { type: 'stdio', command: 'node', args: ['${userHome}/server.js'], env: { KEY: '${input:key}' }, dev: { watch: '**/*.js' } },
              broken: { type: 'stdio' },
              ws: { command: 'node', cwd: '${workspaceFolder}' },
            },
          },
        },
        { label: 'the mcp setting', value: { servers: { gh: { command: 'other' }, legacy: { command: 'python', args: ['-m', 'srv'] } } } },
      ],
      '/home/tester',
    );
    assert.deepEqual(result.servers, {
      gh: { type: 'http', url: 'https://api.example.com/mcp', headers: { Authorization: 'Bearer ${secret:github-token}' } },
      local: { type: 'stdio', command: 'node', args: ['/home/tester/server.js'], env: { KEY: '${secret:key}' } },
      legacy: { command: 'python', args: ['-m', 'srv'] },
    });
    assert.deepEqual(result.secrets, ['github-token', 'key']);
    assert.equal(result.problems.length, 3, result.problems.join('\n'));
    assert.ok(result.problems.some((problem) => /mcp\.json: broken\.command is not a program to run/.test(problem)));
    assert.ok(result.problems.some((problem) => /'gh' was already imported/.test(problem)));
    assert.ok(result.problems.some((problem) => /mcp\.json: ws\.cwd is not an absolute folder/.test(problem)));
    const problems: string[] = [];
    assert.equal(readMcpServers(result.servers, problems).length, 3);
    assert.deepEqual(problems, []);
  });
});
