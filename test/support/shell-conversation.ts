/**
 * A conversation harness (after errbot's testbot): drives the whole bot through the shell adapter
 * and the memory store, lines in, text out, so a behaviour reads like a chat transcript.
 */
import { PassThrough } from 'node:stream';
import { loadConfig } from '../../src/app/config.ts';
import { createApp, type App } from '../../src/app/wiring.ts';
import { silentLogger } from '../../src/ports/logger.ts';
import { FakeClock } from './fake-clock.ts';
import { MONDAY_0800_UTC } from './fixtures.ts';
import { waitFor } from './wait-for.ts';

export class ShellConversation {
  private readonly input = new PassThrough();
  private readonly output = new PassThrough();
  private transcript = '';
  private linesSent = 0;
  readonly clock = new FakeClock(MONDAY_0800_UTC);
  app!: App;

  constructor(private readonly env: Record<string, string> = {}) {
    this.output.on('data', (chunk: Buffer) => {
      this.transcript += chunk.toString();
    });
  }

  async start(): Promise<this> {
    // A tick expression that never fires on its own: the test moves time and ticks by hand.
    const config = loadConfig({ SHELL_USER: 'ann', QUIZ_TICK: '0 0 0 1 1 *', ...this.env });
    this.app = await createApp(config, silentLogger, { input: this.input, output: this.output }, this.clock);
    return this;
  }

  /** Sends one line and returns what the bot printed in answer to it. */
  async say(line: string): Promise<string> {
    const before = this.transcript.length;
    this.linesSent += 1;
    const sent = this.linesSent;
    this.input.write(`${line}\n`);
    // Lines are handled in order: once this one is, its answer is in the transcript.
    await waitFor(() => (this.app.shell?.linesHandled ?? 0) >= sent, `the shell to handle "${line}"`);
    return this.transcript.slice(before);
  }

  async tick(): Promise<string> {
    const before = this.transcript.length;
    await this.app.quiz.tick();
    return this.transcript.slice(before);
  }

  get all(): string {
    return this.transcript;
  }

  async end(): Promise<void> {
    this.input.end();
    await this.app.shell?.ended;
    await this.app.stop();
  }
}
