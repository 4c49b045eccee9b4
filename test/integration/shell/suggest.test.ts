import { afterEach, describe, expect, it } from 'vitest';
import { loadQuestions } from '../../../src/questions/load-questions.ts';
import { ShellConversation } from '../../support/shell-conversation.ts';
import { GOOD_DRAFT } from '../../support/suggestion-drafts.ts';

/** Types the form's answers, key points one per line and an empty line after them. */
async function fillForm(chat: ShellConversation, draft = GOOD_DRAFT): Promise<string> {
  await chat.say(draft.title);
  await chat.say(draft.question);
  await chat.say(draft.modelAnswer);
  for (const line of draft.keyPoints.split('\n')) await chat.say(line);
  await chat.say('');
  return chat.say(draft.topicAndDifficulty);
}

describe('suggesting questions in the shell', () => {
  let chat: ShellConversation;
  afterEach(async () => {
    await chat.end();
  });

  it('asks field by field, asks again only for the fields in error, and keeps the rest', async () => {
    chat = await new ShellConversation().start();
    const opened = await chat.say('/quiz suggest');
    expect(opened).toContain('Suggest a question for this team.');
    expect(opened).toContain('Title (one line, at most 100 characters):');
    const refused = await fillForm(chat, { ...GOOD_DRAFT, title: '', topicAndDifficulty: 'queue sideways' });
    expect(refused).toContain('The suggestion needs changes before it can be sent:');
    expect(refused).toContain('  Title: must not be empty');
    expect(refused).toContain('  Topic and difficulty: "sideways" is neither a topic');
    expect(refused).toContain('Title (one line, at most 100 characters):');
    expect(await chat.say(GOOD_DRAFT.title)).toContain('Topic and difficulty (optional');
    expect(await chat.say('queue easy')).toContain(
      `Thanks: "${GOOD_DRAFT.title}" (team-1) is waiting for an admin's review.`,
    );
    expect(await chat.say('/quiz suggest')).toContain('Title (');
    expect(await chat.say('/cancel')).toContain('(suggestion dropped)');
    expect(await chat.say('/quiz suggestions')).toContain(
      'team-1: Why the ingest service stops answering  [easy · queue]  From the team, by ann',
    );
  });

  it('approves, exports to a folder the bank loads, and asks the question in a round with its author', async () => {
    chat = await new ShellConversation().start();
    await chat.say('/quiz suggest');
    await fillForm(chat, { ...GOOD_DRAFT, question: `${GOOD_DRAFT.question}\u001b[2J` });
    const listed = await chat.say('/quiz suggestions');
    expect(listed).toContain('team-1');
    expect(listed).not.toContain('\u001b');
    expect(await chat.say('/quiz suggestions approve team-1')).toContain('is approved; its author has been told');
    const exported = await chat.say('/quiz export');
    const dir = /Wrote 1 question file to (\S+)/.exec(exported)?.[1] ?? '';
    const loaded = await loadQuestions(dir);
    expect(loaded.map((q) => q.id)).toEqual(['from-team-1']);
    await chat.end();

    // A bank of that one exported file, and the team's own question beside it.
    chat = await new ShellConversation({ QUIZ_QUESTIONS_DIR: dir, QUIZ_DEMO_WINDOW: '2m' }).start();
    await chat.say('/quiz suggest');
    await fillForm(chat, { ...GOOD_DRAFT, title: 'Our own question' });
    await chat.say('/quiz suggestions approve team-1');
    let posted = '';
    for (let i = 0; i < 2 && !posted.includes('Our own question'); i++) {
      await chat.say('/quiz reveal-now');
      await chat.say('/quiz post-now');
      posted = chat.all.slice(chat.all.lastIndexOf('Question of the day'));
    }
    expect(posted).toContain('Our own question  [easy · queue]\nFrom the team, by ann');
    expect(await chat.say('Every producer blocks on put once the queue fills up.')).toContain("(ann's answer is in)");
    chat.clock.advance(2 * 60_000);
    const reveal = await chat.tick();
    expect(reveal).toContain('second consumer thread');
  });
});
