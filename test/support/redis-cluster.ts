/**
 * A throwaway Redis Cluster: three masters without replicas on free ports of 127.0.0.1, joined by
 * `redis-cli --cluster create`, so the 16,384 slots are spread over three processes and a command
 * for one slot can land on another node than the command before it. Each node keeps its nodes.conf
 * and an append-only file in a temp dir of its own, so a node can be stopped and started again
 * and rejoin with its data, as a production node would.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort, type Instance, startInstance } from './redis-server.ts';

const run = promisify(execFile);
const READY_TIMEOUT_MS = 20_000;

export interface RedisCluster {
  /** One node's URL: the seed a cluster client discovers the rest from. */
  url: string;
  ports: number[];
  /** The port of the node that serves `key`'s slot. */
  nodeOf(key: string): Promise<number>;
  /** Stops one node's process; its data and cluster identity wait for `startNode`. */
  stopNode(port: number): Promise<void>;
  /** Starts a stopped node again and waits until the cluster is whole. */
  startNode(port: number): Promise<void>;
  stop(): Promise<void>;
}

const CLUSTER_ARGS = [
  '--cluster-enabled',
  'yes',
  '--cluster-config-file',
  'nodes.conf',
  '--cluster-node-timeout',
  '2000',
];

interface Node {
  port: number;
  dir: string;
  instance?: Instance;
}

export async function startRedisCluster(size = 3): Promise<RedisCluster> {
  const ports: number[] = [];
  const nodes: Node[] = [];
  const stop = async () => {
    await Promise.all(nodes.map((node) => node.instance?.stop()));
    await Promise.all(nodes.map((node) => rm(node.dir, { recursive: true, force: true })));
  };
  const node = (port: number): Node => {
    const found = nodes.find((n) => n.port === port);
    if (!found) throw new Error(`no node of the test cluster listens on ${port}`);
    return found;
  };
  try {
    for (let i = 0; i < size; i++) {
      const port = await freePort();
      ports.push(port);
      const dir = await mkdtemp(join(tmpdir(), 'quizthread-cluster-'));
      nodes.push({ port, dir, instance: await startInstance(port, dir, CLUSTER_ARGS) });
    }
    const addresses = ports.map((port) => `127.0.0.1:${port}`);
    await run('redis-cli', ['--cluster', 'create', ...addresses, '--cluster-replicas', '0', '--cluster-yes']).catch(
      (error: Error & { stdout?: string; stderr?: string }) => {
        throw new Error(
          `redis-cli --cluster create failed: ${error.message}\n${error.stdout ?? ''}${error.stderr ?? ''}`,
          { cause: error },
        );
      },
    );
    await waitForClusterOk(ports);
  } catch (error) {
    await stop();
    throw error;
  }
  const slotOwners = await readSlotOwners(ports[0] as number);
  return {
    url: `redis://127.0.0.1:${ports[0]}`,
    ports,
    async nodeOf(key) {
      const { stdout } = await run('redis-cli', ['-p', String(ports[0]), 'CLUSTER', 'KEYSLOT', key]);
      const slot = Number(stdout.trim());
      const owner = slotOwners.find((range) => slot >= range.from && slot <= range.to);
      if (!owner) throw new Error(`no node serves slot ${slot} of ${key}`);
      return owner.port;
    },
    async stopNode(port) {
      const target = node(port);
      await target.instance?.stop();
      delete target.instance;
    },
    async startNode(port) {
      const target = node(port);
      target.instance ??= await startInstance(port, target.dir, CLUSTER_ARGS);
      await waitForClusterOk(ports);
    },
    stop,
  };
}

/** Every node must report cluster_state:ok: a new cluster takes a moment to agree on its slots. */
async function waitForClusterOk(ports: number[]): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    const states = await Promise.all(
      ports.map(async (port) => {
        const { stdout } = await run('redis-cli', ['-p', String(port), 'CLUSTER', 'INFO']);
        return /cluster_state:ok/.test(stdout);
      }),
    );
    if (states.every(Boolean)) return;
    if (Date.now() > deadline)
      throw new Error(
        `the test cluster on ports ${ports.join(', ')} did not reach cluster_state:ok within ${READY_TIMEOUT_MS} ms`,
      );
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function readSlotOwners(port: number): Promise<{ from: number; to: number; port: number }[]> {
  // CLUSTER SHARDS would be neater but is Redis 7.0.0+ with a nested reply; CLUSTER NODES is one line per node.
  const { stdout } = await run('redis-cli', ['-p', String(port), 'CLUSTER', 'NODES']);
  const owners: { from: number; to: number; port: number }[] = [];
  for (const line of stdout.trim().split('\n')) {
    const fields = line.split(' ');
    const nodePort = Number(/:(\d+)@/.exec(fields[1] ?? '')?.[1]);
    for (const range of fields.slice(8)) {
      const [from, to] = range.split('-').map(Number);
      if (from !== undefined && !Number.isNaN(from)) owners.push({ from, to: to ?? from, port: nodePort });
    }
  }
  return owners;
}
