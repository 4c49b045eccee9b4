/** The fake Discord lives in support/ so the bench shares it; tests import it from here. */
export * from '../../../support/fakes/discord/fake-discord.ts';
