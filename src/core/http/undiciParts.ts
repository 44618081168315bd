/**
 * The parts of undici the transport uses — Agent, ProxyAgent, Pool, Client and the dispatcher
 * methods (`request()`, `connect()`) — loaded module by module. undici's index also loads fetch, WebSocket,
 * EventSource, the HTTP cache and the mocks: about 65 ms of CPU in a fresh process against 25 ms
 * for these, all of it paid by the first request (and, in the extension's bundle, parsed at every
 * activation). undici is pinned to one version in package.json, so these paths do not move under us.
 */

import Dispatcher from 'undici/lib/dispatcher/dispatcher';
import Agent from 'undici/lib/dispatcher/agent';
import Client from 'undici/lib/dispatcher/client';
import Pool from 'undici/lib/dispatcher/pool';
import ProxyAgent from 'undici/lib/dispatcher/proxy-agent';
import { connect, pipeline, request, stream, upgrade } from 'undici/lib/api';

// What undici's index does: its API functions (`request()`, and `connect()`, which ProxyAgent
// tunnels with) are Dispatcher methods. The index, if something else loads it, assigns the same.
// Named one by one: a namespace import would also carry esbuild's `default`.
Object.assign(Dispatcher.prototype, { connect, pipeline, request, stream, upgrade });

export { Agent, Client, Pool, ProxyAgent };
