import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

/**
 * A small Discord for tests, on 127.0.0.1 only: the gateway (v10, JSON, no compression: HELLO, IDENTIFY,
 * heartbeats, READY, GUILD_CREATE, dispatches) and the REST routes the bot uses. It records every request.
 */

export const IDS = {
  app: '900000000000000001',
  bot: '900000000000000001',
  guild: '900000000000000002',
  channel: '900000000000000003',
  user: '900000000000000004',
  otherUser: '900000000000000005',
  command: '900000000000000006',
} as const;

export interface RecordedRequest {
  method: string;
  path: string;
  body: any;
  authorization: string | undefined;
}

let snowflake = 1_000_000_000_000_000_000n;
const nextId = () => String(++snowflake);

const user = (id: string, username: string, bot = false) => ({ id, username, discriminator: '0', global_name: username, avatar: null, bot });

export class FakeDiscord {
  readonly requests: RecordedRequest[] = [];
  readonly identified: Array<{ token: string; intents: number; shard: [number, number] }> = [];
  private readonly server = http.createServer((req, res) => void this.handle(req, res));
  private readonly gateway = new WebSocketServer({ noServer: true });
  private socket: WebSocket | null = null;
  /** A sharded bot opens one gateway connection per shard, identified with [shard id, shard count]. */
  readonly shardSockets = new Map<number, WebSocket>();
  private sequence = 0;
  private waiters: Array<{ test: (r: RecordedRequest) => boolean; resolve: (r: RecordedRequest) => void }> = [];
  port = 0;
  /** What GET /gateway/bot recommends (discord.js's automatic shard count). */
  recommendedShards = 1;

  async start(): Promise<void> {
    this.server.on('upgrade', (req, socket, head) => this.gateway.handleUpgrade(req, socket, head, (ws) => this.onGateway(ws)));
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  /** discord.js REST `api` option: requests go to `${api}/v10/...`. */
  get api(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  async stop(): Promise<void> {
    for (const client of this.gateway.clients) client.terminate();
    this.gateway.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Resolves with the first request (already made or still to come) that passes the test. */
  waitForRequest(test: (r: RecordedRequest) => boolean, timeoutMs = 30_000): Promise<RecordedRequest> {
    const seen = this.requests.find(test);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('timed out waiting for a request')), timeoutMs);
      this.waiters.push({
        test,
        resolve: (r) => {
          clearTimeout(timer);
          resolve(r);
        },
      });
    });
  }

  /** Sends what follows to this shard's connection (the last one to connect otherwise). */
  toShard(id: number): this {
    this.socket = this.shardSockets.get(id) ?? null;
    return this;
  }

  dispatch(type: string, data: unknown): void {
    this.socket?.send(JSON.stringify({ op: 0, t: type, s: ++this.sequence, d: data }));
  }

  /** Sends a slash command (or autocomplete) as Discord would; returns the interaction id and token. */
  interaction(name: string, options: Array<{ name: string; type: number; value: unknown; focused?: boolean }>, kind: 'command' | 'autocomplete' = 'command', userId: string = IDS.user) {
    const id = nextId();
    const token = `interaction-token-${id}`;
    this.dispatch('INTERACTION_CREATE', {
      id,
      application_id: IDS.app,
      type: kind === 'command' ? 2 : 4,
      token,
      version: 1,
      guild_id: IDS.guild,
      channel_id: IDS.channel,
      channel: { id: IDS.channel, type: 0, guild_id: IDS.guild, name: 'general' },
      member: { user: user(userId, `user${userId.slice(-1)}`), roles: [], joined_at: '2021-01-01T00:00:00.000Z', deaf: false, mute: false, flags: 0, permissions: '2248473465835073' },
      data: { id: IDS.command, name, type: 1, options },
      app_permissions: '2248473465835073',
      locale: 'en-US',
      guild_locale: 'en-US',
      entitlements: [],
      authorizing_integration_owners: { '0': IDS.guild },
      context: 0,
    });
    return { id, token };
  }

  /** A user's message in the guild channel. */
  message(content: string, mentionsBot: boolean, userId: string = IDS.user): string {
    const id = nextId();
    this.dispatch('MESSAGE_CREATE', {
      id,
      channel_id: IDS.channel,
      guild_id: IDS.guild,
      author: user(userId, 'alice'),
      member: { roles: [], joined_at: '2021-01-01T00:00:00.000Z', deaf: false, mute: false, flags: 0 },
      content,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: mentionsBot ? [user(IDS.bot, 'Dossier', true)] : [],
      mention_roles: [],
      attachments: [],
      embeds: [],
      pinned: false,
      type: 0,
    });
    return id;
  }

  private onGateway(ws: WebSocket): void {
    this.socket = ws;
    ws.send(JSON.stringify({ op: 10, d: { heartbeat_interval: 41_250 } }));
    ws.on('message', (raw) => {
      const payload = JSON.parse(String(raw));
      if (payload.op === 1) ws.send(JSON.stringify({ op: 11 }));
      if (payload.op === 2) {
        const shard: [number, number] = payload.d.shard ?? [0, 1];
        this.identified.push({ token: payload.d.token, intents: payload.d.intents, shard });
        this.shardSockets.set(shard[0], ws);
        this.socket = ws;
        this.dispatch('READY', {
          v: 10,
          user: { ...user(IDS.bot, 'Dossier', true), verified: true, flags: 0 },
          guilds: [{ id: IDS.guild, unavailable: true }],
          session_id: 'fake-session',
          resume_gateway_url: `ws://127.0.0.1:${this.port}`,
          shard,
          application: { id: IDS.app, flags: 0 },
        });
        this.dispatch('GUILD_CREATE', {
          id: IDS.guild,
          name: 'Test server',
          icon: null,
          owner_id: IDS.user,
          afk_channel_id: null,
          afk_timeout: 300,
          verification_level: 0,
          default_message_notifications: 0,
          explicit_content_filter: 0,
          roles: [{ id: IDS.guild, name: '@everyone', permissions: '2248473465835073', position: 0, color: 0, hoist: false, managed: false, mentionable: false, flags: 0 }],
          emojis: [],
          stickers: [],
          features: [],
          mfa_level: 0,
          system_channel_id: null,
          premium_tier: 0,
          preferred_locale: 'en-US',
          nsfw_level: 0,
          joined_at: '2021-01-01T00:00:00.000Z',
          large: false,
          unavailable: false,
          member_count: 2,
          voice_states: [],
          members: [],
          channels: [{ id: IDS.channel, type: 0, name: 'general', guild_id: IDS.guild, position: 0, permission_overwrites: [], nsfw: false, parent_id: null }],
          threads: [],
          presences: [],
          stage_instances: [],
          guild_scheduled_events: [],
        });
      }
    });
  }

  private message_(channelId: string, body: any) {
    return {
      id: nextId(),
      channel_id: channelId,
      author: user(IDS.bot, 'Dossier', true),
      content: body?.content ?? '',
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: [],
      embeds: body?.embeds ?? [],
      pinned: false,
      type: body?.message_reference ? 19 : 0,
      flags: body?.flags ?? 0,
      webhook_id: channelId === IDS.channel ? undefined : IDS.app,
    };
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = decodeURIComponent(url.pathname).replace(/^\/api\/v10/, '');
    let body: any = null;
    if (raw) {
      if (String(req.headers['content-type']).startsWith('multipart/form-data')) {
        const json = raw.match(/name="payload_json"\r\n(?:Content-Type: application\/json\r\n)?\r\n([\s\S]*?)\r\n--/);
        body = json ? JSON.parse(json[1]!) : raw;
      } else body = JSON.parse(raw);
    }
    const record: RecordedRequest = { method: req.method ?? 'GET', path, body, authorization: req.headers.authorization };
    this.requests.push(record);
    this.waiters = this.waiters.filter((w) => (w.test(record) ? (w.resolve(record), false) : true));

    const send = (status: number, payload?: unknown) => {
      res.writeHead(status, payload === undefined ? {} : { 'content-type': 'application/json' });
      res.end(payload === undefined ? undefined : JSON.stringify(payload));
    };
    const m = (method: string, pattern: RegExp) => (req.method === method ? pattern.exec(path) : null);
    let match: RegExpExecArray | null;
    if (m('GET', /^\/gateway\/bot$/)) {
      return send(200, { url: `ws://127.0.0.1:${this.port}`, shards: this.recommendedShards, session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 } });
    }
    if ((match = m('PUT', /^\/applications\/(\d+)(?:\/guilds\/\d+)?\/commands$/))) {
      return send(200, (body as any[]).map((c) => ({ ...c, id: nextId(), application_id: match![1], version: '1' })));
    }
    if (m('POST', /^\/interactions\/\d+\/[^/]+\/callback$/)) return send(204);
    if (m('PATCH', /^\/webhooks\/\d+\/[^/]+\/messages\/@original$/)) return send(200, this.message_(IDS.channel, body));
    if (m('POST', /^\/webhooks\/\d+\/[^/]+$/)) return send(200, this.message_(IDS.channel, body));
    if ((match = m('POST', /^\/channels\/(\d+)\/messages$/))) return send(200, this.message_(match[1]!, body));
    if (m('POST', /^\/channels\/\d+\/typing$/)) return send(204);
    return send(404, { message: 'Unknown route (fake Discord)', code: 0 });
  }
}
