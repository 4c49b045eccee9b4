import { ButtonStyle, ComponentType, TextInputStyle } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import {
  decideId,
  decisionOfId,
  reasonModal,
  reasonModalId,
  renderSuggestionReply,
  suggestModal,
  suggestionOfReasonId,
} from '../../../src/adapters/discord/render-suggestions.ts';
import type { SuggestionSummary } from '../../../src/core/views.ts';

/** The text input of a modal's row (each row of these modals holds one). */
const firstInput = (row: unknown): object => (row as { components: object[] }).components[0] ?? {};

const item = (i: number, overrides: Partial<SuggestionSummary> = {}): SuggestionSummary => ({
  id: `sg${i}`,
  author: { id: '1', name: 'Ana_' },
  submittedAt: 0,
  title: `T${i} *x*`,
  question: 'Q?',
  modelAnswer: 'M',
  keyPoints: ['k1', 'k2'],
  topics: ['gil'],
  difficulty: 'easy',
  ...overrides,
});

describe('discord: the admins’ review list', () => {
  it('shows each suggestion escaped, with its author, answer and key points, and Approve and Reject buttons', () => {
    const rendered = renderSuggestionReply({ visibility: 'private', kind: 'suggestions', items: [item(1)] });
    expect(rendered.ephemeral).toBe(true);
    expect(rendered.content).toBe('**Suggestions waiting for review** (1)');
    expect(rendered.embeds).toEqual([
      {
        title: 'T1 \\*x\\*',
        description: 'by Ana\\_, 2 key points\n\nQ?',
        color: 0x5865f2,
        fields: [
          { name: 'Model answer', value: 'M' },
          { name: 'Key points', value: '• k1\n• k2' },
        ],
        footer: { text: 'Suggestion sg1' },
      },
    ]);
    expect(rendered.components).toEqual([
      {
        type: ComponentType.ActionRow,
        components: [
          {
            type: ComponentType.Button,
            custom_id: 'quiz:suggestion:approve:sg1',
            label: 'Approve: T1 *x*',
            style: ButtonStyle.Success,
          },
          {
            type: ComponentType.Button,
            custom_id: 'quiz:suggestion:reject:sg1',
            label: 'Reject',
            style: ButtonStyle.Danger,
          },
        ],
      },
    ]);
  });

  it('shows the first five and says the others follow', () => {
    const rendered = renderSuggestionReply({
      visibility: 'private',
      kind: 'suggestions',
      items: [1, 2, 3, 4, 5, 6, 7].map((i) => item(i)),
    });
    expect(rendered.content).toBe(
      '**Suggestions waiting for review** (7): the first 5; the others follow once these are decided.',
    );
    expect(rendered.embeds.map((e) => e.footer?.text)).toEqual([1, 2, 3, 4, 5].map((i) => `Suggestion sg${i}`));
  });

  it('says when none is waiting', () => {
    const rendered = renderSuggestionReply({ visibility: 'private', kind: 'suggestions', items: [] });
    expect(rendered.content).toBe('No suggestions are waiting for review.');
    expect(rendered.embeds).toEqual([]);
  });

  it('writes a dash for a suggestion without a model answer or key points, and cuts long texts', () => {
    const [embed] = renderSuggestionReply({
      visibility: 'private',
      kind: 'suggestions',
      items: [item(1, { modelAnswer: '', keyPoints: [], title: 't'.repeat(300), question: 'q'.repeat(1000) })],
    }).embeds;
    expect(embed?.fields).toEqual([
      { name: 'Model answer', value: '-' },
      { name: 'Key points', value: '-' },
    ]);
    expect(embed?.title).toBe(`${'t'.repeat(119)}…`);
    expect(embed?.description).toBe(`by Ana\\_, 0 key points\n\n${'q'.repeat(399)}…`);
    const long = renderSuggestionReply({
      visibility: 'private',
      kind: 'suggestions',
      items: [item(2, { title: 'a'.repeat(200), modelAnswer: 'm'.repeat(400), keyPoints: ['k'.repeat(100)] })],
    });
    expect(long.embeds[0]?.fields?.[0]?.value).toBe(`${'m'.repeat(249)}…`);
    expect(long.embeds[0]?.fields?.[1]?.value).toBe(`• ${'k'.repeat(59)}…`);
    const approve = long.components[0]?.components[0];
    expect(approve && 'label' in approve ? approve.label : '').toBe(`Approve: ${'a'.repeat(70)}…`);
  });
});

describe('discord: suggestion replies', () => {
  it('thanks the author, confirms a decision and a retirement, with the title escaped', () => {
    expect(
      renderSuggestionReply({ visibility: 'public', kind: 'suggestion-received', id: 's', title: 'a_b' }).content,
    ).toBe('Thanks: "a\\_b" is waiting for an admin\'s review. You will hear the outcome privately.');
    expect(
      renderSuggestionReply({
        visibility: 'public',
        kind: 'suggestion-decided',
        id: 's',
        title: 'a_b',
        decision: 'rejected',
      }).content,
    ).toBe('"a\\_b" is rejected; its author is told privately.');
    const retired = renderSuggestionReply({ visibility: 'private', kind: 'retired', id: 's', title: 'a_b' });
    expect(retired.content).toBe('"a\\_b" is retired: it will not be asked again.');
    expect(retired.ephemeral).toBe(true);
  });

  it('lists a draft’s problems privately, field by field, with a button to edit it', () => {
    const rendered = renderSuggestionReply({
      visibility: 'public',
      kind: 'suggestion-problems',
      problems: [
        { field: 'title', message: 'Too *long*' },
        { field: 'keyPoints', message: 'Too few.' },
      ],
      draft: { title: '', question: '', modelAnswer: '', keyPoints: '', topicAndDifficulty: '' },
    });
    expect(rendered.ephemeral).toBe(true);
    expect(rendered.content).toBe(
      'Your suggestion needs a few changes before an admin can see it:\n• **Title**: Too \\*long\\*\n• **Key points, one a line (3 to 5)**: Too few.',
    );
    expect(rendered.components[0]?.components).toEqual([
      {
        type: ComponentType.Button,
        custom_id: 'quiz:suggest-edit',
        label: 'Edit my suggestion',
        style: ButtonStyle.Primary,
      },
    ]);
  });

  it('keeps a long list of problems within 2000 characters', () => {
    const rendered = renderSuggestionReply({
      visibility: 'private',
      kind: 'suggestion-problems',
      problems: Array.from({ length: 50 }, () => ({ field: 'question' as const, message: 'p'.repeat(100) })),
      draft: { title: '', question: '', modelAnswer: '', keyPoints: '', topicAndDifficulty: '' },
    });
    expect(rendered.content).toHaveLength(2000);
  });

  it('attaches the export as one Markdown file, naming each question file', () => {
    const rendered = renderSuggestionReply({
      visibility: 'public',
      kind: 'export',
      files: [
        { name: 'a`b.md', content: 'x\n\n' },
        { name: 'c.md', content: 'y' },
      ],
    });
    expect(rendered.ephemeral).toBe(true);
    expect(rendered.content).toBe("The approved questions of this team, in the bank’s own format: `a'b.md`, `c.md`");
    expect(rendered.files?.map((f) => [f.name, f.contentType, f.data.toString('utf8')])).toEqual([
      ['team-questions.md', 'text/markdown', '<!-- file: a`b.md -->\nx\n\n<!-- file: c.md -->\ny\n'],
    ]);
  });

  it('keeps the export’s message within 2000 characters however many files, and says when there is nothing', () => {
    const many = Array.from({ length: 200 }, (_, i) => ({ name: `question-${i}.md`, content: 'x' }));
    expect(renderSuggestionReply({ visibility: 'private', kind: 'export', files: many }).content).toHaveLength(2000);
    const none = renderSuggestionReply({ visibility: 'public', kind: 'export', files: [] });
    expect(none.content).toBe('This team has no approved questions yet.');
    expect(none.ephemeral).toBe(true);
    expect(none).not.toHaveProperty('files');
  });
});

describe('discord: the suggestion and reject forms', () => {
  it('asks for five fields, prefilled with what was typed, required but for the topic', () => {
    const modal = suggestModal({ title: 'T', question: '', modelAnswer: 'M', keyPoints: '', topicAndDifficulty: '' });
    expect(modal.custom_id).toBe('quiz:suggest');
    expect(modal.title).toBe('Suggest a question');
    const inputs = modal.components.map((row) => firstInput(row) as Record<string, unknown>);
    expect(inputs.map((i) => [i.custom_id, i.style, i.required, i.max_length, i.value])).toEqual([
      ['title', TextInputStyle.Short, true, 120, 'T'],
      ['question', TextInputStyle.Paragraph, true, 3000, undefined],
      ['modelAnswer', TextInputStyle.Paragraph, true, 3000, 'M'],
      ['keyPoints', TextInputStyle.Paragraph, true, 2000, undefined],
      ['topicAndDifficulty', TextInputStyle.Short, false, 100, undefined],
    ]);
    expect(inputs[0]?.label).toBe('Title');
    expect(inputs[4]?.placeholder).toBe('e.g. asyncio medium');
    expect(inputs.every((i) => 'value' in i === (i.value !== undefined))).toBe(true);
  });

  it('cuts a prefilled value to what the field takes', () => {
    const modal = suggestModal({
      title: 't'.repeat(500),
      question: '',
      modelAnswer: '',
      keyPoints: '',
      topicAndDifficulty: '',
    });
    const [title] = modal.components.map((row) => firstInput(row) as { value: string });
    expect(title?.value).toHaveLength(120);
    expect(suggestModal().components.every((row) => !('value' in firstInput(row)))).toBe(true);
  });

  it('asks for an optional reason when rejecting, and carries the suggestion in its id', () => {
    expect(reasonModal('sg1')).toEqual({
      custom_id: 'quiz:suggestion-reason:sg1',
      title: 'Reject a suggestion',
      components: [
        {
          type: ComponentType.ActionRow,
          components: [
            {
              type: ComponentType.TextInput,
              custom_id: 'reason',
              label: 'Reason (the author reads it)',
              style: TextInputStyle.Paragraph,
              required: false,
              max_length: 500,
            },
          ],
        },
      ],
    });
  });

  it('reads a decision button and a reject form back as the suggestion they are about', () => {
    expect(decisionOfId(decideId('approve', 'sg:1'))).toEqual({ decision: 'approve', id: 'sg:1' });
    expect(decisionOfId(decideId('reject', 'sg1'))).toEqual({ decision: 'reject', id: 'sg1' });
    expect(decisionOfId('quiz:suggestion:maybe:sg1')).toBeUndefined();
    expect(decisionOfId('quiz:suggestion:approve:')).toBeUndefined();
    expect(decisionOfId('x quiz:suggestion:approve:sg1')).toBeUndefined();
    expect(suggestionOfReasonId(reasonModalId('sg7'))).toBe('sg7');
    expect(suggestionOfReasonId('quiz:suggestion-reason:')).toBeUndefined();
    expect(suggestionOfReasonId('x quiz:suggestion-reason:sg7')).toBeUndefined();
  });
});
