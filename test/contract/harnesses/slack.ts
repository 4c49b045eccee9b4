/**
 * The contract harness for Slack: the real Bolt adapter in HTTP mode against the fake Web API,
 * through the Slack integration harness. Commands and answers are signed requests; what the bot
 * sent is read back from the fake's recorded Web API calls.
 */
import type { MessageEvent } from '@slack/types';
import { ROUND_FEEDBACK_ACTION } from '../../../src/adapters/slack/render-rounds.ts';
import { channelId } from '../../../src/core/types.ts';
import { buttonPressPayload, channelButtonPayload } from '../../fakes/slack/signed-requests.ts';
import type { FakeUser } from '../../fakes/slack/fake-slack-api.ts';
import { CHANNEL, messageText, startSlackHarness, USERS, waitFor } from '../../integration/slack/slack-harness.ts';
import type {
  AdapterCapabilities,
  AdapterHarness,
  HarnessOptions,
  Member,
  QuestionPost,
  RevealPost,
} from './adapter-harness.ts';

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

/** "A ███░░ 2  67% ✓" as { picks: 2, right: true }. */
function tallyEntry(line: string): { picks: number; right: boolean } {
  const picks = /^[A-E] [█░]+ +(\d+) /.exec(line)?.[1];
  if (picks === undefined) throw new Error(`not a tally line: ${line}`);
  return { picks: Number(picks), right: line.endsWith('✓') };
}

export const slackCapabilities: AdapterCapabilities = {
  history: true,
  editing: true,
  bots: true,
  members: true,
  privateReplies: true,
  revealedPost: true,
  buttonRounds: true,
  buttons: true,
};

type Blocks = { type: string; elements?: { action_id: string; value: string; text?: { text?: string } }[] }[];

/** The buttons of a message's actions blocks whose action_id matches. */
function buttonsIn(blocks: unknown, actionId: RegExp) {
  return ((Array.isArray(blocks) ? blocks : []) as Blocks)
    .flatMap((b) => (b.type === 'actions' ? (b.elements ?? []) : []))
    .filter((e) => actionId.test(e.action_id));
}

/** The lines of a reveal's tally code block, and the ids its "Got it right" line mentions. */
function choiceParts(text: string): { tally: string[]; right: string[] } | undefined {
  const lines = text.split('\n');
  const head = lines.findIndex(
    (l) => /got it right|Nobody answered/i.test(l) && l.startsWith('*') && !l.startsWith('*Got'),
  );
  if (head < 0 || lines[head + 1] !== '```') return undefined;
  const end = lines.indexOf('```', head + 2);
  const rightLine = lines.find((l) => l.startsWith('*Got it right:*')) ?? '';
  return {
    tally: lines.slice(head + 2, end),
    right: [...rightLine.matchAll(/<@([A-Z0-9]+)>/g)].map((m) => m[1] as string),
  };
}

export async function startSlackContractHarness(options: HarnessOptions = {}): Promise<AdapterHarness> {
  const h = await startSlackHarness({}, options.bank ? { bank: options.bank } : {});
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

  const questionPosts = () =>
    api.posted.filter((m) => m.bot_id && !m.thread_ts && String(m.text).startsWith('Question of the day'));
  // Each round's post as it was first shown, for a click by a client that has not seen it close.
  const firstSeen = new Map<string, { ts: string; text: unknown; blocks?: unknown }>();
  const latestPost = () => {
    const post = questionPosts().at(-1);
    if (!post) throw new Error('no question has been posted yet');
    if (!firstSeen.has(post.ts)) firstSeen.set(post.ts, { ts: post.ts, text: post.text, blocks: post.blocks });
    return post;
  };
  const practiceQuestions = new Map<Member, Record<string, unknown>>();
  const nameOf = (id: string) =>
    (Object.entries(PEOPLE) as [Member, FakeUser][]).find(([, user]) => user.id === id)?.[0] ?? id;
  /** Sends a click; resolves with what the app POSTed to its response_url. */
  const clickWith = async (
    who: Member,
    payload: (responseUrl: string) => Parameters<typeof h.slack.blockAction>[0],
  ) => {
    presses += 1;
    const id = `click-${presses}`;
    const response = await h.slack.blockAction(payload(api.responseUrl(id)));
    if (response.status !== 200) throw new Error(`${who}'s click was answered with HTTP ${response.status}`);
    const answer = await waitFor(() => api.responsesTo(id)[0], `the answer to ${who}'s click`);
    return {
      text: messageText(answer),
      visibleTo: answer.response_type === 'in_channel' ? ('channel' as const) : ('caller' as const),
    };
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
      if (text.startsWith('post-now')) latestPost();
      if (buttonsIn(response.blocks, /^quiz_practice_pick_/).length > 0) practiceQuestions.set(who, response);
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
    async pick(who, option, { stale = false } = {}) {
      const post = latestPost();
      const seen = stale ? (firstSeen.get(post.ts) ?? post) : post;
      const button = buttonsIn(seen.blocks, new RegExp(`^quiz_pick_${option}$`))[0];
      if (!button) throw new Error(`no button ${option} on the question post`);
      return clickWith(who, (responseUrl) =>
        channelButtonPayload({ button, user: PEOPLE[who], channelId: CHANNEL, message: seen, responseUrl }),
      );
    },
    async practicePick(who, option) {
      const question = practiceQuestions.get(who);
      const button = buttonsIn(question?.blocks, new RegExp(`^quiz_practice_pick_${option}$`))[0];
      if (!button) throw new Error(`${who} has no practice question with a button ${option}`);
      return clickWith(who, (responseUrl) =>
        buttonPressPayload({
          actionId: button.action_id,
          value: button.value,
          user: PEOPLE[who],
          channelId: CHANNEL,
          responseUrl,
        }),
      );
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
        const stored = api.posted.find((m) => m.ts === stamps[i]);
        const post: QuestionPost = {
          text: messageText(call.args),
          liveButtons: buttonsIn(stored?.blocks, /^quiz_pick_/).map((b) => b.text?.text ?? ''),
        };
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
      const choice = choiceParts(messageText(last.args));
      if (choice)
        return {
          inThread: last.args.thread_ts === thread && last.args.channel === CHANNEL,
          text: messageText(last.args),
          answered: '',
          feedback: [],
          tally: choice.tally.map(tallyEntry),
          right: choice.right.map(nameOf),
        } satisfies RevealPost;
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
