/**
 * Every fault of the table through the core's client (OpenAI's wire, and Anthropic's SSE and
 * Ollama's NDJSON where the decoder differs): a typed error or a correct result, the partial text
 * kept, retries and timeouts as configured, nothing unhandled, the next request working.
 * Figure: faults / core client.
 */

import { describe } from 'mocha';
import { runThroughCore } from './faults/coreWay';
import { faultsFor } from './faults/faultTable';
import { faultTrials } from './faults/faultSuite';

describe('hardening: faults through the core client', () => {
  faultTrials('core client', faultsFor('core client'), runThroughCore);
});
