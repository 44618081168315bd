/**
 * Every streamed fault of the table through the chat: the controller on the core's client as the
 * shell configures it, the conversation saved to disk. The partial answer stays in the
 * conversation with the typed error shown, nothing unhandled, and the next question on the same
 * controller is answered. Figure: faults / chat.
 */

import { describe } from 'mocha';
import { useChatRigs } from '../../helpers/chatHarness';
import { runThroughChat } from './faults/chatWay';
import { faultsFor } from './faults/faultTable';
import { faultTrials } from './faults/faultSuite';

describe('hardening: faults through the chat', () => {
  const rigs = useChatRigs();
  faultTrials('chat', faultsFor('chat'), (fault, lab) => runThroughChat(fault, lab, rigs));
});
