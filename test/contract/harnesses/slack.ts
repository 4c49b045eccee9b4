/**
 * The contract harness for Slack: the real Bolt adapter in HTTP mode against the fake Web API,
 * through the Slack integration harness. Commands and answers are signed requests; what the bot
 * sent is read back from the fake's recorded Web API calls.
 */
import type { MessageEvent } from '@slack/types';
import { ROUND_FEEDBACK_ACTION } from '../../../src/adapters/slack/render-rounds.ts';
import { channelId } from '../../../src/core/types.ts';
import { buttonPressPayload } from '../../fakes/slack/signed-requests.ts';
import type { FakeUser } from '../../fakes/slack/fake-slack-api.ts';
import { CHANNEL, messageText, startSlackHarness, USERS, waitFor } from '../../integration/slack/slack-harness.ts';
import type { AdapterCapabilities, AdapterHarness, Member, QuestionPost, RevealPost } from './adapter-harness.ts';

const PEOPLE: Record<Member, FakeUser> = { Ada: USERS.admin, Bob: USERS.bob, Carol: USERS.carol };

/** A thread reply as Slack carries it inside edit and delete events. */
function replyEvent(user: FakeUser, text: string, ts: string, threadTs: string): MessageEvent {
  return {
    type: 'message',
    subtype: undefined,
    channel: CHANNEL,
    channel_type: 'channel',
    user: user.id,
    text,
    ts,
    thread_ts: threadTs,
    event_ts: ts,
  };
}

export const slackCapabilities: AdapterCapabilities = {
  history: true,
  editing: true,
  bots: true,
  members: true,
  privateReplies: true,
  revealedPost: true,
};

export async function startSlackContractHarness(): Promise<AdapterHarness> {
  const h = await startSlackHarness();
  const { api } = h;
  const channel = channelId('slack', CHANNEL);
  let thread: string | undefined;
  const sent = new Map<string, { who: Member; text: string; thread: string }>();
  let events = 0;
  const rememberLatestRound = async () => {
    const post = (await h.store.getOpenRound(channel))?.post;
    if (post) thread = post.threadId;
  };
  const crowd = new Map<string, FakeUser>();
  let presses = 0;
  const revealCall = () =>
    api
      .callsOf('chat.postMessage')
      .filter((c) => String(c.args.text).startsWith('Answer:'))
      .at(-1);
  const latestThread = (): string => {
    if (!thread) throw new Error('no round has been posted yet');
    return thread;
  };
  const sentReply = (id: string) => {
    const reply = sent.get(id);
    if (!reply) throw new Error(`no reply ${id} was sent`);
    return reply;
  };
  const changeEvent = (event: Record<string, unknown>) => {
    events += 1;
    const ts = `1795200000.${String(events).padStart(6, '0')}`;
    return h.event(
      {
        type: 'message',
        channel: CHANNEL,
        channel_type: 'channel',
        hidden: true,
        ts,
        event_ts: ts,
        ...event,
      } as unknown as MessageEvent,
      `EvChange${events}`,
    );
  };

  return {
    capabilities: slackCapabilities,
    store: h.store,
    clock: h.clock,
    channel,
    userId: (who) => PEOPLE[who].id,
    async command(who, text) {
      const response = await h.command(PEOPLE[who], text);
      await rememberLatestRound();
      return { text: messageText(response), visibleTo: response.response_type === 'in_channel' ? 'channel' : 'caller' };
    },
    async answer(who, text) {
      const { ts } = await h.reply(PEOPLE[who], text, latestThread());
      sent.set(ts, { who, text, thread: latestThread() });
      return { id: ts };
    },
    async answerAsBot(text) {
      events += 1;
      const ts = `1795300000.${String(events).padStart(6, '0')}`;
      await h.event(
        {
          type: 'message',
          subtype: 'bot_message',
          channel: CHANNEL,
          channel_type: 'channel',
          bot_id: 'BOTHER',
          text,
          ts,
          thread_ts: latestThread(),
          event_ts: ts,
        },
        `EvBot${events}`,
      );
    },
    async edit(answer, text) {
      const before = sentReply(answer.id);
      sent.set(answer.id, { ...before, text });
      await changeEvent({
        subtype: 'message_changed',
        message: replyEvent(PEOPLE[before.who], text, answer.id, before.thread),
        previous_message: replyEvent(PEOPLE[before.who], before.text, answer.id, before.thread),
      });
    },
    async delete(answer) {
      const before = sentReply(answer.id);
      await changeEvent({
        subtype: 'message_deleted',
        deleted_ts: answer.id,
        previous_message: replyEvent(PEOPLE[before.who], before.text, answer.id, before.thread),
      });
    },
    async answerUnseen(who, text, at) {
      // Slack gave up redelivering the event: the reply is only in the thread's history, sent at `at`.
      api.addThreadReply(CHANNEL, latestThread(), PEOPLE[who].id, text, at);
    },
    async answerAs(name, text) {
      let user = crowd.get(name);
      if (!user) {
        user = { id: `UCROWD${crowd.size + 1}`, name: `crowd${crowd.size + 1}`, displayName: name };
        crowd.set(name, user);
        api.addUser(user);
      }
      await h.reply(user, text, latestThread());
    },
    async myFeedback(name) {
      const user = crowd.get(name) ?? PEOPLE[name as Member];
      const reveal = revealCall();
      const blocks = (reveal?.args.blocks ?? []) as {
        type: string;
        elements?: { action_id: string; value: string }[];
      }[];
      const button = blocks
        .flatMap((b) => (b.type === 'actions' ? (b.elements ?? []) : []))
        .find((e) => e.action_id === ROUND_FEEDBACK_ACTION);
      if (!button) throw new Error('the reveal has no My feedback button');
      presses += 1;
      const id = `feedback-${presses}`;
      await h.slack.blockAction(
        buttonPressPayload({
          actionId: button.action_id,
          value: button.value,
          user,
          channelId: CHANNEL,
          responseUrl: api.responseUrl(id),
        }),
      );
      const response = await waitFor(() => api.responsesTo(id)[0], `${name}'s feedback`);
      return { text: messageText(response), visibleTo: response.response_type === 'in_channel' ? 'channel' : 'caller' };
    },
    rejected: () => api.rejected.map((r) => `${r.method}: ${r.error} (${r.detail})`),
    async advanceTo(at) {
      h.clock.set(at);
      await h.quiz.tick();
      await rememberLatestRound();
    },
    questions() {
      const posts = api.callsOf('chat.postMessage').filter((c) => !c.args.thread_ts);
      const stamps = api.posted.filter((m) => m.bot_id && !m.thread_ts).map((m) => m.ts);
      return posts.flatMap((call, i) => {
        if (!String(call.args.text).startsWith('Question of the day')) return [];
        const post: QuestionPost = { text: messageText(call.args) };
        const update = api.callsOf('chat.update').find((c) => c.args.ts === stamps[i]);
        if (update) post.revealedNote = messageText(update.args);
        return [post];
      });
    },
    digests() {
      // files.uploadV2: announced, uploaded in full, then shared in the channel with the text as its comment.
      const shared = [...api.files.values()].filter((f) => f.channel === CHANNEL && f.data);
      const texts = api.callsOf('chat.postMessage').filter((c) => String(c.args.text).startsWith('*Weekly digest'));
      return [
        ...shared.map((f) => ({
          text: String(f.comment ?? ''),
          image: { png: f.data as Buffer, shownInMessage: f.filename.endsWith('.png') },
        })),
        ...texts.map((c) => ({ text: String(c.args.text) })),
      ];
    },
    reveal() {
      const last = revealCall();
      if (!last) return undefined;
      const lines = messageText(last.args).split('\n');
      const headline = lines.find((line) => /^\*\d+ answered\*$/.test(line) || line === 'Nobody answered this one.');
      return {
        inThread: last.args.thread_ts === thread && last.args.channel === CHANNEL,
        text: messageText(last.args),
        answered: (headline ?? '').replace(/^\*(.*)\*$/, '$1'),
        feedback: lines.filter((line) => line.startsWith('• ')).map((line) => line.slice(2)),
      } satisfies RevealPost;
    },
    async lateNoteOn(answer) {
      await waitFor(
        () =>
          api
            .callsOf('reactions.add')
            .find((c) => c.args.channel === CHANNEL && c.args.timestamp === answer.id && c.args.name === 'alarm_clock'),
        'an alarm_clock reaction on the late reply',
      );
    },
    async notRecordedNoteOn(answer) {
      const { who, thread: threadTs } = sentReply(answer.id);
      await waitFor(
        () =>
          api
            .callsOf('chat.postEphemeral')
            .find(
              (c) =>
                c.args.channel === CHANNEL &&
                c.args.user === PEOPLE[who].id &&
                c.args.thread_ts === threadTs &&
                String(c.args.text).includes('could not record this answer'),
            ),
        'a note only the author sees that the answer was not recorded',
      );
    },
    stop: () => h.stop(),
  };
}
