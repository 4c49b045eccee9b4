/**
 * The team's questions in Block Kit: the suggestion modal (five inputs, prefilled from a draft),
 * its problems as `response_action: errors` keyed by block, the views a slow check shows, the
 * admins' review list with Approve / Reject, the reject-reason modal, and the suggestion replies
 * as messages. User text is escaped in mrkdwn; plain_text is shown as it is.
 */
import type { KnownBlock, View } from '@slack/types';
import type { Reply, SuggestionDraft, SuggestionProblem } from '../../core/views.ts';
import {
  APPROVE_BUTTON,
  CANCEL_BUTTON,
  CHECKING_SUGGESTION,
  NO_SUGGESTIONS,
  NOTHING_TO_EXPORT,
  EXPORT_SENT,
  REJECT_BUTTON,
  REJECT_BUTTON_SUBMIT,
  REJECT_FORM_TITLE,
  REJECT_REASON_LABEL,
  SEND_SUGGESTION_BUTTON,
  SUGGEST_FORM_TITLE,
  SUGGESTION_FIELD_LABELS,
  SUGGESTION_NEEDS_CHANGES,
  SUGGESTIONS_TITLE,
  suggestionByline,
  suggestionDecided,
  suggestionReceived,
  suggestionRetired,
} from '../../core/wording.ts';
import { draftFrom, EMPTY_DRAFT, SUGGESTION_FIELDS } from '../suggestion-form.ts';
import { fitEscaped, header, rawContext, rawSection, type SlackMessage } from './blocks.ts';
import { escapeMrkdwn, truncate } from './mrkdwn.ts';

/** The suggestion modal's callback_id; each input's block_id is its field name, its action_id this. */
export const SUGGEST_VIEW = 'quiz_suggest';
export const REJECT_VIEW = 'quiz_suggestion_reject';
export const APPROVE_ACTION = 'quiz_suggestion_approve';
export const REJECT_ACTION = 'quiz_suggestion_reject';
const INPUT_ACTION = 'value';
const REASON_BLOCK = 'reason';
/** Slack titles, submit and close labels: at most 24 characters. */
const VIEW_TEXT = 24;
/** A message holds 50 blocks; each suggestion takes four. */
const SHOWN_SUGGESTIONS = 10;

const plain = (text: string) => ({ type: 'plain_text' as const, text: truncate(text, VIEW_TEXT) });

/** What the form remembers between its opening and its submission: where it was opened. */
export interface SuggestMetadata {
  channel: string;
}

export function suggestView(
  draft: SuggestionDraft = EMPTY_DRAFT,
  metadata: SuggestMetadata,
  notes: string[] = [],
): View {
  return {
    type: 'modal',
    callback_id: SUGGEST_VIEW,
    title: plain(SUGGEST_FORM_TITLE),
    submit: plain(SEND_SUGGESTION_BUTTON),
    close: plain(CANCEL_BUTTON),
    private_metadata: JSON.stringify(metadata),
    blocks: [
      ...(notes.length > 0 ? [rawSection(notes.join('\n'))] : []),
      ...SUGGESTION_FIELDS.map((f) => ({
        type: 'input' as const,
        block_id: f.name,
        optional: !f.required,
        label: { type: 'plain_text' as const, text: f.label },
        hint: { type: 'plain_text' as const, text: f.hint },
        element: {
          type: 'plain_text_input' as const,
          action_id: INPUT_ACTION,
          multiline: f.multiline,
          max_length: f.maxLength,
          ...(draft[f.name] ? { initial_value: draft[f.name].slice(0, f.maxLength) } : {}),
        },
      })),
    ],
  };
}

/** The form shown again after a slow check found problems: the problems on top, the text kept. */
export function suggestViewWithProblems(
  draft: SuggestionDraft,
  problems: SuggestionProblem[],
  metadata: SuggestMetadata,
): View {
  return suggestView(draft, metadata, [
    `*${SUGGESTION_NEEDS_CHANGES}*`,
    ...problems.map((p) => `• *${SUGGESTION_FIELD_LABELS[p.field]}*: ${escapeMrkdwn(p.message)}`),
  ]);
}

/** A modal with one message and only a close button: the check in progress, or its outcome. */
export function noticeView(text: string): View {
  return {
    type: 'modal',
    callback_id: `${SUGGEST_VIEW}_notice`,
    title: plain(SUGGEST_FORM_TITLE),
    close: plain('Close'),
    blocks: [rawSection(text)],
  };
}

export const checkingView = (): View => noticeView(CHECKING_SUGGESTION);

/** Slack's `errors`: one message per block, several problems of one field joined. */
export function formErrors(problems: SuggestionProblem[]): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const p of problems) errors[p.field] = errors[p.field] ? `${errors[p.field]} ${p.message}` : p.message;
  return errors;
}

type ViewState = Record<string, Record<string, { value?: string | null }>>;

export function draftOfView(values: ViewState): SuggestionDraft {
  return draftFrom((name) => values[name]?.[INPUT_ACTION]?.value);
}

export function reasonOfView(values: ViewState): string | undefined {
  return values[REASON_BLOCK]?.[INPUT_ACTION]?.value?.trim() || undefined;
}

export interface RejectMetadata {
  id: string;
  channel: string;
}

export function rejectView(metadata: RejectMetadata): View {
  return {
    type: 'modal',
    callback_id: REJECT_VIEW,
    title: plain(REJECT_FORM_TITLE),
    submit: plain(REJECT_BUTTON_SUBMIT),
    close: plain(CANCEL_BUTTON),
    private_metadata: JSON.stringify(metadata),
    blocks: [
      {
        type: 'input',
        block_id: REASON_BLOCK,
        optional: true,
        label: { type: 'plain_text', text: REJECT_REASON_LABEL },
        element: { type: 'plain_text_input', action_id: INPUT_ACTION, multiline: true, max_length: 500 },
      },
    ],
  };
}

type SuggestionReply = Extract<
  Reply,
  { kind: 'suggestion-received' | 'suggestion-problems' | 'suggestions' | 'suggestion-decided' | 'retired' | 'export' }
>;

const line = (mrkdwn: string): SlackMessage => ({ text: mrkdwn, blocks: [rawSection(mrkdwn)] });

export function renderSuggestionReply(reply: SuggestionReply): SlackMessage {
  switch (reply.kind) {
    case 'suggestion-received':
      return line(suggestionReceived(escapeMrkdwn(reply.title)));
    case 'suggestion-decided':
      return line(suggestionDecided(escapeMrkdwn(reply.title), reply.decision));
    case 'retired':
      return line(suggestionRetired(escapeMrkdwn(reply.title)));
    case 'suggestion-problems':
      return line(
        [
          `*${SUGGESTION_NEEDS_CHANGES}*`,
          ...reply.problems.map((p) => `• *${SUGGESTION_FIELD_LABELS[p.field]}*: ${escapeMrkdwn(p.message)}`),
        ].join('\n'),
      );
    case 'suggestions':
      return renderSuggestionList(reply.items);
    case 'export':
      // The file itself goes by direct message (see listeners); this is what the command answers.
      return line(reply.files.length === 0 ? NOTHING_TO_EXPORT : EXPORT_SENT);
  }
}

function renderSuggestionList(items: Extract<Reply, { kind: 'suggestions' }>['items']): SlackMessage {
  if (items.length === 0) return line(NO_SUGGESTIONS);
  const shown = items.slice(0, SHOWN_SUGGESTIONS);
  const blocks: KnownBlock[] = [header(`${SUGGESTIONS_TITLE} (${items.length})`)];
  for (const s of shown) {
    blocks.push(
      { type: 'divider' },
      rawSection(
        [
          `*${fitEscaped(s.title, 150)}* (${escapeMrkdwn(suggestionByline(s.author.name, s.keyPoints.length))})`,
          fitEscaped(s.question, 900),
          `*Model answer*: ${fitEscaped(s.modelAnswer, 900)}`,
          ...s.keyPoints.slice(0, 5).map((k) => `• ${fitEscaped(k, 150)}`),
        ].join('\n'),
      ),
      {
        type: 'actions',
        block_id: `suggestion_${truncate(s.id, 200)}`,
        elements: [
          {
            type: 'button',
            action_id: APPROVE_ACTION,
            style: 'primary',
            text: { type: 'plain_text', text: APPROVE_BUTTON },
            value: s.id,
          },
          {
            type: 'button',
            action_id: REJECT_ACTION,
            style: 'danger',
            text: { type: 'plain_text', text: REJECT_BUTTON },
            value: s.id,
          },
        ],
      },
    );
  }
  if (items.length > shown.length)
    blocks.push(rawContext(`The first ${shown.length}; the others follow once these are decided.`));
  return { text: `${SUGGESTIONS_TITLE} (${items.length})`, blocks };
}
