/**
 * A fake Socket Mode endpoint: a websocket server on 127.0.0.1 that greets each connection with
 * `hello`, sends envelopes when told, and records the acknowledgements (`{ envelope_id, payload }`)
 * the app sends back. Point `FakeSlackApi.socketUrl` at `url` so `apps.connections.open` finds it.
 */
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

export interface Ack {
  envelope_id: string;
  payload?: Record<string, unknown>;
}

export class FakeSocketMode {
  readonly acks: Ack[] = [];
  private server?: WebSocketServer;
  private readonly sockets = new Set<WebSocket>();
  private envelopes = 0;

  get url(): string {
    if (!this.server) throw new Error('FakeSocketMode is not started');
    const { port } = this.server.address() as AddressInfo;
    return `ws://127.0.0.1:${port}/link`;
  }

  get connections(): number {
    return this.sockets.size;
  }

  async start(): Promise<void> {
    this.server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
      socket.on('message', (data) => this.acks.push(JSON.parse(String(data)) as Ack));
      socket.send(
        JSON.stringify({
          type: 'hello',
          num_connections: 1,
          connection_info: { app_id: 'A0001' },
          debug_info: { host: 'fake' },
        }),
      );
    });
    await new Promise<void>((resolve) => this.server?.on('listening', resolve));
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

  /** Drops every connection, as Slack does routinely; clients are expected to reconnect. */
  dropAll(): void {
    for (const socket of this.sockets) socket.terminate();
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.terminate();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}
