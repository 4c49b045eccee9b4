import { describeAdapterContract } from './adapter-contract.ts';
import { slackCapabilities, startSlackContractHarness } from './harnesses/slack.ts';

describeAdapterContract('slack', { capabilities: slackCapabilities, start: startSlackContractHarness });
