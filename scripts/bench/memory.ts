/**
 * Memory of one bot process (memory-bot.ts): Discord with `guilds` servers in the fake gateway, each
 * GUILD_CREATE carrying 50 channels and 1,000 members, measured after ready and after each day of a
 * simulated week (every server's quiz channel gets a thread, `answers` replies from its members, and
 * the thread is archived, as a day's round makes the gateway send; each day ends with the hourly
 * thread sweep the bot configures, which a compressed week would otherwise never reach); and
 * Slack's HTTP mode idle.
 * Each figure is taken after a full garbage collection, so it is what the process keeps.
 * MEMORY_NODE_FLAGS (space-separated) passes V8 flags to the bot, e.g. `--max-semi-space-size=1`.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { GatewayDispatchEvents } from 'discord-api-types/v10';
import { FakeDiscord } from '../../support/fakes/discord/fake-discord.ts';
import { message, snowflake, thread } from '../../support/fakes/discord/payloads.ts';
import { FakeSlackApi } from '../../support/fakes/slack/fake-slack-api.ts';
import { compileChild } from './compile-child.ts';
import { mib } from './measure.ts';

export interface MemoryReading {
  label: string;
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external?: number;
  caches?: Record<string, number>;
}

class BotProcess {
  private readonly child: ChildProcess;
  private waiting?: (value: Record<string, unknown>) => void;
  readonly ready: Promise<Record<string, unknown>>;

  constructor(compiled: string, env: Record<string, string>) {
    const flags = (process.env.MEMORY_NODE_FLAGS ?? '').split(' ').filter(Boolean);
    this.child = spawn(process.execPath, ['--expose-gc', ...flags, compiled], {
      env: { ...process.env, ...env },
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    let markReady: (value: Record<string, unknown>) => void = () => {};
    this.ready = new Promise((resolve) => {
      markReady = resolve;
    });
    createInterface({ input: this.child.stdout! }).on('line', (line) => {
      const value = JSON.parse(line) as Record<string, unknown>;
      if (value.ready) markReady(value);
      else this.waiting?.(value);
    });
  }

  /** Resolves once the bot has handled `messages` messages. */
  sync(messages: number): Promise<unknown> {
    return new Promise((resolve) => {
      this.waiting = resolve;
      this.child.stdin!.write(`${JSON.stringify({ command: 'sync', messages })}\n`);
    });
  }

  /** With `sweep`, first runs the bot's own thread sweeper, as its hourly timer does during a real day. */
  measure(label: string, messages = 0, sweep = false): Promise<MemoryReading> {
    return new Promise((resolve) => {
      this.waiting = (value) => resolve(value as unknown as MemoryReading);
      this.child.stdin!.write(`${JSON.stringify({ command: 'measure', label, messages, sweep })}\n`);
    });
  }

  async stop(): Promise<void> {
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.stdin!.write(`${JSON.stringify({ command: 'stop' })}\n`);
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  }
}

const pause = () => new Promise((resolve) => setImmediate(resolve));

export async function discordMemory(options: {
  redisUrl: string;
  guilds: number;
  days: number;
  answers: number;
  channels?: number;
  members?: number;
}): Promise<MemoryReading[]> {
  const fake = await FakeDiscord.start({ unrecorded: true });
  const servers = Array.from({ length: options.guilds }, (_, i) =>
    fake.addGuild(`server ${i}`, { channels: options.channels ?? 50, members: options.members ?? 1000 }),
  );
  const started = Date.now();
  const bot = new BotProcess(await compileChild('memory-bot.ts'), {
    MEMORY_PLATFORM: 'discord',
    REDIS_URL: options.redisUrl,
    REDIS_PREFIX: `memory${Date.now()}:`,
    DISCORD_API_URL: fake.apiUrl,
    MEMORY_GUILDS: String(options.guilds + 1),
  });
  const ready = (await bot.ready) as { baseline: { rss: number }; loaded: { rss: number } };
  const readings: MemoryReading[] = [
    { label: 'started, before login', ...(ready.loaded as Omit<MemoryReading, 'label'>) },
  ];
  readings.push(
    await bot.measure(`ready with ${options.guilds + 1} servers (${((Date.now() - started) / 1000).toFixed(0)} s)`),
  );
  let sent = 0;
  for (let day = 1; day <= options.days; day++) {
    for (const [g, server] of servers.entries()) {
      const threadId = snowflake();
      const opened = thread(server.guildId, server.channelId, threadId, `Day ${day}`, fake.bot.id, 1440);
      fake.gateway.dispatch(GatewayDispatchEvents.ThreadCreate, { ...opened, newly_created: true });
      for (let a = 0; a < options.answers; a++) {
        const n = (day * 37 + a * 11 + g) % 1000;
        const author = {
          id: String(BigInt(server.guildId) + BigInt(n + 1) * 4_194_304n),
          username: `member_${n}`,
          global_name: `Member ${n}`,
          discriminator: '0',
          avatar: null,
        };
        fake.gateway.dispatch(GatewayDispatchEvents.MessageCreate, {
          ...message({ channelId: threadId, author, content: 'I would guard the counter with a lock' }),
          guild_id: server.guildId,
          member: { roles: [], joined_at: '2026-01-01T00:00:00.000Z', deaf: false, mute: false, flags: 0, nick: null },
        });
        sent++;
      }
      // Archived when its day is over: two hours ago by the time the day's last sweep runs.
      fake.gateway.dispatch(GatewayDispatchEvents.ThreadUpdate, {
        ...opened,
        thread_metadata: {
          ...opened.thread_metadata,
          archived: true,
          archive_timestamp: new Date(Date.now() - 2 * 3_600_000).toISOString(),
        },
      });
      // A day's answers arrive over hours, not at wire speed: let the bot keep up every few servers.
      if (g % 20 === 19) await bot.sync(sent);
      else await pause();
    }
    await bot.sync(sent);
    readings.push(await bot.measure(`after day ${day} (${sent.toLocaleString('en')} answers so far)`, sent, true));
  }
  await bot.stop();
  await fake.stop();
  return readings;
}

export async function slackIdleMemory(redisUrl: string): Promise<MemoryReading> {
  const api = new FakeSlackApi();
  await api.start();
  const bot = new BotProcess(await compileChild('memory-bot.ts'), {
    MEMORY_PLATFORM: 'slack',
    REDIS_URL: redisUrl,
    REDIS_PREFIX: `memoryslack${Date.now()}:`,
    SLACK_API_URL: api.url,
  });
  await bot.ready;
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const reading = await bot.measure('Slack HTTP mode, idle');
  await bot.stop();
  await api.stop();
  return reading;
}

export function describeReading(r: MemoryReading): string {
  const caches =
    r.caches && Object.keys(r.caches).length > 0
      ? `; cached ${Object.entries(r.caches)
          .map(([k, v]) => `${v.toLocaleString('en')} ${k}`)
          .join(', ')}`
      : '';
  return `  ${r.label}: RSS ${mib(r.rss)}, heap ${mib(r.heapUsed)} used of ${mib(r.heapTotal)}, external ${mib(r.external ?? 0)}${caches}`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { startRedisServer } = await import('../../support/redis-server.ts');
  const own = await startRedisServer();
  const readings = await discordMemory({
    redisUrl: own.url,
    guilds: Number(process.env.GUILDS ?? 100),
    days: Number(process.env.DAYS ?? 7),
    answers: Number(process.env.ANSWERS ?? 20),
    channels: Number(process.env.CHANNELS ?? 50),
    members: Number(process.env.MEMBERS ?? 1000),
  });
  for (const r of readings) console.log(describeReading(r));
  console.log(describeReading(await slackIdleMemory(own.url)));
  await own.stop();
}
