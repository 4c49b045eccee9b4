import type { BlockButtonAction, SlashCommand } from '@slack/bolt';
import type { MessageEvent } from '@slack/types';
import { describe, expect, it } from 'vitest';
import {
  historyReply,
  parseCommandText,
  toCommandRequest,
  toPick,
  toPracticePick,
  toPracticeReveal,
  toRoundFeedbackPress,
  toThreadEvent,
} from '../../../src/adapters/slack/translate.ts';
import { buttonPressPayload, slashCommandPayload } from '../../fakes/slack/signed-requests.ts';

const press = (value: string, overrides: Partial<BlockButtonAction> = {}): BlockButtonAction => ({
  ...buttonPressPayload({
    actionId: 'quiz_pick_1',
    value,
    user: { id: 'U3', name: 'cy' },
    channelId: 'C1',
    responseUrl: 'https://hooks.slack.test/2',
  }),
  ...overrides,
});

const event = (fields: Record<string, unknown>): MessageEvent =>
  ({ type: 'message', channel: 'C1', channel_type: 'channel', event_ts: '2.0', ...fields }) as unknown as MessageEvent;

describe('slack translation: option buttons under a round', () => {
  it('turns a click on a round’s option into a pick of that round and letter, by whoever clicked', () => {
    expect(toPick(press('r-42:2'))).toEqual({
      channel: 'slack:C1',
      caller: { id: 'U3', name: 'cy' },
      roundId: 'r-42',
      option: 2,
    });
  });

  it('keeps a round id that itself holds colons, reading the option after the last one', () => {
    expect(toPick(press('round:with:colons:4'))).toMatchObject({ roundId: 'round:with:colons', option: 4 });
  });

  it('ignores a click whose value is not a round and an option, or that came from nowhere', () => {
    expect(toPick(press('r-42'))).toBeNull();
    expect(toPick(press('r-42:x'))).toBeNull();
    expect(toPick(press(':3'))).toBeNull();
    expect(toPick(press('r-42:12'))).toBeNull();
    expect(toPick(press('r-42:1', { actions: [] } as never))).toBeNull();
    expect(toPick(press('r-42:1', { channel: undefined, container: {} } as never))).toBeNull();
  });
});

describe('slack translation: option buttons under a practice question', () => {
  it('turns a click into a practice pick of that question, with the workspace', () => {
    expect(toPracticePick(press('ch-gil-io:0'))).toEqual({
      channel: 'slack:C1',
      caller: { id: 'U3', name: 'cy' },
      questionId: 'ch-gil-io',
      option: 0,
      space: 'T0001',
    });
  });

  it('leaves the workspace out when Slack did not send the team', () => {
    expect(toPracticePick(press('ch-gil-io:1', { team: null }))).toEqual({
      channel: 'slack:C1',
      caller: { id: 'U3', name: 'cy' },
      questionId: 'ch-gil-io',
      option: 1,
    });
  });

  it('ignores a click with no option or no channel', () => {
    expect(toPracticePick(press('ch-gil-io'))).toBeNull();
    expect(toPracticePick(press('ch-gil-io:1', { channel: undefined, container: {} } as never))).toBeNull();
  });
});

describe('slack translation: My feedback and Reveal answer', () => {
  it('asks for the feedback of the round the button was under, for whoever pressed it', () => {
    expect(toRoundFeedbackPress(press('r-7'))).toEqual({
      channel: 'slack:C1',
      caller: { id: 'U3', name: 'cy' },
      roundId: 'r-7',
    });
  });

  it('ignores a My feedback press that names no round or no channel', () => {
    expect(toRoundFeedbackPress(press(''))).toBeNull();
    expect(toRoundFeedbackPress(press('r-7', { channel: undefined, container: {} } as never))).toBeNull();
  });

  it('ignores presses that carry no action, or an empty list of them', () => {
    for (const actions of [undefined, []]) {
      const body = press('r-7:1', { actions } as never);
      expect(toRoundFeedbackPress(body)).toBeNull();
      expect(toPick(body)).toBeNull();
      expect(toPracticePick(body)).toBeNull();
      expect(toPracticeReveal(body)).toEqual({ channel: 'slack:C1', caller: { id: 'U3', name: 'cy' }, space: 'T0001' });
    }
  });

  it('ignores a press from a message Slack sent without channel or container', () => {
    expect(toPracticeReveal(press('q1', { channel: undefined, container: undefined } as never))).toBeNull();
  });

  it('names the presser by username when Slack sends no name, and drops an empty question or workspace', () => {
    const body = press('', {
      team: null,
      user: { id: 'U4', username: 'dee', team_id: 'T0001' } as BlockButtonAction['user'],
    });
    expect(toPracticeReveal(body)).toEqual({ channel: 'slack:C1', caller: { id: 'U4', name: 'dee' } });
  });
});

describe('slack translation: slash commands', () => {
  const base = slashCommandPayload({ text: '', user_id: 'U1', channel_id: 'C9', response_url: 'https://h/1' });
  it('reads a missing text as a bare /quiz and a missing team as no workspace', () => {
    const payload = { ...base, text: undefined, team_id: '' } as unknown as SlashCommand;
    expect(toCommandRequest(payload, { id: 'U1', name: 'Ann' }, false)).toEqual({
      channel: 'slack:C9',
      caller: { id: 'U1', name: 'Ann' },
      isAdmin: false,
      text: '',
    });
  });

  it('makes the first of several mentions the target, and reads each as @name', () => {
    expect(parseCommandText('streak <@U1|ann> <@U2|bob>')).toEqual({
      text: 'streak @ann @bob',
      target: { id: 'U1', name: 'ann' },
    });
  });

  it('uses the id when a mention’s name is blank, and leaves a bot or channel link as it is', () => {
    expect(parseCommandText('streak <@U7|  >')).toEqual({ text: 'streak @U7', target: { id: 'U7', name: 'U7' } });
    expect(parseCommandText('streak <@B7|bot> <#C1|general>')).toEqual({ text: 'streak <@B7|bot> <#C1|general>' });
  });
});

describe('slack translation: who wrote a thread reply', () => {
  const reply = { ts: '2.0', thread_ts: '1.0', text: 'a lock' };

  it('names a bot by its profile, then its username, then its id', () => {
    const author = (fields: Record<string, unknown>) => {
      const translated = toThreadEvent(event({ ...reply, ...fields }));
      return translated?.kind === 'reply' ? translated.message.author : undefined;
    };
    expect(author({ bot_id: 'B1', username: 'ci', bot_profile: { name: 'Deploys' } })).toEqual({
      id: 'B1',
      name: 'Deploys',
      isBot: true,
    });
    expect(author({ bot_id: 'B1', username: 'ci', bot_profile: {} })).toEqual({ id: 'B1', name: 'ci', isBot: true });
    expect(author({ bot_id: 'B1' })).toEqual({ id: 'B1', name: 'B1', isBot: true });
    expect(author({ subtype: 'bot_message', user: 'U5' })).toEqual({ id: 'U5', name: 'U5', isBot: true });
  });

  it('keeps a person named by their user id for the adapter to look up, even with a username field', () => {
    const translated = toThreadEvent(event({ ...reply, user: 'U2', username: 'ann' }));
    expect(translated?.kind === 'reply' && translated.message.author).toEqual({ id: 'U2', name: 'U2', isBot: false });
  });

  it('ignores a reply with neither a user nor a bot behind it', () => {
    expect(toThreadEvent(event(reply))).toBeNull();
  });

  it('counts files shared and /me messages in a thread as replies, with an empty text when none came', () => {
    for (const subtype of ['file_share', 'me_message']) {
      const translated = toThreadEvent(event({ ts: '2.0', thread_ts: '1.0', user: 'U2', subtype }));
      expect(translated).toEqual({
        kind: 'reply',
        message: {
          channel: 'slack:C1',
          threadId: '1.0',
          messageId: '2.0',
          author: { id: 'U2', name: 'U2', isBot: false },
          text: '',
        },
      });
    }
  });

  it('ignores an edit of a message outside any thread, and a deletion Slack sent without the message', () => {
    const plain = { type: 'message', user: 'U2', text: 'hi', ts: '5.0' };
    expect(toThreadEvent(event({ subtype: 'message_changed', ts: '6.0', message: plain }))).toBeNull();
    expect(toThreadEvent(event({ subtype: 'message_deleted', ts: '6.0', deleted_ts: '5.0' }))).toBeNull();
  });

  it('reads a reply back from a thread’s history as the reply it arrived as', () => {
    expect(historyReply('C3', { ts: '2.0', thread_ts: '1.0', user: 'U2', text: 'a &lt; b' })).toEqual({
      channel: 'slack:C3',
      threadId: '1.0',
      messageId: '2.0',
      author: { id: 'U2', name: 'U2', isBot: false },
      text: 'a < b',
    });
    expect(historyReply('C3', { ts: '1.0', thread_ts: '1.0', user: 'U2', text: 'the question' })).toBeNull();
  });
});
