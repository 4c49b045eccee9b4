/**
 * The fake's gateway: a v10 websocket that says HELLO, answers IDENTIFY with READY and then
 * GUILD_CREATE, acknowledges heartbeats, and lets tests dispatch any event to identified sessions.
 * With several shards, a server's events go only to the session of the shard that serves it.
 */
import type { Server } from 'node:http';
import {
  type GatewayDispatchEvents,
  type GatewayIdentifyData,
  GatewayOpcodes,
  type GatewaySendPayload,
} from 'discord-api-types/v10';
import { type WebSocket, WebSocketServer } from 'ws';
import { shardOf } from './payloads.ts';

export const GATEWAY_PATH = '/gateway';

interface Session {
  socket: WebSocket;
  seq: number;
  identified: boolean;
  /** [shard id, shard count] from IDENTIFY. */
  shard: [number, number];
}

export interface GatewayHooks {
  heartbeatIntervalMs: number;
  /**
   * Builds READY and the GUILD_CREATEs that follow it, for one new session; or the close code and
   * reason Discord would end the session with instead (4004 for a wrong token, 4014 for intents
   * the app may not use).
   */
  onIdentify(
    identify: GatewayIdentifyData,
  ): Iterable<{ t: GatewayDispatchEvents; d: unknown }> | { close: number; reason: string };
}

export class FakeGateway {
  readonly identifies: GatewayIdentifyData[] = [];
  heartbeatsAcked = 0;
  /** Close codes the next IDENTIFYs are answered with instead of READY, one per IDENTIFY (e.g. 4000, 4004). */
  readonly refuseIdentify: number[] = [];
  private readonly server: WebSocketServer;
  private readonly sessions = new Set<Session>();

  constructor(
    http: Server,
    private readonly hooks: GatewayHooks,
  ) {
    this.server = new WebSocketServer({ server: http, path: GATEWAY_PATH });
    this.server.on('connection', (socket) => this.open(socket));
  }

  /** How many sessions have identified and are still open. */
  get connected(): number {
    return [...this.sessions].filter((s) => s.identified).length;
  }

  private open(socket: WebSocket): void {
    const session: Session = { socket, seq: 0, identified: false, shard: [0, 1] };
    this.sessions.add(session);
    socket.on('close', () => this.sessions.delete(session));
    socket.on('message', (raw) => this.receive(session, JSON.parse(String(raw)) as GatewaySendPayload));
    this.send(session, {
      op: GatewayOpcodes.Hello,
      d: { heartbeat_interval: this.hooks.heartbeatIntervalMs },
      s: null,
      t: null,
    });
  }

  private receive(session: Session, payload: GatewaySendPayload): void {
    switch (payload.op) {
      case GatewayOpcodes.Heartbeat:
        this.heartbeatsAcked++;
        this.send(session, { op: GatewayOpcodes.HeartbeatAck, d: null });
        return;
      case GatewayOpcodes.Identify: {
        this.identifies.push(payload.d);
        const refusal = this.refuseIdentify.shift();
        if (refusal !== undefined) {
          session.socket.close(refusal, 'identify refused by the fake');
          return;
        }
        const answer = this.hooks.onIdentify(payload.d);
        if ('close' in answer) {
          session.socket.close(answer.close, answer.reason);
          return;
        }
        session.identified = true;
        session.shard = payload.d.shard ?? [0, 1];
        for (const event of answer) this.dispatchTo(session, event.t, event.d);
        return;
      }
      case GatewayOpcodes.Resume:
        // The fake keeps no sessions: make the client identify afresh.
        this.send(session, { op: GatewayOpcodes.InvalidSession, d: false });
        return;
      default:
        return;
    }
  }

  private send(
    session: Session,
    payload: { op: GatewayOpcodes; d: unknown; s?: number | null; t?: string | null },
  ): void {
    if (session.socket.readyState === session.socket.OPEN) session.socket.send(JSON.stringify(payload));
  }

  private dispatchTo(session: Session, t: GatewayDispatchEvents, d: unknown): void {
    session.seq += 1;
    this.send(session, { op: GatewayOpcodes.Dispatch, t, s: session.seq, d });
  }

  /** Sends an event to every identified session; a server's event only to the shard that serves it. */
  dispatch(t: GatewayDispatchEvents, d: unknown): void {
    const guildId = (d as { guild_id?: string } | null)?.guild_id;
    for (const session of this.sessions) {
      if (!session.identified) continue;
      if (guildId && shardOf(guildId, session.shard[1]) !== session.shard[0]) continue;
      this.dispatchTo(session, t, d);
    }
  }

  /** Invalidates every session (op 9), as Discord does after a failed resume or on its own; `resumable` is `d`. */
  invalidateSessions(resumable = false): void {
    for (const session of this.sessions) this.send(session, { op: GatewayOpcodes.InvalidSession, d: resumable });
  }

  /** Drops every session without a close frame, as a network failure does. */
  dropAll(): void {
    for (const session of this.sessions) session.socket.terminate();
  }

  async close(): Promise<void> {
    for (const session of this.sessions) session.socket.terminate();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
