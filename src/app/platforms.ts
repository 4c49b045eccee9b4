/**
 * Builds the adapter of every platform whose settings are present. Platform packages are loaded
 * only when their platform is configured, so the terminal demo never loads discord.js or Bolt.
 */
import type { ChatAdapter } from '../ports/chat.ts';
import type { Clock } from '../ports/clock.ts';
import type { Logger } from '../ports/logger.ts';
import type { SharedRateBudget } from '../ports/rate-budget.ts';
import type { Config } from './config.ts';
import type { Route } from './http.ts';

export interface PlatformAdapters {
  adapters: ChatAdapter[];
  /** True when Slack's HTTP receiver serves the operator routes on PORT. */
  routesMounted: boolean;
}

export async function createPlatformAdapters(
  config: Config,
  logger: Logger,
  routes: Route[],
  clock: Clock,
  /** Discord's REST rate shared by the replicas: the Redis store's budget, absent on the memory store. */
  restBudget?: SharedRateBudget,
): Promise<PlatformAdapters> {
  const adapters: ChatAdapter[] = [];
  let routesMounted = false;
  if (config.discord) {
    const { createDiscordAdapter } = await import('../adapters/discord/client.ts');
    adapters.push(createDiscordAdapter(config.discord, { logger, clock, ...(restBudget ? { restBudget } : {}) }));
  }
  if (config.slack) {
    const { createSlackAdapter, slackOwnsPort } = await import('../adapters/slack/client.ts');
    routesMounted = slackOwnsPort(config.slack);
    adapters.push(
      createSlackAdapter(config.slack, {
        logger,
        clock,
        port: config.port,
        ...(restBudget ? { restBudget } : {}),
        ...(routesMounted ? { customRoutes: routes } : {}),
      }),
    );
  }
  return { adapters, routesMounted };
}
