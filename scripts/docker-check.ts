/**
 * `npm run docker:check`: builds the image and runs docker-compose.yml as a team would, with Slack
 * and Discord pointed at the fake platform servers of test/fakes on this machine, then checks what
 * operators rely on:
 * - the image's own HEALTHCHECK turns healthy; /healthz and /metrics answer;
 * - a signed /quiz command is served; the image can register Discord's /quiz command;
 * - the bot runs as a non-root user, without dev dependencies;
 * - Redis data survives a SIGKILLed Redis and `down` + `up` (append-only file on the named volume);
 * - `docker compose stop` is a clean exit 0;
 * - a bot without tokens refuses to start with a clear message, not the terminal demo in a restart loop.
 *
 * Needs a Docker engine with Compose v2 (2.24 or later). On a machine that cannot pull from Docker
 * Hub, make local base images first with scripts/docker/standin-images.sh. Not part of `npm test`,
 * which must pass on machines without Docker.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FakeDiscord } from '../support/fakes/discord/fake-discord.ts';
import { FakeSlackApi } from '../test/fakes/slack/fake-slack-api.ts';
import { SlackRequestSender } from '../test/fakes/slack/signed-requests.ts';
import { freePort } from '../test/support/redis-server.ts';
import { waitFor } from '../test/support/wait-for.ts';

const root = path.resolve(import.meta.dirname, '..');
const project = 'quizthread-check';
const SIGNING_SECRET = 'docker-check-signing-secret';
const METRICS_TOKEN = 'docker-check-metrics-token';
const CHANNEL = 'C0DOCKER';
const ADMIN = 'UADMIN';

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs a command without blocking the event loop (the fake platforms in this process must keep
 * answering), killed after five minutes so a hung container fails the check instead of hanging it.
 */
function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'], timeout: 300_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', (error) => reject(new Error(`${command} ${args.join(' ')}: ${error.message}`)));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

async function must(command: string, args: string[], env?: NodeJS.ProcessEnv): Promise<string> {
  const result = await run(command, args, env);
  if (result.status !== 0)
    throw new Error(`${command} ${args.join(' ')} exited ${result.status}:\n${result.stderr || result.stdout}`);
  return result.stdout;
}

const results: { name: string; ok: boolean; detail: string }[] = [];
async function check(name: string, body: () => Promise<string> | string): Promise<void> {
  const started = Date.now();
  try {
    const detail = await body();
    results.push({ name, ok: true, detail });
    console.log(`ok    ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)${detail ? `: ${detail}` : ''}`);
  } catch (error) {
    results.push({ name, ok: false, detail: (error as Error).message });
    console.log(`FAIL  ${name}: ${(error as Error).message}`);
  }
}

function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

async function main(): Promise<number> {
  const engine = await run('docker', ['version', '--format', '{{.Server.Version}}']);
  if (engine.status !== 0) {
    console.error(`docker:check needs a running Docker engine: ${engine.stderr.trim()}`);
    return 2;
  }
  const compose = await run('docker', ['compose', 'version', '--short']);
  if (compose.status !== 0) {
    console.error('docker:check needs Docker Compose v2 (`docker compose`)');
    return 2;
  }
  console.log(`Docker engine ${engine.stdout.trim()}, Compose ${compose.stdout.trim()}`);

  const api = new FakeSlackApi();
  await api.start('0.0.0.0');
  api.addUser({ id: ADMIN, name: 'Ada', isAdmin: true });
  const discord = await FakeDiscord.start({ host: '0.0.0.0', advertisedHost: 'host.docker.internal' });
  const port = await freePort();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'quizthread-docker-check-'));
  // The container reaches the fake Slack API on this machine; healthchecks run every 2 s instead
  // of 30 s so the check is quick (the test command itself is the image's).
  const override = path.join(dir, 'compose.check.yml');
  writeFileSync(
    override,
    'services:\n  bot:\n    extra_hosts: ["host.docker.internal:host-gateway"]\n    healthcheck:\n      interval: 2s\n      start_period: 30s\n',
  );
  const env: NodeJS.ProcessEnv = {
    ...Object.fromEntries(
      Object.entries(process.env).filter(([k]) => !/^(DISCORD_|SLACK_|REDIS_|QUIZ_|LOG_|PORT$)/.test(k)),
    ),
    PORT: String(port),
    SLACK_BOT_TOKEN: 'xoxb-docker-check',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: `http://host.docker.internal:${api.port}/api/`,
    SLACK_ADMIN_USERS: ADMIN,
    DISCORD_TOKEN: 'docker-check-token',
    DISCORD_APPLICATION_ID: discord.applicationId,
    DISCORD_API_URL: discord.apiUrl,
    METRICS_TOKEN,
  };
  const dc = (...args: string[]) => ['compose', '-p', project, '-f', 'docker-compose.yml', '-f', override, ...args];
  const base = `http://127.0.0.1:${port}`;
  const slack = new SlackRequestSender(`${base}/slack/events`, SIGNING_SECRET);
  const redisKeys = async () =>
    (await must('docker', dc('exec', '-T', 'redis', 'redis-cli', '--scan', '--pattern', 'quizthread:*'), env))
      .split('\n')
      .filter(Boolean)
      .sort();

  try {
    await check('compose file is valid', async () => {
      await must('docker', dc('config', '--quiet'), env);
      return '';
    });
    await check('image builds, and both services come up healthy', async () => {
      const started = Date.now();
      await must('docker', dc('up', '-d', '--build', '--wait', '--wait-timeout', '180'), env);
      const health = (
        await must('docker', ['inspect', '--format', '{{.State.Health.Status}}', `${project}-bot-1`])
      ).trim();
      assert(health === 'healthy', `bot health is ${health}`);
      return `up in ${((Date.now() - started) / 1000).toFixed(1)} s; image ${(await must('docker', ['image', 'inspect', '--format', '{{.Size}}', `${project}-bot`])).trim()} bytes`;
    });
    await check('GET /healthz is 200 with Redis, Slack and Discord connected', async () => {
      const response = await fetch(`${base}/healthz`);
      const body = (await response.json()) as { ok: boolean; store: string; adapters: Record<string, string> };
      const connected = body.adapters.slack === 'connected' && body.adapters.discord === 'connected';
      assert(
        response.status === 200 && body.ok && body.store === 'ok' && connected,
        `${response.status} ${JSON.stringify(body)}`,
      );
      return JSON.stringify(body);
    });
    await check('a signed /quiz post-now is acknowledged, answered and posts to the channel', async () => {
      const response = await slack.slashCommand({
        text: 'post-now',
        user_id: ADMIN,
        channel_id: CHANNEL,
        response_url: `http://host.docker.internal:${api.port}/response/post-now`,
      });
      assert(response.status === 200, `status ${response.status}`);
      const reply = await waitFor(() => api.responsesTo('post-now')[0], 'the reply on the response_url', 10_000);
      await waitFor(
        () => api.callsOf('chat.postMessage').find((call) => call.args.channel === CHANNEL),
        `a chat.postMessage to ${CHANNEL}`,
        10_000,
      );
      return String(reply.text ?? '');
    });
    await check('a request with a bad signature is refused with 401', async () => {
      const response = await slack.slashCommand(
        { text: 'help', user_id: ADMIN, channel_id: CHANNEL, response_url: 'http://unused/' },
        { signature: 'v0=00' },
      );
      assert(response.status === 401, `status ${response.status}`);
      return '';
    });
    await check('GET /metrics is 401 without METRICS_TOKEN and counts the posted round with it', async () => {
      const anonymous = await fetch(`${base}/metrics`);
      assert(anonymous.status === 401, `without the token: status ${anonymous.status}`);
      const text = await (
        await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })
      ).text();
      const line = text.split('\n').find((l) => l.startsWith('quizthread_rounds_posted_total{'));
      assert(line?.endsWith(' 1'), `rounds posted line: ${line}`);
      return line ?? '';
    });
    await check('the image registers the Discord /quiz command (node dist/app/discord-register.js)', async () => {
      const out = await must(
        'docker',
        dc('exec', '-T', 'bot', 'node', 'dist/app/discord-register.js', '--guild', discord.guildId),
        env,
      );
      assert(
        discord.registeredCommands.some((r) => r.guildId === discord.guildId),
        'no commands registered in the fake server',
      );
      return out.trim();
    });
    await check('the bot runs as a non-root user, without dev dependencies', async () => {
      const uid = (await must('docker', dc('exec', '-T', 'bot', 'id', '-u'), env)).trim();
      assert(uid !== '0', 'runs as root');
      const dev = await run(
        'docker',
        dc('exec', '-T', 'bot', 'ls', 'node_modules/vitest', 'node_modules/typescript', 'node_modules/@biomejs'),
        env,
      );
      assert(dev.status !== 0, `dev dependencies present:\n${dev.stdout}`);
      return `uid ${uid}`;
    });
    await check('Redis data survives a SIGKILL and docker compose down + up (AOF on the named volume)', async () => {
      const before = await redisKeys();
      assert(before.length > 0, 'no quizthread keys in Redis after a post');
      // appendfsync everysec: what was written more than a second ago is on disk. A killed Redis
      // writes no snapshot on the way out, so only the append-only file can bring the keys back.
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      await must('docker', dc('kill', '-s', 'SIGKILL', 'redis'), env);
      await must('docker', dc('down'), env);
      await must('docker', dc('up', '-d', '--wait', '--wait-timeout', '120'), env);
      const after = await redisKeys();
      assert(JSON.stringify(after) === JSON.stringify(before), `keys before ${before.length}, after ${after.length}`);
      return `${after.length} keys kept`;
    });
    await check('docker compose stop ends the bot gracefully with exit code 0', async () => {
      await must('docker', dc('stop', 'bot'), env);
      const code = (await must('docker', ['inspect', '--format', '{{.State.ExitCode}}', `${project}-bot-1`])).trim();
      const logs = await must('docker', dc('logs', '--no-color', 'bot'), env);
      assert(code === '0', `exit code ${code}`);
      assert(logs.includes('quizthread stopped'), 'no "quizthread stopped" in the log');
      return `exit ${code}`;
    });
    await check('without tokens the bot refuses to start and says what is missing', async () => {
      const result = await run(
        'docker',
        dc(
          'run',
          '--rm',
          '--no-deps',
          ...['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'DISCORD_TOKEN', 'DISCORD_APPLICATION_ID'].flatMap((name) => [
            '-e',
            `${name}=`,
          ]),
          'bot',
        ),
        env,
      );
      assert(result.status === 2, `exit ${result.status}`);
      assert(result.stderr.includes('No chat platform is configured'), `stderr: ${result.stderr}`);
      return `exit 2: ${result.stderr.split('\n')[1]?.trim().slice(0, 60)}…`;
    });
  } finally {
    await run('docker', dc('down', '--volumes', '--remove-orphans'), env);
    await api.stop();
    await discord.stop();
  }
  const failed = results.filter((r) => !r.ok).length;
  console.log(`\n${results.length - failed}/${results.length} checks passed`);
  return failed === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
