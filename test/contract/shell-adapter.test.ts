import { describeAdapterContract } from './adapter-contract.ts';
import { shellCapabilities, startShellContractHarness } from './harnesses/shell.ts';

describeAdapterContract('shell', { capabilities: shellCapabilities, start: startShellContractHarness });
