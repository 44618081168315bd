/**
 * Types for the undici modules `undiciParts.ts` loads one by one instead of the package's index
 * (which also loads fetch, WebSocket, the cache and the mocks). Each is the class or function
 * the index re-exports under the same name, so undici's own types describe it.
 */

declare module 'undici/lib/dispatcher/dispatcher' {
  import { Dispatcher } from 'undici';
  export = Dispatcher;
}

declare module 'undici/lib/dispatcher/agent' {
  import { Agent } from 'undici';
  export = Agent;
}

declare module 'undici/lib/dispatcher/client' {
  import { Client } from 'undici';
  export = Client;
}

declare module 'undici/lib/dispatcher/pool' {
  import { Pool } from 'undici';
  export = Pool;
}

declare module 'undici/lib/dispatcher/proxy-agent' {
  import { ProxyAgent } from 'undici';
  export = ProxyAgent;
}

declare module 'undici/lib/api' {
  import { connect, pipeline, request, stream, upgrade } from 'undici';
  export { connect, pipeline, request, stream, upgrade };
}
