import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PRACTICE_REVEAL_ACTION } from '../../../src/adapters/slack/render-replies.ts';
import { FAKE_BOT } from '../../fakes/slack/fake-slack-api.ts';
import { buttonPressPayload, eventCallbackBody, JSON_TYPE } from '../../fakes/slack/signed-requests.ts';
import { CHANNEL, type SlackHarness, startSlackHarness, USERS, waitFor } from './slack-harness.ts';

const ROUND_CHANNEL = `slack:${CHANNEL}` as const;
const STRANGER_TEAM = 'T0STRANGE';
const REFUSAL = 'This quiz bot is private to its own workspaces.';

describe('slack SLACK_ALLOWED_TEAMS', () => {
  let h: SlackHarness;
  beforeEach(async () => {
    h = await startSlackHarness({ allowedTeams: [FAKE_BOT.teamId] });
  });
  afterEach(async () => {
    await h.stop();
  });

  it('refuses /quiz from another workspace privately, in the acknowledgement, and does nothing else', async () => {
    const response = await h.slack.slashCommand({
      text: 'post-now',
      user_id: USERS.admin.id,
      channel_id: CHANNEL,
      team_id: STRANGER_TEAM,
      response_url: h.api.responseUrl('stranger'),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ response_type: 'ephemeral', text: REFUSAL });
    await h.adapter.settled();
    expect(h.api.responsesTo('stranger')).toEqual([]);
    expect(await h.store.getOpenRound(ROUND_CHANNEL)).toBeNull();
  });

  it('serves its own workspace as before', async () => {
    await h.command(USERS.admin, 'post-now');
    expect(await h.store.getOpenRound(ROUND_CHANNEL)).not.toBeNull();
  });

  it('ignores thread replies delivered for another workspace', async () => {
    await h.command(USERS.admin, 'post-now');
    const round = (await h.store.getOpenRound(ROUND_CHANNEL))!;
    const thread = round.post?.threadId as string;
    const body = JSON.parse(
      eventCallbackBody(
        {
          type: 'message',
          subtype: undefined,
          channel: CHANNEL,
          channel_type: 'channel',
          user: USERS.bob.id,
          text: 'a lock',
          ts: '1795100000.000900',
          thread_ts: thread,
          event_ts: '1795100000.000900',
        },
        'EvStranger',
      ),
    );
    body.team_id = STRANGER_TEAM;
    body.authorizations[0].team_id = STRANGER_TEAM;
    const response = await h.slack.send(JSON.stringify(body), JSON_TYPE);
    expect(response.status).toBe(200);
    await h.adapter.settled();
    expect(await h.store.countAnswers(ROUND_CHANNEL, round.id)).toBe(0);
    expect(h.logger.entries).toContainEqual(
      expect.objectContaining({ level: 'debug', message: 'ignored an event from another workspace' }),
    );
    await h.reply(USERS.carol, 'the GIL', thread);
    expect(await h.store.countAnswers(ROUND_CHANNEL, round.id)).toBe(1);
  });

  it('refuses a button pressed in another workspace with the same sentence', async () => {
    const press = buttonPressPayload({
      actionId: PRACTICE_REVEAL_ACTION,
      value: 'q1',
      user: USERS.bob,
      channelId: CHANNEL,
      responseUrl: h.api.responseUrl('button'),
    });
    const response = await h.slack.blockAction({
      ...press,
      team: { id: STRANGER_TEAM, domain: 'strangers' },
      user: { ...press.user, team_id: STRANGER_TEAM },
    });
    expect(response.status).toBe(200);
    const refused = await waitFor(() => h.api.responsesTo('button')[0], 'the refusal');
    expect(refused).toMatchObject({ response_type: 'ephemeral', replace_original: false, text: REFUSAL });
  });
});

describe('slack SLACK_ALLOWED_TEAMS with an organisation id', () => {
  it('serves every workspace of the listed organisation', async () => {
    const h = await startSlackHarness({ allowedTeams: ['E0ORG'] });
    try {
      const response = await h.slack.slashCommand({
        text: 'topics',
        user_id: USERS.bob.id,
        channel_id: CHANNEL,
        team_id: STRANGER_TEAM,
        enterprise_id: 'E0ORG',
        response_url: h.api.responseUrl('org'),
      });
      expect(response.status).toBe(200);
      const answer = await waitFor(() => h.api.responsesTo('org')[0], 'the answer to /quiz topics');
      expect(answer.text).not.toBe(REFUSAL);
    } finally {
      await h.stop();
    }
  });
});
