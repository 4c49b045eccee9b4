/** Registering `/quiz` with Discord: globally (reaches every server within the hour) or in one server (instant). */
import type { REST } from 'discord.js';
import { type RESTPutAPIApplicationCommandsResult, Routes } from 'discord-api-types/v10';
import { QUIZ_COMMAND } from './commands.ts';

export interface RegisterTarget {
  applicationId: string;
  /** One server, for testing a change before it goes global. */
  guildId?: string;
}

export async function registerCommands(
  rest: REST,
  target: RegisterTarget,
): Promise<RESTPutAPIApplicationCommandsResult> {
  const route = target.guildId
    ? Routes.applicationGuildCommands(target.applicationId, target.guildId)
    : Routes.applicationCommands(target.applicationId);
  // PUT replaces the whole set, so re-running is safe and removes commands that no longer exist.
  return (await rest.put(route, { body: [QUIZ_COMMAND] })) as RESTPutAPIApplicationCommandsResult;
}
