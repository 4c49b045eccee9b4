/**
 * The team's questions on Slack: `/quiz suggest` opens a modal with the command's trigger_id, its
 * submission is checked by the core before Slack's 3-second ack (problems go back as
 * `response_action: errors`, so the modal stays open with the text), a slow check turns the modal
 * into a "checking" view that is updated with the outcome; Approve decides at once, Reject opens a
 * reason modal with the press's trigger_id. The export is uploaded into a DM with the admin.
 */
import type { App, BlockButtonAction, RespondFn, ViewSubmitAction } from '@slack/bolt';
import { channelId, type Person } from '../../core/types.ts';
import type { Reply, SuggestionDraft } from '../../core/views.ts';
import { FORM_TOO_SLOW } from '../../core/wording.ts';
import type { InboundHandler } from '../../ports/chat.ts';
import type { Logger } from '../../ports/logger.ts';
import { concatenateExport } from '../suggestion-form.ts';
import type { InFlight } from './in-flight.ts';
import { lookupBriefly } from './listeners.ts';
import { renderReply } from './render-replies.ts';
import {
  APPROVE_ACTION,
  checkingView,
  draftOfView,
  formErrors,
  noticeView,
  REJECT_ACTION,
  REJECT_VIEW,
  type RejectMetadata,
  reasonOfView,
  rejectView,
  SUGGEST_VIEW,
  type SuggestMetadata,
  suggestView,
  suggestViewWithProblems,
} from './render-suggestions.ts';
import { adminIn, type UserDirectory } from './user-directory.ts';

export const EXPORT_FILENAME = 'team-questions.md';

export interface SuggestionListenerDeps {
  inbound: InboundHandler;
  directory: UserDirectory;
  inFlight: InFlight;
  logger: Logger;
  /** How long a submission waits for the core before the modal shows "checking" (Slack acks in 3 s). */
  budgetMs: number;
  /** Whether a request comes from a served workspace. */
  allowed(context: { teamId?: string; enterpriseId?: string }): boolean;
}

type Client = App['client'];

/** `/quiz suggest`: the modal, opened with the command's trigger (valid 3 seconds, once). */
export async function openSuggestForm(
  client: Client,
  respond: RespondFn,
  logger: Logger,
  form: { triggerId: string; channel: string; draft?: SuggestionDraft },
): Promise<void> {
  try {
    await client.views.open({ trigger_id: form.triggerId, view: suggestView(form.draft, { channel: form.channel }) });
  } catch (error) {
    logger.warn({ err: error, channel: form.channel }, 'could not open the suggestion form');
    await respond({ response_type: 'ephemeral', text: FORM_TOO_SLOW }).catch(() => {});
  }
}

/** `/quiz export`: one Markdown file in the admin's DM with the bot (needs im:write and files:write). */
export async function sendExport(client: Client, userId: string, files: { name: string; content: string }[]) {
  const opened = await client.conversations.open({ users: userId });
  const dm = opened.channel?.id;
  if (!dm) throw new Error(`conversations.open gave no channel for ${userId}`);
  await client.files.uploadV2({
    channel_id: dm,
    file: Buffer.from(concatenateExport(files), 'utf8'),
    filename: EXPORT_FILENAME,
    title: EXPORT_FILENAME,
  });
}

async function personOf(deps: SuggestionListenerDeps, user: { id: string; name?: string }): Promise<Person> {
  const found = await lookupBriefly(deps.directory, user.id, 500);
  return { id: user.id, name: found?.name ?? user.name ?? user.id };
}

function metadataOf<T>(view: { private_metadata?: string }): T | undefined {
  try {
    return JSON.parse(view.private_metadata ?? '') as T;
  } catch {
    return undefined;
  }
}

export function registerSuggestionListeners(app: App, deps: SuggestionListenerDeps): void {
  app.view<ViewSubmitAction>(SUGGEST_VIEW, async ({ ack, body, view, client, context }) => {
    if (!deps.allowed(context)) {
      await ack();
      return;
    }
    const draft = draftOfView(view.state.values);
    const meta = metadataOf<SuggestMetadata>(view);
    const person = await personOf(deps, body.user);
    const submitted = deps.inbound.submitSuggestion({
      channel: channelId('slack', meta?.channel ?? ''),
      caller: person,
      ...(body.team?.id ? { space: body.team.id } : {}),
      draft,
    });
    const first = await withinBudget(submitted, deps.budgetMs);
    if (first !== 'late') {
      if (first.kind === 'suggestion-problems')
        await ack({ response_action: 'errors', errors: formErrors(first.problems) });
      else await ack({ response_action: 'update', view: noticeView(renderReply(first, 0).text) });
      return;
    }
    // Slow: the modal says it is checking, and is updated with the outcome, the text kept on problems.
    deps.logger.warn({ user: person.id }, 'the core was slow to check a suggestion: the form shows "checking"');
    await ack({ response_action: 'update', view: checkingView() });
    await deps.inFlight.run('slow suggestion check', async () => {
      const reply = await submitted;
      const next =
        reply.kind === 'suggestion-problems'
          ? suggestViewWithProblems(reply.draft, reply.problems, meta ?? { channel: '' })
          : noticeView(renderReply(reply, 0).text);
      await client.views
        .update({ view_id: body.view.id, view: next })
        .catch((error: unknown) =>
          deps.logger.error({ err: error, user: person.id }, 'could not show the outcome of a suggestion'),
        );
    });
  });

  app.action<BlockButtonAction>(APPROVE_ACTION, async ({ ack, body, respond, context }) => {
    await ack();
    if (!deps.allowed(context)) return;
    await deps.inFlight.run('approve button', async () => {
      const reply = await decide(deps, body, context, 'approve');
      await respondPrivately(deps, respond, reply);
    });
  });

  app.action<BlockButtonAction>(REJECT_ACTION, async ({ ack, body, client, context }) => {
    await ack();
    if (!deps.allowed(context)) return;
    const id = body.actions[0]?.value ?? '';
    const metadata: RejectMetadata = { id, channel: body.channel?.id ?? '' };
    await client.views
      .open({ trigger_id: body.trigger_id, view: rejectView(metadata) })
      .catch((error: unknown) => deps.logger.warn({ err: error, suggestion: id }, 'could not open the reject form'));
  });

  app.view<ViewSubmitAction>(REJECT_VIEW, async ({ ack, body, view, client, context }) => {
    const meta = metadataOf<RejectMetadata>(view);
    if (!meta || !deps.allowed(context)) {
      await ack();
      return;
    }
    const decided = decideWith(deps, body.user, context, meta, 'reject', reasonOfView(view.state.values));
    const reply = await withinBudget(decided, deps.budgetMs);
    if (reply !== 'late') {
      await ack({ response_action: 'update', view: noticeView(renderReply(reply, 0).text) });
      return;
    }
    await ack({ response_action: 'update', view: checkingView() });
    await deps.inFlight.run('slow reject', async () => {
      const late = await decided;
      await client.views
        .update({ view_id: body.view.id, view: noticeView(renderReply(late, 0).text) })
        .catch((error: unknown) =>
          deps.logger.error({ err: error, suggestion: meta.id }, 'could not show a rejection'),
        );
    });
  });
}

async function decide(
  deps: SuggestionListenerDeps,
  body: BlockButtonAction,
  context: { teamId?: string; enterpriseId?: string },
  decision: 'approve' | 'reject',
): Promise<Reply> {
  const meta: RejectMetadata = { id: body.actions[0]?.value ?? '', channel: body.channel?.id ?? '' };
  return decideWith(deps, body.user, context, meta, decision);
}

async function decideWith(
  deps: SuggestionListenerDeps,
  user: { id: string; name?: string },
  context: { teamId?: string; enterpriseId?: string },
  meta: RejectMetadata,
  decision: 'approve' | 'reject',
  reason?: string,
): Promise<Reply> {
  const found = await deps.directory.lookup(user.id);
  const listed = deps.directory.isListedAdmin(user.id);
  // As for commands: another organisation's admins in a Slack Connect channel are not admins here.
  const isAdmin = found ? adminIn(found, context, listed) : listed;
  return deps.inbound.decideSuggestion({
    channel: channelId('slack', meta.channel),
    caller: { id: user.id, name: found?.name ?? user.name ?? user.id },
    isAdmin,
    ...(context.teamId ? { space: context.teamId } : {}),
    suggestionId: meta.id,
    decision,
    ...(reason ? { reason } : {}),
  });
}

async function respondPrivately(deps: SuggestionListenerDeps, respond: RespondFn, reply: Reply) {
  try {
    await respond({ response_type: 'ephemeral', replace_original: false, ...renderReply(reply, 0) });
  } catch (error) {
    deps.logger.warn({ err: error, reply: reply.kind }, 'could not answer through the response_url');
  }
}

async function withinBudget<T>(work: Promise<T>, budgetMs: number): Promise<T | 'late'> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), budgetMs);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}
