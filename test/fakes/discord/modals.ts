/** The fake Discord lives in support/ so scripts/docker-check.ts shares it; tests import it from here. */
export * from '../../../support/fakes/discord/modals.ts';
