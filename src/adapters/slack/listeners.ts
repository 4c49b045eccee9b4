/**
 * What Bolt delivers, handed to the core: `/quiz` commands, `message` events in threads, the
 * practice "Reveal answer" and reveal "My feedback" buttons, and the option buttons of button questions. Each is acknowledged before any work (Slack's 3-second rule);
 * commands and buttons are answered afterwards through their response_url.
 */
import type { App, BlockButtonAction, RespondFn, SlashCommand } from '@slack/bolt';
import type { MessageEvent } from '@slack/types';
import type { Person } from '../../core/types.ts';
import { splitChannelId } from '../../core/types.ts';
import type { Reply } from '../../core/views.ts';
import type { InboundHandler, ThreadMessage } from '../../ports/chat.ts';
import type { Clock } from '../../ports/clock.ts';
import type { Logger } from '../../ports/logger.ts';
import { type ChannelProblems, placeProblem } from '../channel-problems.ts';
import { rawContext, rawSection, type SlackMessage } from './blocks.ts';
import type { InFlight } from './in-flight.ts';
import { escapeMrkdwn } from './mrkdwn.ts';
import { PRACTICE_REVEAL_ACTION, renderReply } from './render-replies.ts';
import { ROUND_FEEDBACK_ACTION } from './render-rounds.ts';
import type { SeenEvents } from './seen-events.ts';
import { PRACTICE_PICK_ACTION, ROUND_PICK_ACTION } from './render-choice.ts';
import {
  toCommandRequest,
  toPick,
  toPracticePick,
  toPracticeReveal,
  toRoundFeedbackPress,
  toThreadEvent,
} from './translate.ts';
import { adminIn, type UserDirectory } from './user-directory.ts';

export interface ListenerDeps {
  inbound: InboundHandler;
  directory: UserDirectory;
  /** The only workspaces or organisations served (SLACK_ALLOWED_TEAMS); absent: every one. */
  allowedTeams?: ReadonlySet<string>;
  seen: SeenEvents;
  inFlight: InFlight;
  logger: Logger;
  clock: Clock;
  /** Problems admins should hear about in their next command, per channel. */
  problems: ChannelProblems;
  markLateReply(nativeChannelId: string, messageId: string): Promise<void>;
  tellNotRecorded(nativeChannelId: string, threadTs: string, userId: string): Promise<void>;
  /** How long a reply waits for its author's name (NAME_WAIT_MS unless a test passes less). */
  nameWaitMs?: number;
}

export const PRIVATE_BOT_REPLY = 'This quiz bot is private to its own workspaces.';

/**
 * Whether a request comes from a workspace or organisation the bot serves. Bolt's context carries
 * the ids from the body (`team_id`, `team.id`, `enterprise_id`), so one check fits every kind.
 */
function fromAllowedTeam(deps: ListenerDeps, context: { teamId?: string; enterpriseId?: string }): boolean {
  const allowed = deps.allowedTeams;
  if (!allowed) return true;
  return [context.teamId, context.enterpriseId].some((id) => id !== undefined && allowed.has(id));
}

export function registerListeners(app: App, deps: ListenerDeps): void {
  app.command(/^\/quiz/, async ({ command, ack, respond, context }) => {
    if (!fromAllowedTeam(deps, context)) {
      deps.logger.info(
        { team: context.teamId, enterprise: context.enterpriseId },
        'refused /quiz from another workspace',
      );
      await ack({ response_type: 'ephemeral', text: PRIVATE_BOT_REPLY });
      return;
    }
    await ack();
    const home = {
      ...(context.teamId ? { teamId: context.teamId } : {}),
      ...(context.enterpriseId ? { enterpriseId: context.enterpriseId } : {}),
    };
    await deps.inFlight.run('slash command', () => answerCommand(deps, command, respond, home));
  });
  // Bolt acknowledges events before listeners run, so a slow store never makes Slack retry.
  app.event('message', async ({ event, body, context }) => {
    if (!fromAllowedTeam(deps, context)) {
      deps.logger.debug(
        { team: context.teamId, enterprise: context.enterpriseId },
        'ignored an event from another workspace',
      );
      return;
    }
    await deps.inFlight.run('message event', () => acceptMessage(deps, event, body.event_id));
  });
  app.action<BlockButtonAction>(PRACTICE_REVEAL_ACTION, async ({ ack, body, respond, context }) => {
    await ack();
    if (await refusedPress(deps, context, respond)) return;
    await deps.inFlight.run('practice reveal button', async () => {
      const press = toPracticeReveal(body);
      if (!press) return;
      const reply = await deps.inbound.practiceReveal(press.channel, press.caller, press.questionId, press.space);
      await answer(deps, respond, reply, { replaceOriginal: true });
    });
  });
  app.action<BlockButtonAction>(ROUND_FEEDBACK_ACTION, async ({ ack, body, respond, context }) => {
    await ack();
    if (await refusedPress(deps, context, respond)) return;
    await deps.inFlight.run('round feedback button', async () => {
      const press = toRoundFeedbackPress(body);
      if (!press) return;
      const reply = await deps.inbound.roundFeedback(press.channel, press.caller, press.roundId);
      // Ephemeral, and beside the reveal rather than instead of it: everyone else still reads the reveal.
      await answer(deps, respond, reply, { replaceOriginal: false });
    });
  });
  // An option button under a round's question: acknowledged at once, answered with a message only
  // the clicker sees, beside the question, which stays unchanged for everyone else.
  app.action<BlockButtonAction>(
    { type: 'block_actions', action_id: ROUND_PICK_ACTION },
    async ({ ack, body, respond, context }) => {
      await ack();
      if (await refusedPress(deps, context, respond)) return;
      await deps.inFlight.run('option button', async () => {
        const pick = toPick(body);
        if (!pick) return;
        const reply = await deps.inbound.pick({ ...pick, receivedAt: deps.clock.now() });
        await answer(deps, respond, reply, { replaceOriginal: false });
      });
    },
  );
  // Under a private practice question: its verdict replaces it, as "Reveal answer" does.
  app.action<BlockButtonAction>(
    { type: 'block_actions', action_id: PRACTICE_PICK_ACTION },
    async ({ ack, body, respond, context }) => {
      await ack();
      if (await refusedPress(deps, context, respond)) return;
      await deps.inFlight.run('practice option button', async () => {
        const pick = toPracticePick(body);
        if (!pick) return;
        const reply = await deps.inbound.practicePick(pick);
        await answer(deps, respond, reply, { replaceOriginal: reply.kind === 'practice-pick-result' });
      });
    },
  );
  app.error(async (error) => {
    deps.logger.error({ err: error, code: error.code }, 'slack listener failed');
  });
}

/** A button pressed in another workspace gets the same polite no, beside the message it is on. */
async function refusedPress(
  deps: ListenerDeps,
  context: { teamId?: string; enterpriseId?: string },
  respond: RespondFn,
): Promise<boolean> {
  if (fromAllowedTeam(deps, context)) return false;
  deps.logger.info(
    { team: context.teamId, enterprise: context.enterpriseId },
    'refused a button from another workspace',
  );
  await respond({ response_type: 'ephemeral', replace_original: false, text: PRIVATE_BOT_REPLY }).catch(() => {});
  return true;
}

async function answerCommand(
  deps: ListenerDeps,
  command: SlashCommand,
  respond: RespondFn,
  home: { teamId?: string; enterpriseId?: string },
): Promise<void> {
  const { directory } = deps;
  const caller = await directory.lookup(command.user_id);
  const person: Person = { id: command.user_id, name: caller?.name ?? command.user_name };
  const listed = directory.isListedAdmin(command.user_id);
  // In a Slack Connect channel, another organisation's admins are not admins of this bot.
  const isAdmin = caller ? adminIn(caller, home, listed) : listed;
  const request = toCommandRequest(command, person, isAdmin);
  if (request.target && request.target.name === request.target.id) {
    request.target = {
      id: request.target.id,
      name: (await directory.lookup(request.target.id))?.name ?? request.target.id,
    };
  }
  const reply = await deps.inbound.command(request);
  // Over the per-user limit: the slash command is acknowledged already, and nothing more is sent.
  if (!reply) return;
  await answer(deps, respond, reply, { problem: deps.problems.forAdmin(command.channel_id, isAdmin) });
}

async function answer(
  deps: ListenerDeps,
  respond: RespondFn,
  reply: Reply,
  extra: { problem?: string; replaceOriginal?: boolean },
) {
  let message: SlackMessage = renderReply(reply, deps.clock.now());
  const placement = placeProblem(reply, extra.problem);
  if (extra.problem && placement !== 'none') {
    const warning = `:warning: ${extra.problem}`;
    message =
      placement === 'replace'
        ? { text: escapeMrkdwn(warning), blocks: [rawSection(warning)] }
        : { ...message, blocks: [...message.blocks, rawContext(warning)] };
  }
  try {
    await respond({
      response_type: reply.visibility === 'private' ? 'ephemeral' : 'in_channel',
      ...(extra.replaceOriginal !== undefined ? { replace_original: extra.replaceOriginal } : {}),
      ...message,
    });
  } catch (error) {
    deps.logger.warn({ err: error, reply: reply.kind }, 'could not answer through the response_url');
  }
}

async function acceptMessage(deps: ListenerDeps, event: MessageEvent, eventId: string): Promise<void> {
  if (!deps.seen.firstSight(eventId)) {
    deps.logger.debug({ eventId, channel: event.channel }, 'skipped a repeated delivery of a slack event');
    return;
  }
  const translated = toThreadEvent(event);
  if (!translated) return;
  if (translated.kind === 'edit') {
    await deps.inbound.threadMessageEdited(translated.message);
    return;
  }
  if (translated.kind === 'delete') {
    await deps.inbound.threadMessageDeleted(translated.message);
    return;
  }
  // Stamped on arrival: the name lookup below may be slow, and must not make the answer late.
  const receivedAt = deps.clock.now();
  const message = await withDisplayName(deps.directory, translated.message, deps.nameWaitMs ?? NAME_WAIT_MS);
  const outcome = await deps.inbound.threadMessage({ ...message, receivedAt });
  if (outcome === 'late') await deps.markLateReply(splitChannelId(message.channel).nativeId, message.messageId);
  if (outcome === 'unavailable')
    await deps.tellNotRecorded(splitChannelId(message.channel).nativeId, message.threadId, message.author.id);
}

/** How long a reply waits for its author's name before it is recorded under the user id. */
export const NAME_WAIT_MS = 1_000;

/**
 * Message events carry only a user id; streaks and leaderboards want the name people know. A slow
 * or failing lookup never holds the answer back for more than `waitMs`: it is recorded under the
 * id, and the reveal asks for names again (`SlackAdapter.displayNames`).
 */
export async function withDisplayName<T extends ThreadMessage>(
  directory: UserDirectory,
  message: T,
  waitMs = NAME_WAIT_MS,
): Promise<T> {
  if (message.author.isBot) return message;
  const user = await lookupBriefly(directory, message.author.id, waitMs);
  return user ? { ...message, author: { ...message.author, name: user.name } } : message;
}

/** The directory's answer if it comes within `waitMs`, else null (the lookup goes on and fills the cache). */
export async function lookupBriefly(directory: UserDirectory, userId: string, waitMs: number) {
  let timer: NodeJS.Timeout | undefined;
  const gaveUp = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), waitMs);
  });
  return Promise.race([directory.lookup(userId), gaveUp]).finally(() => clearTimeout(timer));
}
