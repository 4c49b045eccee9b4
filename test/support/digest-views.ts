/** The sample digest lives in support/ so scripts/docker-digest-check.ts shares it; tests import it from here. */
export * from '../../support/digest-views.ts';
