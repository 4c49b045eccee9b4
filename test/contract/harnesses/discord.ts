/**
 * The contract harness for Discord: the real discord.js adapter against the fake Discord, through
 * the Discord integration harness. Commands become slash-command interactions, answers become
 * gateway messages, and what the bot sent is read back from the fake's recorded REST requests.
 */
import type { APIEmbed, APIMessage, APIUser } from 'discord-api-types/v10';
import { vi } from 'vitest';
import { buttonsOf, type CommandOptionValues } from '../../fakes/discord/fake-discord.ts';
import { answerOf, startDiscordQuiz } from '../../integration/discord/harness.ts';
import { waitFor } from '../../support/wait-for.ts';
import type {
  AdapterCapabilities,
  AdapterHarness,
  HarnessOptions,
  Member,
  QuestionPost,
  RevealPost,
} from './adapter-harness.ts';

/** The subcommands' options in the order `/quiz <name> ...` takes them as words. */
const POSITIONAL_OPTIONS: Record<string, string[]> = {
  schedule: ['time', 'timezone', 'days', 'window'],
  leaderboard: ['board'],
  away: ['when'],
  digest: ['state', 'day', 'time'],
  'post-now': ['format'],
};

const LATE_REACTION = '⏰';

function embedText(embed: APIEmbed): string {
  return [
    embed.author?.name,
    embed.title,
    embed.description,
    ...(embed.fields ?? []).map((f) => `${f.name}: ${f.value}`),
    embed.footer?.text,
  ]
    .filter((part) => part !== undefined)
    .join('\n');
}

function messageText(message: Pick<APIMessage, 'content' | 'embeds'>): string {
  return [message.content, ...(message.embeds ?? []).map(embedText)].filter(Boolean).join('\n');
}

/** "• **Bob**: 2/3 key points" as "Bob: 2/3 key points". */
function plainFeedback(line: string): string {
  return line.replace(/^• /, '').replace(/\*\*(.*?)\*\*/, '$1');
}

/** "A ███░░ 2  67% ✓" as { picks: 2, right: true }. */
function tallyEntry(line: string): { picks: number; right: boolean } {
  const picks = /^[A-E] [█░]+ +(\d+) /.exec(line)?.[1];
  if (picks === undefined) throw new Error(`not a tally line: ${line}`);
  return { picks: Number(picks), right: line.endsWith('✓') };
}

export const discordCapabilities: AdapterCapabilities = {
  history: true,
  editing: true,
  bots: true,
  members: true,
  privateReplies: true,
  revealedPost: true,
  buttonRounds: true,
  buttons: true,
};

export async function startDiscordContractHarness(options: HarnessOptions = {}): Promise<AdapterHarness> {
  const h = await startDiscordQuiz(options.bank ? { bank: options.bank } : {});
  const { fake } = h;
  const people = new Map<Member, APIUser>();
  const person = (who: Member): APIUser => {
    const known = people.get(who) ?? fake.user(who);
    people.set(who, known);
    return known;
  };
  let thread: string | undefined;
  const rememberLatestRound = async () => {
    const post = (await h.store.getOpenRound(h.channel))?.post;
    if (post) thread = post.threadId;
  };
  const botMessages = () => [...fake.messages.values()].filter((m) => m.author.id === fake.bot.id);
  const crowd = new Map<string, APIUser>();
  const revealMessage = () =>
    botMessages()
      .filter((m) => m.embeds[0]?.title?.startsWith('Answer: '))
      .at(-1);
  const latestThread = (): string => {
    if (!thread) throw new Error('no round has been posted yet');
    return thread;
  };
  // Wait for the core to finish with each gateway event, as Slack's harness waits for its adapter.
  const handled = {
    created: vi.spyOn(h.quiz, 'threadMessage'),
    edited: vi.spyOn(h.quiz, 'threadMessageEdited'),
    deleted: vi.spyOn(h.quiz, 'threadMessageDeleted'),
  };
  const afterHandling = async (kind: keyof typeof handled, act: () => void) => {
    const before = handled[kind].mock.calls.length;
    act();
    await waitFor(() => handled[kind].mock.settledResults.length > before, `the ${kind} message to be handled`);
  };

  const questionPosts = () =>
    botMessages().filter(
      (m) => m.channel_id === fake.channelId && m.embeds[0]?.author?.name?.startsWith('Question of the day'),
    );
  // Each round's post as it was first shown, for a click by a client that has not seen it close.
  const firstSeen = new Map<string, APIMessage>();
  const latestPost = (): APIMessage => {
    const post = questionPosts().at(-1);
    if (!post) throw new Error('no question has been posted yet');
    if (!firstSeen.has(post.id)) firstSeen.set(post.id, post);
    return post;
  };
  const practiceQuestions = new Map<Member, APIMessage>();
  const nameOf = (id: string) => [...people].find(([, user]) => user.id === id)?.[0] ?? id;
  const click = async (who: Member, on: APIMessage, option: number, stale = false) => {
    const button = buttonsOf(on)[option];
    if (!button?.custom_id) throw new Error(`no button ${option} on message ${on.id}`);
    const answer = await answerOf(h, fake.pressButton(person(who), button.custom_id, on, { stale }));
    return { text: messageText(answer.message), visibleTo: answer.ephemeral ? 'caller' : 'channel' } as const;
  };

  return {
    capabilities: discordCapabilities,
    store: h.store,
    clock: h.clock,
    channel: h.channel,
    userId: (who) => person(who).id,
    async command(who, text) {
      const [name = '', ...words] = text.trim().split(/\s+/);
      const options: CommandOptionValues = {};
      for (const [i, option] of (POSITIONAL_OPTIONS[name] ?? []).entries()) options[option] = words[i];
      const answer = await answerOf(h, fake.runCommand(person(who), name, options, { admin: who === 'Ada' }));
      await rememberLatestRound();
      if (name === 'post-now') latestPost();
      if (buttonsOf(answer.message).some((b) => b.custom_id?.startsWith('quiz:practice-pick:')))
        practiceQuestions.set(who, answer.message);
      return { text: messageText(answer.message), visibleTo: answer.ephemeral ? 'caller' : 'channel' };
    },
    async answer(who, text) {
      let posted: APIMessage | undefined;
      await afterHandling('created', () => {
        posted = fake.postMessage(latestThread(), person(who), text);
      });
      return { id: posted!.id };
    },
    async answerAsBot(text) {
      await afterHandling('created', () => fake.postMessage(latestThread(), fake.user('Helper', { bot: true }), text));
    },
    async edit(answer, text) {
      await afterHandling('edited', () => fake.editMessage(answer.id, text));
    },
    async delete(answer) {
      await afterHandling('deleted', () => fake.deleteMessage(answer.id));
    },
    async answerUnseen(who, text, at) {
      fake.postMessage(latestThread(), person(who), text, { delivered: false, at });
    },
    async answerAs(name, text) {
      const author = crowd.get(name) ?? fake.user(name);
      crowd.set(name, author);
      await afterHandling('created', () => fake.postMessage(latestThread(), author, text));
    },
    async myFeedback(name) {
      const reveal = revealMessage();
      const row = reveal?.components?.[0] as { components?: { custom_id?: string }[] } | undefined;
      const customId = row?.components?.[0]?.custom_id;
      if (!reveal || !customId) throw new Error('the reveal has no My feedback button');
      const who = crowd.get(name) ?? person(name as Member);
      const answer = await answerOf(h, fake.pressButton(who, customId, reveal));
      return { text: messageText(answer.message), visibleTo: answer.ephemeral ? 'caller' : 'channel' };
    },
    async pick(who, option, { stale = false } = {}) {
      const post = latestPost();
      return click(who, stale ? (firstSeen.get(post.id) ?? post) : post, option, stale);
    },
    async practicePick(who, option) {
      const question = practiceQuestions.get(who);
      if (!question) throw new Error(`${who} has no practice question with buttons`);
      return click(who, question, option);
    },
    rejected: () =>
      fake.rejected.map(
        (r) => `${r.method} ${r.path}: ${r.violations.map((v) => `${v.path} ${v.message}`).join('; ')}`,
      ),
    async advanceTo(at) {
      h.clock.set(at);
      await h.quiz.tick();
      await rememberLatestRound();
    },
    questions() {
      return questionPosts().map((m) => {
        const post: QuestionPost = {
          text: messageText(m),
          liveButtons: buttonsOf(m)
            .filter((b) => !b.disabled)
            .map((b) => b.label ?? ''),
        };
        if (m.embeds[0]?.author?.name === 'Question of the day (revealed)')
          post.revealedNote = m.embeds[0].fields?.at(-1)?.value;
        return post;
      });
    },
    digests() {
      return botMessages()
        .filter((m) => m.channel_id === fake.channelId && m.embeds[0]?.title?.startsWith('Weekly digest'))
        .map((m) => {
          const upload = fake.uploads.get(m.id)?.[0];
          const shown = m.embeds[0]?.image?.url === `attachment://${m.attachments[0]?.filename}`;
          return {
            text: messageText(m),
            ...(upload ? { image: { png: upload.data, shownInMessage: shown } } : {}),
          };
        });
    },
    reveal() {
      const last = revealMessage();
      if (!last) return undefined;
      const answers: APIEmbed = last.embeds[1] ?? {};
      const tally = /^```\n([\s\S]*)\n```$/.exec(answers.description ?? '')?.[1];
      if (tally !== undefined) {
        const right = answers.fields?.find((f) => f.name === 'Got it right')?.value ?? '';
        return {
          inThread: last.channel_id === thread,
          text: messageText(last),
          answered: answers.title ?? '',
          feedback: [],
          tally: tally.split('\n').map(tallyEntry),
          right: [...right.matchAll(/<@(\d+)>/g)].map((m) => nameOf(m[1] as string)),
        } satisfies RevealPost;
      }
      return {
        inThread: last.channel_id === thread,
        text: messageText(last),
        answered: answers.title ?? '',
        feedback: (answers.description ?? '').split('\n').filter(Boolean).map(plainFeedback),
      } satisfies RevealPost;
    },
    async lateNoteOn(answer) {
      await waitFor(
        () =>
          fake.reactions.find(
            (r) => r.messageId === answer.id && r.emoji === LATE_REACTION && r.userId === fake.bot.id,
          ),
        `a ${LATE_REACTION} reaction on the late reply`,
      );
    },
    async notRecordedNoteOn(answer) {
      const reply = fake.messages.get(answer.id);
      await waitFor(
        () =>
          [...fake.messages.values()].find(
            (m) =>
              m.channel_id === reply?.channel_id &&
              m.author.id === fake.bot.id &&
              m.content.includes('could not record this answer'),
          ),
        'a reply telling the author the answer was not recorded',
      );
    },
    stop: () => h.stop(),
  };
}
