/**
 * A fake Socket Mode endpoint speaking Slack's protocol: a websocket server on 127.0.0.1 that greets
 * each connection with `hello`, sends envelopes when told, records the acknowledgements
 * (`{ envelope_id, payload }`) the app sends back, asks for a refresh (`disconnect` with
 * `refresh_requested`) and can fail the ways a network does: abrupt drops, sockets that go silent
 * (half-open), handshakes that never complete, connections that never get their hello. Point
 * `FakeSlackApi.socketUrl` at `url` so `apps.connections.open` finds it.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

export interface Ack {
  envelope_id: string;
  payload?: Record<string, unknown>;
}

export class FakeSocketMode {
  readonly acks: Ack[] = [];
  /** Every websocket handshake that reached the server, completed or not. */
  handshakes = 0;
  /** While true, handshakes are held unanswered: TCP connects, the upgrade never completes. */
  stallHandshakes = false;
  /** While true, new connections are opened but never greeted with `hello`. */
  withholdHello = false;
  private server?: Server;
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly sockets = new Set<WebSocket>();
  private readonly stalled = new Set<Socket>();
  private envelopes = 0;

  get url(): string {
    if (!this.server) throw new Error('FakeSocketMode is not started');
    const { port } = this.server.address() as AddressInfo;
    return `ws://127.0.0.1:${port}/link`;
  }

  /** Open connections that have not gone silent. */
  get connections(): number {
    return [...this.sockets].filter((s) => !s.isPaused).length;
  }

  async start(): Promise<void> {
    this.server = createServer((_req, res) => res.writeHead(426).end());
    this.server.on('upgrade', (req, socket, head) => {
      this.handshakes += 1;
      if (this.stallHandshakes) {
        this.stalled.add(socket as Socket);
        socket.on('close', () => this.stalled.delete(socket as Socket));
        return;
      }
      this.wss.handleUpgrade(req, socket, head, (ws) => this.open(ws));
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
  }

  private open(socket: WebSocket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('message', (data) => this.acks.push(JSON.parse(String(data)) as Ack));
    if (this.withholdHello) return;
    socket.send(
      JSON.stringify({
        type: 'hello',
        num_connections: this.sockets.size,
        connection_info: { app_id: 'A0001' },
        debug_info: { host: 'fake', approximate_connection_time: 18060 },
      }),
    );
  }

  /** Sends an envelope to every connected client and returns its envelope id. */
  send(type: 'slash_commands' | 'events_api' | 'interactive', payload: Record<string, unknown>): string {
    this.envelopes += 1;
    const envelopeId = `envelope-${this.envelopes}`;
    const frame = JSON.stringify({
      envelope_id: envelopeId,
      type,
      payload,
      accepts_response_payload: type !== 'events_api',
      retry_attempt: 0,
      retry_reason: '',
    });
    for (const socket of this.sockets) socket.send(frame);
    return envelopeId;
  }

  /** Asks every client to reconnect, as Slack does before recycling a server; the client closes the socket. */
  requestRefresh(): void {
    const frame = JSON.stringify({ type: 'disconnect', reason: 'refresh_requested', debug_info: { host: 'fake' } });
    for (const socket of this.sockets) socket.send(frame);
  }

  /** Drops every connection without a close frame, as a network failure does. */
  dropAll(): void {
    for (const socket of this.sockets) socket.terminate();
  }

  /**
   * Half-opens every connection: the server stops reading, so pings get no pong and nothing is sent,
   * while the TCP connection stays up (a dead NAT entry, a frozen peer).
   */
  silenceAll(): void {
    for (const socket of this.sockets) socket.pause();
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.terminate();
    for (const socket of this.stalled) socket.destroy();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}
