/** The fake Slack Web API lives in support/ so scripts/bench.ts shares it; tests import it from here. */
export * from '../../../support/fakes/slack/fake-slack-api.ts';
