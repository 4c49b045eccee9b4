/**
 * The terminal adapter, and the default when no platform is configured: one channel, lines in,
 * lines out. Plain lines are replies in the open question's thread; `/quiz ...` are commands (the
 * shell user is an admin); `/as <name>` switches user. It reads piped input too, so a script of
 * lines drives the whole bot end to end.
 */
import { createInterface, type Interface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Clock } from '../../ports/clock.ts';
import type { ChatAdapter, InboundHandler } from '../../ports/chat.ts';
import type { DigestImage, DigestView } from '../../core/digest-view.ts';
import { channelId, OPTION_LETTERS, type Person, type PostRef } from '../../core/types.ts';
import type { Reply, RevealView, RoundPostView } from '../../core/views.ts';
import { renderPost, renderReply, renderReveal } from './render.ts';
import { renderDigest, renderDigestReply, saveDigestImage } from './render-digest.ts';

export const SHELL_CHANNEL = channelId('shell', 'demo');

export interface ShellOptions {
  input: Readable;
  output: Writable;
  clock: Clock;
  user: string;
}

export class ShellAdapter implements ChatAdapter {
  readonly platform = 'shell' as const;
  private readline?: Interface;
  private user: Person;
  private currentThread?: string;
  /** The open round when its question is answered with a letter, until its reveal. */
  private buttonRound?: string;
  private quitting = false;
  private greeted = false;
  private inFlight = new Set<Promise<unknown>>();
  private connected = false;
  /** Lines read and fully handled so far: a conversation test waits on it, not on event-loop turns. */
  linesHandled = 0;
  private resolveEnded!: () => void;
  /** Resolves when input has ended and everything it started has finished. */
  readonly ended = new Promise<void>((resolve) => {
    this.resolveEnded = resolve;
  });

  constructor(private readonly options: ShellOptions) {
    this.user = { id: options.user, name: options.user };
  }

  private say(text: string): void {
    this.options.output.write(`${text}\n`);
  }

  async start(inbound: InboundHandler): Promise<void> {
    this.readline = createInterface({ input: this.options.input, terminal: false });
    this.connected = true;
    // Lines are handled one after another, so a script reads like the conversation it produces.
    let queue = Promise.resolve();
    this.readline.on('line', (line) => {
      queue = queue.then(async () => {
        await this.track(this.handleLine(line, inbound));
        this.linesHandled += 1;
      });
    });
    this.readline.on('close', () => {
      void queue.then(async () => {
        await Promise.allSettled([...this.inFlight]);
        this.connected = false;
        this.resolveEnded();
      });
    });
    this.greet();
  }

  /** The first line of the demo; `start` says it too, unless it was said already. */
  greet(): void {
    if (this.greeted) return;
    this.greeted = true;
    this.say(`quizthread shell: you are ${this.user.name} (an admin). Type /quiz help for commands.`);
  }

  private async track<T>(work: Promise<T>): Promise<T | undefined> {
    this.inFlight.add(work);
    try {
      return await work;
    } catch (error) {
      this.say(`(error: ${(error as Error).message})`);
      return undefined;
    } finally {
      this.inFlight.delete(work);
    }
  }

  private async handleLine(raw: string, inbound: InboundHandler): Promise<void> {
    const line = raw.trim();
    // Lines piped in after /quit are already buffered; they must not run.
    if (line === '' || this.quitting) return;
    const word = (line.split(/\s+/)[0] ?? '').toLowerCase();
    if (word === '/quit' || word === '/exit') {
      this.quitting = true;
      this.readline?.close();
      return;
    }
    if (word === '/as') {
      const name = line.slice(3).trim();
      if (!name) return this.say('Usage: /as <name>');
      this.user = { id: name, name };
      return this.say(`(you are now ${name})`);
    }
    if (word === '/reveal') {
      return this.say(renderReply(await inbound.practiceReveal(SHELL_CHANNEL, this.user), this.options.clock.now()));
    }
    if (word === '/quiz') {
      const reply = await inbound.command({
        channel: SHELL_CHANNEL,
        caller: this.user,
        isAdmin: true,
        text: line.slice(5),
      });
      if (!reply) return;
      if (reply.kind === 'digest' && reply.preview && reply.image) {
        const path = await saveDigestImage(reply.image, 'preview');
        return this.say(renderDigestReply(reply, this.options.clock.now(), path));
      }
      return this.say(renderReply(reply, this.options.clock.now()));
    }
    if (line.startsWith('/')) return this.say(`Unknown command ${line.split(/\s+/)[0]}: try /quiz help.`);
    const letter = /^[a-e]$/i.test(line) ? line.toLowerCase() : undefined;
    if (letter && (await this.pickLetter(letter, inbound))) return;
    if (!this.currentThread) return this.say('(no question is open; try /quiz post-now)');
    const outcome = await inbound.threadMessage({
      channel: SHELL_CHANNEL,
      threadId: this.currentThread,
      messageId: `${this.user.id}-${this.options.clock.now()}`,
      author: { ...this.user, isBot: false },
      text: line,
    });
    // The demo's default user is called "you", and "you's answer" reads badly.
    if (outcome === 'recorded')
      this.say(this.user.name === 'you' ? '(your answer is in)' : `(${this.user.name}'s answer is in)`);
    else if (outcome === 'duplicate') this.say(`(${this.user.name} already answered; only the first reply counts)`);
    else if (outcome === 'late') this.say('(too late: that question has been revealed, so this reply does not count)');
    else if (outcome === 'queued')
      this.say('(the database is unreachable; your answer will be recorded when it is back)');
    else if (outcome === 'unavailable') this.say('(could not record that answer right now; please send it again)');
  }

  /**
   * A line that is just a letter: a pick on the open button round, else on the user's practice
   * question with options. False when neither takes it, so it goes to the thread as a reply.
   */
  private async pickLetter(letter: string, inbound: InboundHandler): Promise<boolean> {
    const now = this.options.clock.now();
    const reply = this.buttonRound
      ? await inbound.pick({
          channel: SHELL_CHANNEL,
          caller: this.user,
          roundId: this.buttonRound,
          option: OPTION_LETTERS.indexOf(letter as 'a'),
          receivedAt: now,
        })
      : await inbound.command({ channel: SHELL_CHANNEL, caller: this.user, isAdmin: true, text: `pick ${letter}` });
    if (reply?.kind === 'refusal' && reply.code === 'no-round-open' && this.currentThread) return false;
    if (reply) this.say(renderReply(reply, now));
    return true;
  }

  async stop(): Promise<void> {
    this.readline?.close();
    this.connected = false;
  }

  /** Shows a reply before input is read, and makes `threadId` the thread plain lines answer in. */
  resume(threadId: string | undefined, reply: Reply): void {
    if (threadId) this.currentThread = threadId;
    if (threadId && reply.kind === 'today' && reply.open?.question.options) this.buttonRound = threadId;
    this.say(renderReply(reply, this.options.clock.now()));
  }

  isConnected(): boolean {
    return this.connected;
  }

  /** The terminal can always take a question. */
  async postingProblem(): Promise<string | undefined> {
    return undefined;
  }

  async postQuestion(_channel: string, view: RoundPostView): Promise<PostRef> {
    this.currentThread = view.roundId;
    this.buttonRound = view.question.options ? view.roundId : undefined;
    this.say(renderPost(view, this.options.clock.now()));
    return { messageId: view.roundId, threadId: view.roundId };
  }

  async postReveal(_channel: string, _post: PostRef, view: RevealView): Promise<void> {
    if (this.buttonRound === view.roundId) this.buttonRound = undefined;
    this.say(renderReveal(view));
  }

  async postDigest(_channel: string, view: DigestView, image?: DigestImage): Promise<void> {
    this.say(renderDigest(view, image ? await saveDigestImage(image, view.week) : undefined));
  }

  async warnChannel(_channel: string, message: string): Promise<void> {
    this.say(`(warning: ${message})`);
  }
}
