/** Signed Slack requests live in support/ so scripts/bench.ts shares them; tests import them from here. */
export * from '../../../support/fakes/slack/signed-requests.ts';
