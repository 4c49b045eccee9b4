/**
 * One quiz wired to the real Discord adapter and a fake Discord: a MemoryStore, a fake clock, and a
 * recording logger. Each test file starts its own and stops it afterwards.
 */
import type { QuestionBank } from '../../../src/core/bank.ts';
import { channelId, type ChannelId } from '../../../src/core/types.ts';
import { createDiscordAdapter } from '../../../src/adapters/discord/client.ts';
import type { DiscordAdapter } from '../../../src/adapters/discord/adapter.ts';
import type { APIUser } from 'discord-api-types/v10';
import { FakeDiscord, type VisibleAnswer } from '../../fakes/discord/fake-discord.ts';
import { waitFor } from '../../support/wait-for.ts';
import { FakeClock } from '../../support/fake-clock.ts';
import { RecordingLogger } from '../../support/recording-logger.ts';
import { MONDAY_0800_UTC, makeQuiz, type QuizHarness } from '../../support/fixtures.ts';
import { VegaDigestChart } from '../../../src/chart/digest-chart.ts';

export interface DiscordHarness extends QuizHarness {
  fake: FakeDiscord;
  adapter: DiscordAdapter;
  logger: RecordingLogger;
  /** The quiz channel as the core names it. */
  channel: ChannelId;
  stop(): Promise<void>;
}

export async function startDiscordQuiz(
  options: {
    messageContent?: boolean;
    heartbeatIntervalMs?: number;
    /** DISCORD_ALLOWED_GUILDS set to the fake's own server. */
    onlyOwnGuild?: boolean;
    /** Sets the fake up before the bot connects, e.g. servers it is already in. */
    beforeStart?: (fake: FakeDiscord) => void;
    /** The questions the quiz asks (default: the free-text test bank). */
    bank?: QuestionBank;
  } = {},
): Promise<DiscordHarness> {
  const fake = await FakeDiscord.start({ heartbeatIntervalMs: options.heartbeatIntervalMs ?? 41_250 });
  options.beforeStart?.(fake);
  const logger = new RecordingLogger();
  const clock = new FakeClock(MONDAY_0800_UTC);
  const adapter = createDiscordAdapter(
    {
      token: 'fake-bot-token',
      apiUrl: fake.apiUrl,
      messageContent: options.messageContent ?? true,
      ...(options.onlyOwnGuild ? { allowedGuilds: [fake.guildId] } : {}),
    },
    { logger, clock },
  );
  const harness = makeQuiz({
    adapters: new Map([['discord', adapter]]),
    clock,
    logger,
    digestChart: new VegaDigestChart(),
    ...(options.bank ? { bank: options.bank } : {}),
  });
  await adapter.start(harness.quiz);
  return {
    ...harness,
    fake,
    adapter,
    logger,
    channel: channelId('discord', fake.channelId),
    async stop() {
      await adapter.stop();
      await fake.stop();
    },
  };
}

/** Waits for the message the user finally sees in answer to an interaction. */
export function answerOf(h: DiscordHarness, token: string): Promise<VisibleAnswer> {
  return waitFor(() => h.fake.answerTo(token), `the bot's answer to interaction ${token}`);
}

/** An admin runs `/quiz post-now`; resolves with the round's post once the thread exists. */
export async function postNow(
  h: DiscordHarness,
  admin: APIUser,
): Promise<{ messageId: string; threadId: string; answer: VisibleAnswer }> {
  const answer = await answerOf(h, h.fake.runCommand(admin, 'post-now', {}, { admin: true }));
  const round = await h.store.getOpenRound(h.channel);
  if (!round?.post) throw new Error(`post-now did not post: ${answer.message.content}`);
  return { ...round.post, answer };
}
