/** Starts and drives replica processes (replica-process.ts) from a test. */
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { ReplicaRequest } from './replica-process.ts';

export interface ReplicaEvent {
  replica: string;
  event?: string;
  roundId?: string;
  /** Of a `posted` event: the thread the answers go to, as the fake chat named it. */
  threadId?: string;
  answers?: string[];
  /** Of a button round's `revealed` event: picks per option, and who was right in pick order. */
  tally?: number[];
  right?: string[];
  id?: number;
  result?: unknown;
  error?: string;
}

type Payload = ReplicaRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

export class Replica {
  private nextId = 1;
  private readonly waiting = new Map<number, (event: ReplicaEvent) => void>();
  private readonly child: ChildProcess;
  readonly ready: Promise<void>;

  constructor(
    readonly name: string,
    env: Record<string, string>,
    private readonly events: ReplicaEvent[],
  ) {
    this.child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'replica-process.ts')], {
      env: { ...process.env, ...env, REPLICA: name },
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    let markReady: () => void;
    this.ready = new Promise((resolve) => {
      markReady = resolve;
    });
    createInterface({ input: this.child.stdout! }).on('line', (line) => {
      const event = JSON.parse(line) as ReplicaEvent;
      if (event.event === 'ready') markReady();
      else if (event.id !== undefined) this.waiting.get(event.id)?.(event);
      else this.events.push(event);
    });
  }

  send(payload: Payload): Promise<ReplicaEvent> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      this.child.stdin!.write(`${JSON.stringify({ ...payload, id })}\n`);
    });
  }

  /** Kills the process without any chance to clean up, like a crashed container. */
  async kill(): Promise<void> {
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGKILL');
    await exited;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.stdin!.end();
    this.child.kill('SIGTERM');
    await exited;
  }
}
