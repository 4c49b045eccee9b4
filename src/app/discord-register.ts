/**
 * `npm run discord:register [-- --guild <id>]`, or in the image `node dist/app/discord-register.js`:
 * registers the `/quiz` command with Discord, globally or in one server (`--guild`, or
 * DISCORD_GUILD_ID). Reads DISCORD_TOKEN, DISCORD_APPLICATION_ID and DISCORD_API_URL like the bot
 * does. Safe to re-run: it replaces the application's command set.
 */
import { parseArgs } from 'node:util';
import { REST } from 'discord.js';
import { config as loadEnvFile } from 'dotenv';
import { ConfigError, loadConfig } from './config.ts';
import { registerCommands } from '../adapters/discord/register-commands.ts';

loadEnvFile({ quiet: true });

try {
  const { values } = parseArgs({ options: { guild: { type: 'string' } } });
  const discord = loadConfig(process.env).discord;
  if (!discord) {
    throw new ConfigError([
      'DISCORD_TOKEN and DISCORD_APPLICATION_ID are missing: set both (developer portal: Bot page and General Information).',
    ]);
  }
  const guildId = values.guild ?? discord.guildId;
  const rest = new REST(discord.apiUrl ? { api: discord.apiUrl.replace(/\/+$/, '') } : {}).setToken(discord.token);
  const registered = await registerCommands(rest, {
    applicationId: discord.applicationId,
    ...(guildId ? { guildId } : {}),
  });
  const names = registered.map((c) => `/${c.name}`).join(', ');
  console.log(
    guildId
      ? `Registered ${names} in server ${guildId}.`
      : `Registered ${names} globally (may take up to an hour to appear everywhere).`,
  );
} catch (error) {
  console.error(
    error instanceof ConfigError
      ? `Could not register the commands; fix these settings:\n${error.problems.map((p) => `  - ${p}`).join('\n')}`
      : `Could not register the commands: ${(error as Error).message}`,
  );
  process.exitCode = 1;
}
