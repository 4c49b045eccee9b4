/**
 * The team's questions, as interactions: `/quiz suggest` answered with a modal (which must be the
 * first answer, so it is not deferred), the modal's submission, the "Edit my suggestion" button that
 * reopens it with what was typed, and an admin's Approve / Reject (Reject asks for a reason in a
 * small modal of its own). Each hands a typed request to the core and renders its reply.
 */
import type { ButtonInteraction, ChatInputCommandInteraction, ModalSubmitInteraction } from 'discord.js';
import { MessageFlags } from 'discord-api-types/v10';
import { channelId, type Person } from '../../core/types.ts';
import type { Reply } from '../../core/views.ts';
import type { CommandRequest, InboundHandler } from '../../ports/chat.ts';
import type { Logger } from '../../ports/logger.ts';
import { draftFrom } from '../suggestion-form.ts';
import type { KeptDrafts } from './kept-drafts.ts';
import { toInteractionOptions } from './message.ts';
import { renderReply } from './render-replies.ts';
import {
  decisionOfId,
  REASON_INPUT_ID,
  reasonModal,
  suggestionOfReasonId,
  suggestModal,
} from './render-suggestions.ts';
import { isAdmin } from './translate.ts';

export interface SuggestionDeps {
  inbound: InboundHandler;
  drafts: KeptDrafts;
  logger: Logger;
  /**
   * How long `/quiz suggest` waits for the core before opening the form anyway: the modal must be
   * Discord's first answer, within 3 seconds, and the submission is checked by the core in any case.
   */
  formBudgetMs: number;
}

export interface Caller {
  channel: string;
  person: Person;
  space: string;
}

/** `/quiz suggest`: the core's `suggest-form` opens the modal; anything else (a refusal) is a private note. */
export async function onSuggestCommand(
  deps: SuggestionDeps,
  interaction: ChatInputCommandInteraction,
  request: CommandRequest,
  space: string,
): Promise<void> {
  const reply = await withinBudget(deps, deps.inbound.command(request), request);
  if (reply === null) return;
  if (reply === 'late' || reply.kind === 'suggest-form') {
    const draft = (reply !== 'late' ? reply.draft : undefined) ?? deps.drafts.take(interaction.user.id, space);
    await interaction.showModal(suggestModal(draft));
    return;
  }
  await interaction.reply({ ...toInteractionOptions(renderReply(reply)), flags: MessageFlags.Ephemeral });
}

async function withinBudget(
  deps: SuggestionDeps,
  reply: Promise<Reply | null>,
  request: CommandRequest,
): Promise<Reply | null | 'late'> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), deps.formBudgetMs);
  });
  try {
    const first = await Promise.race([reply, late]);
    if (first === 'late')
      deps.logger.warn(
        { channel: request.channel, user: request.caller.id },
        'the core was slow to answer /quiz suggest: the form opens anyway',
      );
    return first;
  } finally {
    clearTimeout(timer);
  }
}

/** The form, submitted: problems keep the draft (for the Edit button), a clean one forgets it. */
export async function onSuggestSubmit(deps: SuggestionDeps, interaction: ModalSubmitInteraction, caller: Caller) {
  const draft = draftFrom((name) => fieldValue(interaction, name));
  // Kept before anything can fail, so a core error loses nothing either.
  deps.drafts.keep(caller.person.id, caller.space, draft);
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const reply = await deps.inbound.submitSuggestion({
    channel: channelId('discord', caller.channel),
    caller: caller.person,
    space: caller.space,
    draft,
  });
  if (reply.kind === 'suggestion-problems') deps.drafts.keep(caller.person.id, caller.space, reply.draft);
  else if (reply.kind === 'suggestion-received') deps.drafts.forget(caller.person.id, caller.space);
  await interaction.editReply(toInteractionOptions(renderReply(reply)));
}

/** "Edit my suggestion": the modal again, with what was typed. */
export async function onEditSuggestion(deps: SuggestionDeps, interaction: ButtonInteraction, caller: Caller) {
  await interaction.showModal(suggestModal(deps.drafts.take(caller.person.id, caller.space)));
}

/** Approve decides at once; Reject first asks for a reason. */
export async function onDecideButton(deps: SuggestionDeps, interaction: ButtonInteraction, caller: Caller) {
  const decided = decisionOfId(interaction.customId);
  if (!decided) return;
  if (decided.decision === 'reject') {
    await interaction.showModal(reasonModal(decided.id));
    return;
  }
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const reply = await decide(deps, interaction, caller, decided.id, 'approve');
  await interaction.editReply(toInteractionOptions(renderReply(reply)));
}

export async function onReasonSubmit(deps: SuggestionDeps, interaction: ModalSubmitInteraction, caller: Caller) {
  const id = suggestionOfReasonId(interaction.customId);
  if (!id) return;
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const reason = fieldValue(interaction, REASON_INPUT_ID)?.trim();
  const reply = await decide(deps, interaction, caller, id, 'reject', reason || undefined);
  await interaction.editReply(toInteractionOptions(renderReply(reply)));
}

function decide(
  deps: SuggestionDeps,
  interaction: ButtonInteraction | ModalSubmitInteraction,
  caller: Caller,
  suggestionId: string,
  decision: 'approve' | 'reject',
  reason?: string,
): Promise<Reply> {
  return deps.inbound.decideSuggestion({
    channel: channelId('discord', caller.channel),
    caller: caller.person,
    // Read from this interaction's member permissions, as for commands: never cached.
    isAdmin: isAdmin(interaction.memberPermissions),
    space: caller.space,
    suggestionId,
    decision,
    ...(reason ? { reason } : {}),
  });
}

/** A text input's value; a field the modal did not have (an older form) reads as empty. */
function fieldValue(interaction: ModalSubmitInteraction, name: string): string | undefined {
  try {
    return interaction.fields.getTextInputValue(name);
  } catch {
    return undefined;
  }
}
