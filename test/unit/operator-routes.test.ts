/**
 * The operator endpoints on their own server (the one used when Slack's receiver does not own
 * PORT): /metrics behind an optional bearer token, /healthz always open, anything else 404.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { operatorRoutes, serveRoutes } from '../../src/app/http.ts';
import { Metrics } from '../../src/app/metrics.ts';
import { MemoryStore } from '../../src/store/memory/memory-store.ts';

let server: Server | undefined;

afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = undefined;
});

async function serve(metricsToken?: string, stopping = () => false): Promise<string> {
  const routes = operatorRoutes({
    store: new MemoryStore(),
    adapters: () => [],
    metrics: new Metrics(),
    stopping,
    ...(metricsToken ? { metricsToken } : {}),
  });
  server = await serveRoutes(routes, 0);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('operator routes', () => {
  it('serves /metrics to anyone when no METRICS_TOKEN is set', async () => {
    const base = await serve();
    const response = await fetch(`${base}/metrics`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('quizthread_rounds_posted_total');
  });

  it.each([
    ['no header', undefined],
    ['a wrong token', 'Bearer s3cret-but-not-this-one'],
    ['a token of another scheme', 'Basic s3cret'],
    ['an empty bearer', 'Bearer '],
  ])('refuses /metrics with %s when METRICS_TOKEN is set', async (_name, authorization) => {
    const base = await serve('s3cret');
    const response = await fetch(`${base}/metrics`, authorization === undefined ? {} : { headers: { authorization } });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: expect.stringContaining('METRICS_TOKEN') });
  });

  it('serves /metrics for the right bearer token, whatever the case of "Bearer"', async () => {
    const base = await serve('s3cret');
    for (const authorization of ['Bearer s3cret', 'bearer s3cret']) {
      const response = await fetch(`${base}/metrics`, { headers: { authorization } });
      expect(response.status).toBe(200);
    }
  });

  it('keeps /healthz open with a token set, and answers 404 for other paths', async () => {
    const base = await serve('s3cret');
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ ok: true, store: 'ok', adapters: {}, stopping: false });
    expect((await fetch(`${base}/nope`)).status).toBe(404);
  });

  it('closes /metrics while no token is set and METRICS_REQUIRE_TOKEN is on', async () => {
    server = await serveRoutes(
      operatorRoutes({
        store: new MemoryStore(),
        adapters: () => [],
        metrics: new Metrics(),
        stopping: () => false,
        metricsRequireToken: true,
      }),
      0,
    );
    const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`);
    expect(response.status).toBe(403);
    expect(await response.text()).not.toContain('quizthread_');
  });

  it('answers /healthz with the store state only, probing the store at most once a second', async () => {
    const store = new MemoryStore();
    let pings = 0;
    store.ping = async () => {
      pings++;
      throw new Error('connect ECONNREFUSED 10.1.2.3:6379');
    };
    let now = 0;
    server = await serveRoutes(
      operatorRoutes({ store, adapters: () => [], metrics: new Metrics(), stopping: () => false, now: () => now }),
      0,
    );
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const first = await fetch(`${base}/healthz`);
    expect(first.status).toBe(503);
    const body = await first.text();
    expect(JSON.parse(body)).toEqual({ ok: false, store: 'unreachable', adapters: {}, stopping: false });
    expect(body).not.toContain('10.1.2.3');
    await fetch(`${base}/healthz`);
    expect(pings).toBe(1);
    now = 1_000;
    await fetch(`${base}/healthz`);
    expect(pings).toBe(2);
  });

  it('turns /healthz to 503 once the bot is stopping, so a load balancer sends it nothing more', async () => {
    let stopping = false;
    const base = await serve(undefined, () => stopping);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    stopping = true;
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(503);
    expect(await health.json()).toEqual({ ok: false, store: 'ok', adapters: {}, stopping: true });
  });
});
