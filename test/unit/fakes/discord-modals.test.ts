import { ComponentType, TextInputStyle } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { modalSubmitData, modalViolations } from '../../fakes/discord/modals.ts';
import { suggestModal } from '../../../src/adapters/discord/render-suggestions.ts';

const input = (id: string, extra: object = {}) => ({
  type: ComponentType.ActionRow,
  components: [{ type: ComponentType.TextInput, custom_id: id, label: id, style: TextInputStyle.Short, ...extra }],
});

describe('the fake Discord’s modals', () => {
  it('takes the suggestion modal, prefilled to the brim', () => {
    const long = 'x'.repeat(3000);
    expect(
      modalViolations(
        suggestModal({ title: 't', question: long, modelAnswer: long, keyPoints: 'k', topicAndDifficulty: '' }),
      ),
    ).toEqual([]);
  });

  it('refuses what Discord refuses: no rows, six rows, a long title, custom id or label, a value over max_length, two inputs in a row', () => {
    const paths = (modal: object) => modalViolations(modal).map((v) => v.path);
    expect(paths({ custom_id: 'm', title: 't', components: [] })).toEqual(['data.components']);
    expect(
      paths({ custom_id: 'm', title: 't', components: ['a', 'b', 'c', 'd', 'e', 'f'].map((id) => input(id)) }),
    ).toEqual(['data.components']);
    expect(paths({ custom_id: 'x'.repeat(101), title: 'y'.repeat(46), components: [input('a')] })).toEqual([
      'data.custom_id',
      'data.title',
    ]);
    expect(
      paths({
        custom_id: 'm',
        title: 't',
        components: [input('a', { label: 'l'.repeat(46), max_length: 10, value: 'v'.repeat(11) })],
      }),
    ).toEqual(['data.components.0.components.0.label', 'data.components.0.components.0.value']);
    expect(
      paths({
        custom_id: 'm',
        title: 't',
        components: [
          { type: ComponentType.ActionRow, components: [input('a').components[0], input('b').components[0]] },
        ],
      }),
    ).toEqual(['data.components.0']);
  });

  it('will not submit what the client would not: a required field empty, a value too long, an unknown field', () => {
    const modal = {
      custom_id: 'm',
      title: 't',
      components: [input('a', { max_length: 3 }), input('b', { required: false })],
    };
    expect(() => modalSubmitData(modal, {})).toThrow(/a is required/);
    expect(() => modalSubmitData(modal, { a: 'abcd' })).toThrow(/a is too long/);
    expect(() => modalSubmitData(modal, { a: 'ab', c: 'x' })).toThrow(/no text input c/);
    expect(modalSubmitData(modal, { a: 'ab' }).components.map((r) => r.components[0]?.value)).toEqual(['ab', '']);
  });
});
