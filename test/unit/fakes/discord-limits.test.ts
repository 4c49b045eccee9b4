import { describe, expect, it } from 'vitest';
import { invalidFormBody, messageViolations, threadViolations } from '../../fakes/discord/limits.ts';

const paths = (body: unknown) => messageViolations(body).map((v) => v.path);
const button = (label: string, customId: string) => ({ type: 2, style: 1, label, custom_id: customId });
const row = (...components: object[]) => ({ type: 1, components });

describe('the fake Discord’s payload limits', () => {
  it('takes a message at every limit', () => {
    expect(
      messageViolations({
        content: 'c'.repeat(2000),
        embeds: [{ title: 't'.repeat(256), description: 'd'.repeat(4096), footer: { text: 'f'.repeat(1000) } }],
        components: [row(button('l'.repeat(80), 'i'.repeat(100)))],
      }),
    ).toEqual([]);
  });

  it('counts characters, not UTF-16 units, as Discord does', () => {
    expect(messageViolations({ content: '🐍'.repeat(2000) })).toEqual([]);
    expect(paths({ content: '🐍'.repeat(2001) })).toEqual(['content']);
  });

  it('refuses each embed field over its limit, by path', () => {
    expect(
      paths({
        embeds: [
          {},
          {
            title: 't'.repeat(257),
            description: 'd'.repeat(4097),
            fields: [{ name: 'n'.repeat(257), value: 'v'.repeat(1025) }],
            footer: { text: 'f'.repeat(2049) },
            author: { name: 'a'.repeat(257) },
          },
        ],
      }),
    ).toEqual(
      expect.arrayContaining([
        'embeds.1.title',
        'embeds.1.description',
        'embeds.1.footer.text',
        'embeds.1.author.name',
        'embeds.1.fields.0.name',
        'embeds.1.fields.0.value',
      ]),
    );
  });

  it('refuses more than 10 embeds, 25 fields, or 6000 characters of embed text in one message', () => {
    expect(paths({ embeds: Array.from({ length: 11 }, () => ({ title: 'x' })) })).toEqual(['embeds']);
    expect(paths({ embeds: [{ fields: Array.from({ length: 26 }, () => ({ name: 'n', value: 'v' })) }] })).toEqual([
      'embeds.0.fields',
    ]);
    expect(paths({ embeds: [{ description: 'd'.repeat(4000) }, { description: 'd'.repeat(2001) }] })).toEqual([
      'embeds',
    ]);
  });

  it('refuses more than 5 action rows, 5 buttons a row, long labels and custom ids', () => {
    const ok = button('ok', 'ok');
    expect(paths({ components: Array.from({ length: 6 }, () => row(ok)) })).toEqual(['components']);
    expect(paths({ components: [row(ok, ok, ok, ok, ok, ok)] })).toEqual(['components.0.components']);
    expect(paths({ components: [row(button('l'.repeat(81), 'i'.repeat(101)))] })).toEqual([
      'components.0.components.0.label',
      'components.0.components.0.custom_id',
    ]);
  });

  it('refuses a thread name over 100 characters', () => {
    expect(threadViolations({ name: 'n'.repeat(100) })).toEqual([]);
    expect(threadViolations({ name: 'n'.repeat(101) }).map((v) => v.path)).toEqual(['name']);
  });

  it('answers 400 Invalid Form Body, code 50035, with the errors by field', () => {
    expect(invalidFormBody(messageViolations({ content: 'c'.repeat(2001) }))).toEqual({
      status: 400,
      body: {
        code: 50035,
        message: 'Invalid Form Body',
        errors: {
          content: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 2000 or fewer in length.' }] },
        },
      },
    });
  });
});
