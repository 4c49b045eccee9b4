/**
 * The team's questions on Discord: the suggestion modal (prefilled with a draft), the private list
 * of problems with a button that reopens it, the admins' review list with Approve and Reject, the
 * reject-reason modal, and the export as one Markdown attachment. Every user text is escaped.
 */
import {
  type APIActionRowComponent,
  type APIComponentInMessageActionRow,
  type APIEmbed,
  type APIModalInteractionResponseCallbackData,
  ButtonStyle,
  ComponentType,
  TextInputStyle,
} from 'discord-api-types/v10';
import type { Reply, SuggestionDraft } from '../../core/views.ts';
import {
  APPROVE_BUTTON,
  EDIT_SUGGESTION_BUTTON,
  EXPORT_READY,
  NO_SUGGESTIONS,
  NOTHING_TO_EXPORT,
  REJECT_BUTTON,
  REJECT_FORM_TITLE,
  REJECT_REASON_LABEL,
  SUGGEST_FORM_TITLE,
  SUGGESTION_FIELD_LABELS,
  SUGGESTION_NEEDS_CHANGES,
  SUGGESTIONS_TITLE,
  suggestionByline,
  suggestionDecided,
  suggestionReceived,
  suggestionRetired,
} from '../../core/wording.ts';
import { concatenateExport, EMPTY_DRAFT, SUGGESTION_FIELDS } from '../suggestion-form.ts';
import { escapeUserText, truncate } from './escape.ts';
import { message, type RenderedMessage } from './message.ts';

/** The modal `/quiz suggest` opens; its submission comes back with this custom_id. */
export const SUGGEST_MODAL_ID = 'quiz:suggest';
/** The button under a problems message: reopens the modal with what was typed. */
export const EDIT_SUGGESTION_ID = 'quiz:suggest-edit';
const DECIDE_ID = /^quiz:suggestion:(approve|reject):(.+)$/;
const REASON_ID = /^quiz:suggestion-reason:(.+)$/;
export const REASON_INPUT_ID = 'reason';
/** Discord shows at most 10 embeds a message, and 5 action rows: the first five are reviewed, the rest wait. */
const SHOWN_SUGGESTIONS = 5;
export const EXPORT_FILENAME = 'team-questions.md';

const INFO_COLOR = 0x5865f2;

export function decideId(decision: 'approve' | 'reject', suggestionId: string): string {
  return `quiz:suggestion:${decision}:${suggestionId}`;
}

export function decisionOfId(customId: string): { decision: 'approve' | 'reject'; id: string } | undefined {
  const match = DECIDE_ID.exec(customId);
  return match ? { decision: match[1] as 'approve' | 'reject', id: match[2] as string } : undefined;
}

export function reasonModalId(suggestionId: string): string {
  return `quiz:suggestion-reason:${suggestionId}`;
}

export function suggestionOfReasonId(customId: string): string | undefined {
  return REASON_ID.exec(customId)?.[1];
}

/** The five text inputs, one per action row, prefilled with the draft (Discord: at most 4000 characters a value). */
export function suggestModal(draft: SuggestionDraft = EMPTY_DRAFT): APIModalInteractionResponseCallbackData {
  return {
    custom_id: SUGGEST_MODAL_ID,
    title: SUGGEST_FORM_TITLE,
    components: SUGGESTION_FIELDS.map((f) => ({
      type: ComponentType.ActionRow,
      components: [
        {
          type: ComponentType.TextInput,
          custom_id: f.name,
          label: f.label,
          style: f.multiline ? TextInputStyle.Paragraph : TextInputStyle.Short,
          required: f.required,
          max_length: f.maxLength,
          placeholder: truncate(f.hint, 100),
          ...(draft[f.name] ? { value: draft[f.name].slice(0, f.maxLength) } : {}),
        },
      ],
    })),
  };
}

export function reasonModal(suggestionId: string): APIModalInteractionResponseCallbackData {
  return {
    custom_id: reasonModalId(suggestionId),
    title: REJECT_FORM_TITLE,
    components: [
      {
        type: ComponentType.ActionRow,
        components: [
          {
            type: ComponentType.TextInput,
            custom_id: REASON_INPUT_ID,
            label: REJECT_REASON_LABEL,
            style: TextInputStyle.Paragraph,
            required: false,
            max_length: 500,
          },
        ],
      },
    ],
  };
}

type SuggestionReply = Extract<
  Reply,
  { kind: 'suggestion-received' | 'suggestion-problems' | 'suggestions' | 'suggestion-decided' | 'retired' | 'export' }
>;

const row = (
  ...buttons: { id: string; label: string; style: ButtonStyle.Primary | ButtonStyle.Success | ButtonStyle.Danger }[]
): APIActionRowComponent<APIComponentInMessageActionRow> => ({
  type: ComponentType.ActionRow,
  components: buttons.map((b) => ({ type: ComponentType.Button, custom_id: b.id, label: b.label, style: b.style })),
});

export function renderSuggestionReply(reply: SuggestionReply): RenderedMessage {
  const ephemeral = reply.visibility === 'private';
  switch (reply.kind) {
    case 'suggestion-received':
      return message({ content: suggestionReceived(escapeUserText(reply.title)), ephemeral });
    case 'suggestion-decided':
      return message({ content: suggestionDecided(escapeUserText(reply.title), reply.decision), ephemeral });
    case 'retired':
      return message({ content: suggestionRetired(escapeUserText(reply.title)), ephemeral });
    case 'suggestion-problems':
      return message({
        content: truncate(
          [
            SUGGESTION_NEEDS_CHANGES,
            ...reply.problems.map((p) => `• **${SUGGESTION_FIELD_LABELS[p.field]}**: ${escapeUserText(p.message)}`),
          ].join('\n'),
          2000,
        ),
        components: [row({ id: EDIT_SUGGESTION_ID, label: EDIT_SUGGESTION_BUTTON, style: ButtonStyle.Primary })],
        // Only the author may see what they typed, and only they can press the button.
        ephemeral: true,
      });
    case 'suggestions':
      return renderSuggestionList(reply.items, ephemeral);
    case 'export':
      return renderExport(reply.files);
  }
}

function renderSuggestionList(items: Extract<Reply, { kind: 'suggestions' }>['items'], ephemeral: boolean) {
  if (items.length === 0) return message({ content: NO_SUGGESTIONS, ephemeral });
  const shown = items.slice(0, SHOWN_SUGGESTIONS);
  // Five embeds share Discord's 6000 characters: about 1100 each.
  // Cut before escaping (escaping a whole long text is slow and only its start is shown), and after.
  const shownText = (text: string, max: number) => truncate(escapeUserText(truncate(text, max)), max);
  const embeds: APIEmbed[] = shown.map((s) => ({
    title: shownText(s.title, 120),
    // Embed descriptions and fields render markdown, so user text is escaped; a footer shows text as it is.
    description: truncate(
      `${suggestionByline(escapeUserText(s.author.name), s.keyPoints.length)}\n\n${shownText(s.question, 400)}`,
      500,
    ),
    color: INFO_COLOR,
    fields: [
      { name: 'Model answer', value: shownText(s.modelAnswer, 250) || '-' },
      {
        name: 'Key points',
        value: truncate(s.keyPoints.map((k) => `• ${shownText(k, 60)}`).join('\n'), 200) || '-',
      },
    ],
    footer: { text: `Suggestion ${truncate(s.id, 60)}` },
  }));
  const more = items.length - shown.length;
  return message({
    content: `**${SUGGESTIONS_TITLE}** (${items.length})${more > 0 ? `: the first ${shown.length}; the others follow once these are decided.` : ''}`,
    embeds,
    components: shown.map((s) =>
      row(
        {
          id: decideId('approve', s.id),
          label: truncate(`${APPROVE_BUTTON}: ${s.title}`, 80),
          style: ButtonStyle.Success,
        },
        { id: decideId('reject', s.id), label: REJECT_BUTTON, style: ButtonStyle.Danger },
      ),
    ),
    ephemeral,
  });
}

/** One attachment: Discord shows a file per message well, and the files split again at their separators. */
function renderExport(files: { name: string; content: string }[]): RenderedMessage {
  if (files.length === 0) return message({ content: NOTHING_TO_EXPORT, ephemeral: true });
  return message({
    content: `${EXPORT_READY} ${files.map((f) => `\`${f.name.replace(/`/g, "'")}\``).join(', ')}`.slice(0, 2000),
    files: [
      { name: EXPORT_FILENAME, data: Buffer.from(concatenateExport(files), 'utf8'), contentType: 'text/markdown' },
    ],
    ephemeral: true,
  });
}
