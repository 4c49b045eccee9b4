import { describeAdapterContract } from './adapter-contract.ts';
import { discordCapabilities, startDiscordContractHarness } from './harnesses/discord.ts';

describeAdapterContract('discord', { capabilities: discordCapabilities, start: startDiscordContractHarness });
