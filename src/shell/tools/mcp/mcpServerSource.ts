/**
 * One MCP server as a `ToolSource` (toolTypes.ts): id `mcp:<name>`, started on the first
 * `start()` or `call()` (never when built), its tools listed and refreshed when the server says
 * they changed. A crash restarts it after a pause that doubles (1 s up to 30 s) a few times in a
 * row, then it stays `failed` until the next use. A call in flight when it crashes rejects at once
 * (the SDK rejects every pending request on close). The SDK itself loads with the first start.
 */

import { Emitter } from '../../event';
import type { ToolCallOptions, ToolOutput, ToolSource, ToolSourceStatus } from '../toolTypes';
import { toToolOutput } from './mcpResults';
import type { McpConnection } from './mcpSdk';
import { mcpSecretNames, resolveMcpSecrets, withoutSecrets } from './mcpSecrets';
import { McpServerLog } from './mcpServerLog';
import { defaultMcpServerLimits, messageOf, toDescriptor, type McpServerLimits, type McpServerSourceOptions } from './mcpServerOptions';

export { defaultMcpServerLimits, type McpServerLimits, type McpServerSourceOptions } from './mcpServerOptions';

export class McpServerSource implements ToolSource {
  readonly id: string;
  readonly kind = 'mcp' as const;
  readonly label: string;
  /** The server's secret names: a change of one of them restarts it on its next use. */
  readonly secretNames: readonly string[];
  private readonly limits: McpServerLimits;
  private readonly changed = new Emitter<void>();
  private current: ToolSourceStatus = { state: 'notStarted', tools: [] };
  private connection: McpConnection | undefined;
  private starting: Promise<ToolSourceStatus> | undefined;
  /** Bumped by every stop, so events of a connection already let go are ignored. */
  private generation = 0;
  private crashesInARow = 0;
  private startedAt = 0;
  private restartTimer: NodeJS.Timeout | undefined;
  private stale = false;
  /** The server said its tools changed before the first list was in: list them again. */
  private toolsChangedEarly = false;
  private disposed = false;
  private secrets: readonly string[] = [];

  constructor(private readonly options: McpServerSourceOptions) {
    this.id = `mcp:${options.config.name}`;
    this.label = options.config.name;
    this.secretNames = mcpSecretNames(options.config);
    this.limits = { ...defaultMcpServerLimits, ...options.limits };
  }

  status(): ToolSourceStatus {
    return { ...this.current, tools: this.current.state === 'ready' ? [...this.current.tools] : [] };
  }

  onDidChange(listener: () => void): { dispose(): void } {
    return this.changed.event(listener);
  }

  async start(): Promise<ToolSourceStatus> {
    if (this.disposed) {
      return this.status();
    }
    if (this.stale && this.starting === undefined) {
      this.stale = false;
      this.stop();
    }
    if (this.starting !== undefined) {
      return this.starting;
    }
    if (this.current.state === 'ready' && this.connection !== undefined) {
      return this.status();
    }
    if (this.current.state === 'failed' && this.restartTimer === undefined) {
      // Failed for good (or never started right): this use is a fresh try.
      this.crashesInARow = 0;
    }
    return this.launch();
  }

  async call(name: string, args: Record<string, unknown>, options: ToolCallOptions): Promise<ToolOutput> {
    const status = await this.start();
    const connection = this.connection;
    if (status.state !== 'ready' || connection === undefined) {
      throw new Error(status.problem ?? `The MCP server '${this.label}' is not running.`);
    }
    options.signal.throwIfAborted();
    const generation = this.generation;
    try {
      const result = await connection.callTool(name, args, { signal: options.signal, timeoutMs: options.timeoutMs });
      this.crashesInARow = 0;
      return toToolOutput(result);
    } catch (error) {
      if (options.signal.aborted) {
        throw error;
      }
      const stopped = generation !== this.generation || this.connection !== connection;
      const why = withoutSecrets(messageOf(error), this.secrets);
      throw new Error(stopped ? `The MCP server '${this.label}' stopped during the call (${why}). ${this.current.problem ?? ''}`.trim() : why);
    }
  }

  /** A secret it uses changed: the running server is replaced on its next use. */
  secretChanged(name: string): void {
    if (!this.secretNames.includes(name)) {
      return;
    }
    if (this.connection !== undefined || this.starting !== undefined) {
      this.stale = true;
    } else if (this.current.state === 'failed') {
      this.set({ state: 'notStarted', tools: [] });
    }
  }

  dispose(): void {
    if (this.disposed) {
      return;
    }
    this.disposed = true;
    this.stop();
    this.changed.dispose();
  }

  private set(status: ToolSourceStatus): void {
    this.current = status;
    if (!this.disposed) {
      this.changed.fire();
    }
  }

  /** Lets the running server go: closes it, and ignores what it still says. */
  private stop(): void {
    this.generation += 1;
    clearTimeout(this.restartTimer);
    this.restartTimer = undefined;
    const connection = this.connection;
    this.connection = undefined;
    this.starting = undefined;
    if (connection !== undefined) {
      void connection.close().catch(() => undefined);
    }
    if (!this.disposed && this.current.state !== 'notStarted') {
      this.set({ state: 'notStarted', tools: [] });
    }
  }

  private launch(): Promise<ToolSourceStatus> {
    clearTimeout(this.restartTimer);
    this.restartTimer = undefined;
    const generation = ++this.generation;
    this.set({ state: 'starting', tools: [] });
    const attempt = this.connect(generation).finally(() => {
      if (this.starting === attempt) {
        this.starting = undefined;
      }
    });
    this.starting = attempt;
    return attempt;
  }

  private async connect(generation: number): Promise<ToolSourceStatus> {
    const { config } = this.options;
    const resolved = await resolveMcpSecrets(config, (name) => this.options.readSecret(name), this.options.environment);
    if (resolved.problem !== undefined) {
      return this.failed(generation, resolved.problem);
    }
    this.secrets = resolved.secrets;
    this.toolsChangedEarly = false;
    const log = new McpServerLog(config.name, this.options.log, () => this.flooded(generation));
    log.hideSecrets(resolved.secrets);
    let connection: McpConnection | undefined;
    try {
      const sdk = await (this.options.loadSdk ?? (() => import('./mcpSdk')))();
      this.startedAt = Date.now();
      connection = await sdk.connectMcp({
        server: resolved.config,
        clientVersion: this.options.clientVersion,
        maxMessageBytes: this.limits.maxMessageBytes,
        connectTimeoutMs: this.limits.startTimeoutMs,
        events: {
          stderr: (chunk) => log.stderr(chunk),
          toolsChanged: () => void this.refreshTools(generation),
          error: (error) => log.line('warn', messageOf(error)),
          closed: ({ oversized }) => {
            log.flush();
            this.closed(generation, oversized);
          },
        },
      });
      if (generation !== this.generation) {
        void connection.close().catch(() => undefined);
        return this.status();
      }
      this.connection = connection;
      const tools = (await connection.listTools()).map(toDescriptor);
      if (generation !== this.generation) {
        return this.status();
      }
      log.line('info', `Started (${connection.transport}) in ${Date.now() - this.startedAt} ms with ${tools.length} tool${tools.length === 1 ? '' : 's'}.`);
      this.set({ state: 'ready', tools });
      if (this.toolsChangedEarly) {
        this.toolsChangedEarly = false;
        void this.refreshTools(generation);
      }
      return this.status();
    } catch (error) {
      if (generation !== this.generation) {
        return this.status();
      }
      this.connection = undefined;
      void connection?.close().catch(() => undefined);
      return this.failed(generation, `The MCP server '${config.name}' did not start: ${withoutSecrets(messageOf(error), this.secrets)}`);
    }
  }

  private async refreshTools(generation: number): Promise<void> {
    const connection = this.connection;
    if (generation !== this.generation) {
      return;
    }
    if (connection === undefined || this.current.state !== 'ready') {
      this.toolsChangedEarly = true;
      return;
    }
    try {
      const tools = (await connection.listTools()).map(toDescriptor);
      if (generation === this.generation && this.current.state === 'ready') {
        this.set({ state: 'ready', tools });
      }
    } catch (error) {
      this.options.log.warn(`[mcp ${this.label}] Could not list the changed tools: ${withoutSecrets(messageOf(error), this.secrets)}`);
    }
  }

  private failed(generation: number, problem: string): ToolSourceStatus {
    if (generation === this.generation) {
      this.options.log.warn(`[mcp ${this.label}] ${problem}`);
      this.set({ state: 'failed', problem, tools: [] });
      // A restart after a crash that fails to start counts as one more crash in a row.
      if (this.crashesInARow > 0) {
        this.crashesInARow += 1;
        this.scheduleRestart(problem);
      }
    }
    return this.status();
  }

  private flooded(generation: number): void {
    if (generation !== this.generation) {
      return;
    }
    const connection = this.connection;
    this.generation += 1;
    this.connection = undefined;
    connection?.kill();
    const problem = `The MCP server '${this.label}' wrote more to its error output than the log can take and was stopped. It starts again when the chat next uses it.`;
    this.options.log.warn(`[mcp ${this.label}] ${problem}`);
    this.set({ state: 'failed', problem, tools: [] });
  }

  private closed(generation: number, oversized: boolean): void {
    // Closed while still connecting: `connect` sees its handshake fail and says why.
    if (generation !== this.generation || this.disposed || this.connection === undefined) {
      return;
    }
    this.generation += 1;
    this.connection = undefined;
    this.starting = undefined;
    if (oversized) {
      const problem = `The MCP server '${this.label}' sent a message larger than ${Math.round(this.limits.maxMessageBytes / 1024 / 1024)} MiB (or output without a line break) and was stopped. It starts again when the chat next uses it.`;
      this.options.log.warn(`[mcp ${this.label}] ${problem}`);
      this.set({ state: 'failed', problem, tools: [] });
      return;
    }
    if (Date.now() - this.startedAt >= this.limits.stableAfterMs) {
      this.crashesInARow = 0;
    }
    this.crashesInARow += 1;
    this.scheduleRestart(`The MCP server '${this.label}' stopped unexpectedly (its log may say why).`);
  }

  private scheduleRestart(why: string): void {
    if (this.crashesInARow > this.limits.restartsInARow) {
      const problem = `${why} It stopped ${this.crashesInARow} times in a row; it starts again when the chat next uses it.`;
      this.options.log.warn(`[mcp ${this.label}] ${problem}`);
      this.set({ state: 'failed', problem, tools: [] });
      return;
    }
    const delay = Math.min(this.limits.firstRestartDelayMs * 2 ** (this.crashesInARow - 1), this.limits.maxRestartDelayMs);
    const problem = `${why} Restarting in ${delay >= 1000 ? `${Math.round(delay / 1000)} s` : `${delay} ms`}.`;
    this.options.log.warn(`[mcp ${this.label}] ${problem}`);
    this.set({ state: 'failed', problem, tools: [] });
    clearTimeout(this.restartTimer);
    this.restartTimer = setTimeout(() => {
      this.restartTimer = undefined;
      void this.launch();
    }, delay);
  }
}
