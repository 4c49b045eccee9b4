/**
 * Builds the adapter of every platform whose settings are present. Platform packages are loaded
 * only when their platform is configured.
 */
import type { ChatAdapter } from '../ports/chat.ts';
import type { Logger } from '../ports/logger.ts';
import type { Config } from './config.ts';
import type { Route } from './http.ts';

export interface PlatformAdapters {
  adapters: ChatAdapter[];
  /** True when Slack's HTTP receiver serves the operator routes on PORT. */
  routesMounted: boolean;
}

export async function createPlatformAdapters(config: Config, logger: Logger, routes: Route[]): Promise<PlatformAdapters> {
  const adapters: ChatAdapter[] = [];
  void routes;
  if (config.discord || config.slack) logger.warn({}, 'platform adapters are not wired yet');
  return { adapters, routesMounted: false };
}
