import type { ModalView } from '@slack/types';
import { describe, expect, it } from 'vitest';
import {
  APPROVE_ACTION,
  checkingView,
  draftOfView,
  formErrors,
  noticeView,
  REJECT_ACTION,
  reasonOfView,
  rejectView,
  renderSuggestionReply,
  suggestView,
  suggestViewWithProblems,
} from '../../../src/adapters/slack/render-suggestions.ts';
import type { SuggestionSummary } from '../../../src/core/views.ts';
import { blockTexts } from './block-text.ts';

const item = (i: number, overrides: Partial<SuggestionSummary> = {}): SuggestionSummary => ({
  id: `sg${i}`,
  author: { id: '1', name: 'Ana <x>' },
  submittedAt: 0,
  title: `T${i} & y`,
  question: 'Q?',
  modelAnswer: 'M',
  keyPoints: ['k1', 'k2', 'k3', 'k4', 'k5', 'k6'],
  topics: ['gil'],
  difficulty: 'easy',
  ...overrides,
});
const EMPTY = { title: '', question: '', modelAnswer: '', keyPoints: '', topicAndDifficulty: '' };

describe('slack: the admins’ review list', () => {
  it('shows each suggestion escaped, with at most five key points, and Approve and Reject carrying its id', () => {
    const message = renderSuggestionReply({ visibility: 'private', kind: 'suggestions', items: [item(1)] });
    expect(message.text).toBe('Suggestions waiting for review (1)');
    expect(blockTexts(message)).toEqual([
      'Suggestions waiting for review (1)',
      '---',
      '*T1 &amp; y* (by Ana &lt;x&gt;, 6 key points)\nQ?\n*Model answer*: M\n• k1\n• k2\n• k3\n• k4\n• k5',
      '[Approve|Reject]',
    ]);
    expect(message.blocks[3]).toEqual({
      type: 'actions',
      block_id: 'suggestion_sg1',
      elements: [
        {
          type: 'button',
          action_id: APPROVE_ACTION,
          style: 'primary',
          text: { type: 'plain_text', text: 'Approve' },
          value: 'sg1',
        },
        {
          type: 'button',
          action_id: REJECT_ACTION,
          style: 'danger',
          text: { type: 'plain_text', text: 'Reject' },
          value: 'sg1',
        },
      ],
    });
  });

  it('shows the first ten within 50 blocks and says the others follow', () => {
    const message = renderSuggestionReply({
      visibility: 'private',
      kind: 'suggestions',
      items: Array.from({ length: 12 }, (_, i) => item(i)),
    });
    expect(message.blocks).toHaveLength(32);
    expect(blockTexts(message).at(-1)).toBe('The first 10; the others follow once these are decided.');
    const exactly = renderSuggestionReply({
      visibility: 'private',
      kind: 'suggestions',
      items: Array.from({ length: 10 }, (_, i) => item(i)),
    });
    expect(blockTexts(exactly).at(-1)).toBe('[Approve|Reject]');
  });

  it('keeps a long suggestion id within Slack’s 255-character block ids, the buttons carrying it whole', () => {
    const id = 'i'.repeat(300);
    const message = renderSuggestionReply({ visibility: 'private', kind: 'suggestions', items: [item(1, { id })] });
    const actions = message.blocks[3] as { block_id: string; elements: { value: string }[] };
    expect(actions.block_id).toBe(`suggestion_${'i'.repeat(199)}…`);
    expect(actions.elements.map((e) => e.value)).toEqual([id, id]);
  });

  it('says when none is waiting', () => {
    expect(blockTexts(renderSuggestionReply({ visibility: 'private', kind: 'suggestions', items: [] }))).toEqual([
      'No suggestions are waiting for review.',
    ]);
  });

  it('cuts each long text to its share of the section', () => {
    const [, , text] = blockTexts(
      renderSuggestionReply({
        visibility: 'private',
        kind: 'suggestions',
        items: [
          item(1, {
            title: 't'.repeat(400),
            question: 'q'.repeat(2000),
            modelAnswer: 'm'.repeat(2000),
            keyPoints: ['k'.repeat(400)],
          }),
        ],
      }),
    );
    const lines = text?.split('\n') ?? [];
    expect(lines[0]).toBe(`*${'t'.repeat(149)}…* (by Ana &lt;x&gt;, 1 key points)`);
    expect(lines[1]).toBe(`${'q'.repeat(899)}…`);
    expect(lines[2]).toBe(`*Model answer*: ${'m'.repeat(899)}…`);
    expect(lines[3]).toBe(`• ${'k'.repeat(149)}…`);
  });
});

describe('slack: suggestion replies', () => {
  it('thanks the author, confirms a decision and a retirement, with the title escaped', () => {
    const received = renderSuggestionReply({
      visibility: 'private',
      kind: 'suggestion-received',
      id: 's',
      title: 'a<b',
    });
    expect(received.text).toBe(
      'Thanks: "a&lt;b" is waiting for an admin\'s review. You will hear the outcome privately.',
    );
    expect(blockTexts(received)).toEqual([received.text]);
    expect(
      renderSuggestionReply({
        visibility: 'private',
        kind: 'suggestion-decided',
        id: 's',
        title: 'a<b',
        decision: 'approved',
      }).text,
    ).toBe('"a&lt;b" is approved: it joins this team\'s questions.');
    expect(renderSuggestionReply({ visibility: 'private', kind: 'retired', id: 's', title: 'a<b' }).text).toBe(
      '"a&lt;b" is retired: it will not be asked again.',
    );
  });

  it('lists a draft’s problems field by field, escaped', () => {
    expect(
      renderSuggestionReply({
        visibility: 'private',
        kind: 'suggestion-problems',
        problems: [{ field: 'title', message: 'a<b' }],
        draft: EMPTY,
      }).text,
    ).toBe('*Your suggestion needs a few changes before an admin can see it:*\n• *Title*: a&lt;b');
  });

  it('says the export went by direct message, or that there is nothing to export', () => {
    expect(
      renderSuggestionReply({ visibility: 'private', kind: 'export', files: [{ name: 'a', content: 'b' }] }).text,
    ).toBe('The approved questions are in your direct messages with the bot, as a Markdown file.');
    expect(renderSuggestionReply({ visibility: 'private', kind: 'export', files: [] }).text).toBe(
      'This team has no approved questions yet.',
    );
  });
});

describe('slack: the suggestion form', () => {
  it('asks for five fields with labels and hints, required but for the topic, and remembers the channel', () => {
    const view = suggestView({ ...EMPTY, title: 'T' }, { channel: 'C1' }) as ModalView;
    expect(view.callback_id).toBe('quiz_suggest');
    expect(view.title).toEqual({ type: 'plain_text', text: 'Suggest a question' });
    expect(view.submit).toEqual({ type: 'plain_text', text: 'Send' });
    expect(view.close).toEqual({ type: 'plain_text', text: 'Cancel' });
    expect(JSON.parse(view.private_metadata ?? '')).toEqual({ channel: 'C1' });
    const inputs = view.blocks as unknown as {
      block_id: string;
      optional: boolean;
      label: { text: string };
      hint: { text: string };
      element: { action_id: string; multiline: boolean; max_length: number; initial_value?: string };
    }[];
    expect(
      inputs.map((b) => [b.block_id, b.optional, b.element.multiline, b.element.max_length, b.element.initial_value]),
    ).toEqual([
      ['title', false, false, 120, 'T'],
      ['question', false, true, 3000, undefined],
      ['modelAnswer', false, true, 3000, undefined],
      ['keyPoints', false, true, 2000, undefined],
      ['topicAndDifficulty', true, false, 100, undefined],
    ]);
    expect(inputs[3]?.label.text).toBe('Key points, one a line (3 to 5)');
    expect(inputs[4]?.hint.text).toBe('e.g. asyncio medium');
    expect(inputs.every((b) => b.element.action_id === 'value')).toBe(true);
    expect(inputs.every((b) => 'initial_value' in b.element === (b.element.initial_value !== undefined))).toBe(true);
  });

  it('cuts a prefilled value to what its field takes', () => {
    const view = suggestView({ ...EMPTY, title: 't'.repeat(500) }, { channel: 'C1' });
    const [title] = view.blocks as unknown as { element: { initial_value: string } }[];
    expect(title?.element.initial_value).toHaveLength(120);
  });

  it('shows the problems above the fields when the form comes back, keeping what was typed', () => {
    const view = suggestViewWithProblems({ ...EMPTY, title: 'T' }, [{ field: 'question', message: 'x<' }], {
      channel: 'C1',
    });
    expect(blockTexts({ blocks: view.blocks as never })[0]).toBe(
      '*Your suggestion needs a few changes before an admin can see it:*\n• *Question*: x&lt;',
    );
    expect(view.blocks).toHaveLength(6);
    expect(suggestView(EMPTY, { channel: 'C1' }).blocks).toHaveLength(5);
  });

  it('shows a notice with only a close button while the check runs', () => {
    expect(checkingView()).toEqual({
      type: 'modal',
      callback_id: 'quiz_suggest_notice',
      title: { type: 'plain_text', text: 'Suggest a question' },
      close: { type: 'plain_text', text: 'Close' },
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'Checking your suggestion…', verbatim: true } }],
    });
    expect((noticeView('x'.repeat(40)) as ModalView).title.text).toBe('Suggest a question');
  });

  it('puts one message on each field with problems', () => {
    expect(
      formErrors([
        { field: 'title', message: 'Too long.' },
        { field: 'keyPoints', message: 'Too few.' },
      ]),
    ).toEqual({ title: 'Too long.', keyPoints: 'Too few.' });
  });

  it('reads the submitted form back as a draft, a missing field empty', () => {
    expect(
      draftOfView({ title: { value: { value: 'T' } }, question: { value: { value: null } }, keyPoints: {} }),
    ).toEqual({ ...EMPTY, title: 'T' });
  });
});

describe('slack: the reject form', () => {
  it('asks for an optional reason and remembers which suggestion and channel', () => {
    const view = rejectView({ id: 'sg1', channel: 'C1' }) as ModalView;
    expect(view.type).toBe('modal');
    expect(view.callback_id).toBe('quiz_suggestion_reject');
    expect(view.title.text).toBe('Reject a suggestion');
    expect(view.submit?.text).toBe('Reject');
    expect(view.close?.text).toBe('Cancel');
    expect(JSON.parse(view.private_metadata ?? '')).toEqual({ id: 'sg1', channel: 'C1' });
    expect(view.blocks).toEqual([
      {
        type: 'input',
        block_id: 'reason',
        optional: true,
        label: { type: 'plain_text', text: 'Reason (the author reads it)' },
        element: { type: 'plain_text_input', action_id: 'value', multiline: true, max_length: 500 },
      },
    ]);
  });

  it('reads the reason trimmed, and a blank or missing one as none', () => {
    expect(reasonOfView({ reason: { value: { value: '  too vague  ' } } })).toBe('too vague');
    expect(reasonOfView({ reason: { value: { value: '   ' } } })).toBeUndefined();
    expect(reasonOfView({ reason: { value: { value: null } } })).toBeUndefined();
    expect(reasonOfView({})).toBeUndefined();
    expect(reasonOfView({ reason: {} })).toBeUndefined();
  });
});
