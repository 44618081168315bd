/**
 * What the team gateway's tests share: a loopback server that serves `/v1/model/info` and
 * `/key/info` from LiteLLM's recorded bodies and chat from a reply each test may change, and a
 * client whose environment points `litellm_proxy` at it with a member's virtual key.
 */

import type { Client, CompletionParams } from '../../src/core';
import { loadFixture } from '../helpers/fixtures';
import { useHarness } from '../helpers/llmHarness';
import type { RecordedRequest, Reply, WireServer } from '../helpers/wireServer';

export const modelInfo = loadFixture('litellm_proxy/model_info');
export const keyInfo = loadFixture('litellm_proxy/key_info');
export const answer = loadFixture('openai/chat_nonstream_text');
export const memberKey = 'sk-team-member-virtual-key-9f8e7d';
export const messages: CompletionParams['messages'] = [{ role: 'user', content: 'Hello' }];

export interface Gateway {
  readonly harness: ReturnType<typeof useHarness>;
  readonly server: WireServer;
  readonly client: Client;
  /** The reply for chat requests (the recorded answer unless a test sets another). */
  chatReply: (request: RecordedRequest) => Reply;
  chatRequests(): RecordedRequest[];
}

/** A fresh gateway and client before each test of the calling `describe`. */
export function useGateway(): Gateway {
  const harness = useHarness({ retry: { maxRetries: 0 } });
  let server: WireServer | undefined;
  let client: Client | undefined;
  const gateway: Gateway = {
    harness,
    get server() {
      return server as WireServer;
    },
    get client() {
      return client as Client;
    },
    chatReply: () => answer.reply(),
    chatRequests: () => (server as WireServer).requests.filter((request) => request.url.endsWith('/chat/completions')),
  };
  beforeEach(async () => {
    gateway.chatReply = () => answer.reply();
    server = await harness.server((request) => {
      if (request.url === '/v1/model/info') {
        return modelInfo.reply();
      }
      if (request.url === '/key/info') {
        return keyInfo.reply();
      }
      return gateway.chatReply(request);
    });
    client = harness.client({ env: { LITELLM_PROXY_API_BASE: server.url, LITELLM_PROXY_API_KEY: memberKey } });
  });
  return gateway;
}
