/**
 * The contract harness for the shell: the shell adapter reading lines from a stream and writing to a
 * captured one, wired to a quiz on the memory store and the test question bank. One terminal user
 * plays everyone (`/as <name>`), and is always an admin.
 */
import { readFileSync } from 'node:fs';
import { PassThrough, Writable } from 'node:stream';
import { SHELL_CHANNEL, ShellAdapter } from '../../../src/adapters/shell/adapter.ts';
import { VegaDigestChart } from '../../../src/chart/digest-chart.ts';
import { FakeClock } from '../../support/fake-clock.ts';
import { MONDAY_0800_UTC, makeQuiz } from '../../support/fixtures.ts';
import { waitFor } from '../../support/wait-for.ts';
import type {
  AdapterCapabilities,
  AdapterHarness,
  HarnessOptions,
  PostedAnswer,
  QuestionPost,
  RevealPost,
} from './adapter-harness.ts';

const NOT_IN_THE_SHELL = 'the shell cannot do this; the suite should have checked its capabilities';

/**
 * A button round's reveal: "  A ████ 1  ✓" per option, then "2 picked; right: Carol." (or
 * "nobody picked the right one"); undefined for a free-text reveal.
 */
function parseChoiceReveal(text: string): RevealPost | undefined {
  const lines = text.split('\n');
  const tally = lines.flatMap((line) => {
    const match = /^ {2}[A-E] (?:█+ )?(\d+)( {2}✓)?$/.exec(line);
    return match ? [{ picks: Number(match[1]), right: match[2] !== undefined }] : [];
  });
  if (tally.length === 0) return undefined;
  const summary = lines.find((line) => /^\d+ picked; /.test(line) || line === 'Nobody picked an answer.') ?? '';
  const right = /; right: (.*)\.$/.exec(summary)?.[1];
  return { inThread: true, text, answered: summary, feedback: [], tally, right: right ? right.split(', ') : [] };
}

/** The lines of a reveal under its "N answered:" headline, as "name: feedback". */
function parseReveal(text: string): RevealPost {
  const choice = parseChoiceReveal(text);
  if (choice) return choice;
  const lines = text.split('\n');
  const at = lines.findIndex((line) => /^\d+ answered:$/.test(line) || line === 'Nobody answered this one.');
  const feedback: string[] = [];
  for (const line of lines.slice(at + 1)) {
    if (!line.startsWith('  ')) break;
    feedback.push(line.trim());
  }
  return { inThread: true, text, answered: (lines[at] ?? '').replace(/:$/, ''), feedback };
}

export const shellCapabilities: AdapterCapabilities = {
  history: false,
  editing: false,
  bots: false,
  members: false,
  privateReplies: false,
  revealedPost: false,
  // Typed: a letter (or `/quiz pick b`) is a pick; there is no button, so no stale one to click.
  buttonRounds: true,
  buttons: false,
};

export async function startShellContractHarness(options: HarnessOptions = {}): Promise<AdapterHarness> {
  const input = new PassThrough();
  // One entry per write: the adapter writes each message it shows in one go.
  const shown: string[] = [];
  const output = new Writable({
    write(chunk: Buffer, _encoding, done) {
      shown.push(chunk.toString().replace(/\n$/, ''));
      done();
    },
  });
  const clock = new FakeClock(MONDAY_0800_UTC);
  const adapter = new ShellAdapter({ input, output, clock, user: 'Ada' });
  const { quiz, store } = makeQuiz({
    adapters: new Map([['shell', adapter]]),
    clock,
    digestChart: new VegaDigestChart(),
    ...(options.bank ? { bank: options.bank } : {}),
  });
  await adapter.start(quiz);

  let sentinels = 0;
  /** Types `lines` and resolves with what the bot showed in answer, once it has handled them all. */
  const type = async (...lines: string[]): Promise<string[]> => {
    const from = shown.length;
    sentinels += 1;
    // An unknown command is answered at once and in order, so its answer marks the end of the rest.
    const sentinel = `/contract-sentinel-${sentinels}`;
    for (const line of [...lines, sentinel]) input.write(`${line}\n`);
    const end = await waitFor(
      () => {
        const i = shown.findIndex((text, index) => index >= from && text.startsWith(`Unknown command ${sentinel}:`));
        return i >= 0 ? i : undefined;
      },
      `the shell to answer ${lines.join(' / ')}`,
    );
    return shown.slice(from, end).filter((text) => !text.startsWith('(you are now '));
  };
  const answers = new Map<string, string[]>();

  return {
    capabilities: shellCapabilities,
    store,
    clock,
    channel: SHELL_CHANNEL,
    userId: (who) => who,
    async command(who, text) {
      const replies = await type(`/as ${who}`, `/quiz ${text}`);
      return { text: replies.at(-1) ?? '', visibleTo: 'channel' };
    },
    async answer(who, text): Promise<PostedAnswer> {
      const id = `answer-${answers.size + 1}`;
      answers.set(id, await type(`/as ${who}`, text));
      return { id };
    },
    answerAsBot: async () => Promise.reject(new Error(NOT_IN_THE_SHELL)),
    edit: async () => Promise.reject(new Error(NOT_IN_THE_SHELL)),
    delete: async () => Promise.reject(new Error(NOT_IN_THE_SHELL)),
    answerUnseen: async () => Promise.reject(new Error(NOT_IN_THE_SHELL)),
    async answerAs(name, text) {
      await type(`/as ${name}`, text);
    },
    async myFeedback(name) {
      // The terminal has no buttons: `/quiz feedback` is how anyone asks.
      const replies = await type(`/as ${name}`, '/quiz feedback');
      return { text: replies.at(-1) ?? '', visibleTo: 'channel' };
    },
    // No buttons in a terminal: a pick is typed, for the open round or else the practice question.
    async pick(who, option) {
      const replies = await type(`/as ${who}`, `/quiz pick ${'abcde'[option]}`);
      return { text: replies.at(-1) ?? '', visibleTo: 'channel' };
    },
    async practicePick(who, option) {
      const replies = await type(`/as ${who}`, `/quiz pick ${'abcde'[option]}`);
      return { text: replies.at(-1) ?? '', visibleTo: 'channel' };
    },
    // The terminal has no payload limits.
    rejected: () => [],
    async advanceTo(at) {
      clock.set(at);
      await quiz.tick();
    },
    questions() {
      return shown
        .filter((text) => text.startsWith('━━ Question of the day ━━'))
        .map((text): QuestionPost => ({ text }));
    },
    digests() {
      return shown
        .filter((text) => text.startsWith('━━ Weekly digest'))
        .map((text) => {
          // The terminal prints where it wrote the chart; the file is the image.
          const path = /^Chart: (.+)$/m.exec(text)?.[1];
          return { text, ...(path ? { image: { png: readFileSync(path), shownInMessage: true } } : {}) };
        });
    },
    reveal() {
      const last = shown.filter((text) => text.startsWith('━━ Answer: ')).at(-1);
      return last === undefined ? undefined : parseReveal(last);
    },
    async lateNoteOn(answer) {
      const shownInAnswer = answers.get(answer.id) ?? [];
      if (!shownInAnswer.some((text) => text.includes('too late'))) {
        throw new Error(`no late note for ${answer.id}; the shell showed: ${shownInAnswer.join(' / ')}`);
      }
    },
    async notRecordedNoteOn(answer) {
      const shownInAnswer = answers.get(answer.id) ?? [];
      if (!shownInAnswer.some((text) => text.includes('could not record that answer'))) {
        throw new Error(`no note for ${answer.id}; the shell showed: ${shownInAnswer.join(' / ')}`);
      }
    },
    async stop() {
      input.end();
      await adapter.ended;
      await adapter.stop();
    },
  };
}
