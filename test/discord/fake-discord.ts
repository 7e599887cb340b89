import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

/**
 * A small Discord for tests, on 127.0.0.1 only: the gateway (v10, JSON, no compression: HELLO, IDENTIFY, RESUME,
 * heartbeats, READY, RESUMED, GUILD_CREATE, dispatches, invalid sessions, closes) and the REST routes the bot uses.
 * It records every request, enforces Discord's message, embed and autocomplete limits (400 / 50035 like the real
 * API, listed in `violations`), and can answer chosen requests with faults: 429 with `retry_after`, 5xx, 403,
 * expired interactions (10062) and webhooks (10015).
 */

/** Discord's documented limits (https://discord.com/developers/docs/resources/message#embed-object-embed-limits). */
export const DISCORD_LIMITS = {
  content: 2000,
  embeds: 10,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  author: 256,
  embedTotal: 6000,
  choices: 25,
  choiceName: 100,
  choiceValue: 100,
} as const;

/** What is wrong with a message body by Discord's limits; empty when it would be accepted. */
export function limitProblems(body: any): string[] {
  const problems: string[] = [];
  if (!body || typeof body !== 'object') return problems;
  const L = DISCORD_LIMITS;
  const over = (what: string, value: unknown, max: number) => {
    if (typeof value === 'string' && value.length > max) problems.push(`${what}: ${value.length} > ${max}`);
  };
  over('content', body.content, L.content);
  const embeds: any[] = body.embeds ?? [];
  if (embeds.length > L.embeds) problems.push(`embeds: ${embeds.length} > ${L.embeds}`);
  let total = 0;
  const count = (v: unknown) => (total += typeof v === 'string' ? v.length : 0);
  embeds.forEach((e, i) => {
    over(`embeds[${i}].title`, e.title, L.title);
    over(`embeds[${i}].description`, e.description, L.description);
    over(`embeds[${i}].footer.text`, e.footer?.text, L.footer);
    over(`embeds[${i}].author.name`, e.author?.name, L.author);
    const fields: any[] = e.fields ?? [];
    if (fields.length > L.fields) problems.push(`embeds[${i}].fields: ${fields.length} > ${L.fields}`);
    fields.forEach((f, k) => {
      over(`embeds[${i}].fields[${k}].name`, f.name, L.fieldName);
      over(`embeds[${i}].fields[${k}].value`, f.value, L.fieldValue);
      if (!f.name || !f.value) problems.push(`embeds[${i}].fields[${k}]: name and value are required`);
      count(f.name);
      count(f.value);
    });
    [e.title, e.description, e.footer?.text, e.author?.name].forEach(count);
  });
  if (total > L.embedTotal) problems.push(`embeds: ${total} characters in all > ${L.embedTotal}`);
  const choices: any[] | undefined = body.choices;
  if (choices) {
    if (choices.length > L.choices) problems.push(`choices: ${choices.length} > ${L.choices}`);
    choices.forEach((c, i) => {
      if (!c.name || c.name.length > L.choiceName) problems.push(`choices[${i}].name: 1-${L.choiceName} characters`);
      over(`choices[${i}].value`, c.value, L.choiceValue);
    });
  }
  return problems;
}

/** A canned answer for requests a test picks: a fault Discord really sends. */
export interface FaultResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export const FAULTS = {
  /** A route rate limit: discord.js must wait `retry_after` seconds and retry. */
  rateLimited: (retryAfter: number, global = false): FaultResponse => ({
    status: 429,
    body: { message: 'You are being rate limited.', retry_after: retryAfter, global },
    headers: {
      'retry-after': String(Math.ceil(retryAfter)),
      'x-ratelimit-limit': '5',
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset-after': String(retryAfter),
      'x-ratelimit-bucket': 'fake-bucket',
      'x-ratelimit-scope': global ? 'global' : 'user',
      ...(global ? { 'x-ratelimit-global': 'true' } : {}),
    },
  }),
  serverError: (status = 500): FaultResponse => ({ status, body: { message: 'Internal Server Error', code: 0 } }),
  missingPermissions: (): FaultResponse => ({ status: 403, body: { message: 'Missing Permissions', code: 50013 } }),
  unknownInteraction: (): FaultResponse => ({ status: 404, body: { message: 'Unknown interaction', code: 10062 } }),
  unknownWebhook: (): FaultResponse => ({ status: 404, body: { message: 'Unknown Webhook', code: 10015 } }),
} as const;

export const IDS = {
  app: '900000000000000001',
  bot: '900000000000000001',
  guild: '900000000000000002',
  channel: '900000000000000003',
  user: '900000000000000004',
  otherUser: '900000000000000005',
  command: '900000000000000006',
} as const;

/** A member's permissions with Manage Server (1 << 5) added. */
export const MANAGE_GUILD_PERMISSIONS = String(2248473465835073n | 32n);

export interface RecordedRequest {
  method: string;
  path: string;
  body: any;
  authorization: string | undefined;
  /** What the fake answered (a created message, for instance). */
  response?: any;
  /** The status the fake answered with. */
  status?: number;
  at: number;
}

/** The interaction's acknowledgement: its callback request. */
export const isCallbackOf =
  (i: { id: string; token: string }) =>
  (r: RecordedRequest): boolean =>
    r.path === `/interactions/${i.id}/${i.token}/callback`;

/** An edit of the interaction's original reply (where a deferred answer lands). */
export const isOriginalEditOf =
  (i: { token: string }) =>
  (r: RecordedRequest): boolean =>
    r.method === 'PATCH' && r.path === `/webhooks/${IDS.app}/${i.token}/messages/@original`;

let snowflake = 1_000_000_000_000_000_000n;
const nextId = () => String(++snowflake);

const user = (id: string, username: string, bot = false) => ({
  id,
  username,
  discriminator: '0',
  global_name: username,
  avatar: null,
  bot,
});

export class FakeDiscord {
  readonly requests: RecordedRequest[] = [];
  readonly identified: Array<{ token: string; intents: number; shard: [number, number] }> = [];
  readonly resumed: Array<{ token: string; session_id: string; seq: number }> = [];
  /** Requests refused for breaking Discord's limits (each also answered 400 / 50035). */
  readonly violations: Array<{ path: string; problems: string[] }> = [];
  private faults: Array<{ test: (r: RecordedRequest) => boolean; response: FaultResponse; times: number }> = [];
  private sessions = 0;
  private validSession: string | null = null;
  private readonly server = http.createServer((req, res) => void this.handle(req, res));
  private readonly gateway = new WebSocketServer({ noServer: true });
  private socket: WebSocket | null = null;
  /** A sharded bot opens one gateway connection per shard, identified with [shard id, shard count]. */
  readonly shardSockets = new Map<number, WebSocket>();
  private sequence = 0;
  private waiters: Array<{ test: (r: RecordedRequest) => boolean; resolve: (r: RecordedRequest) => void }> = [];
  port = 0;
  /** The permissions of the member who runs slash commands (set MANAGE_GUILD_PERMISSIONS for an admin). */
  memberPermissions = '2248473465835073';
  /** What GET /gateway/bot recommends (discord.js's automatic shard count). */
  recommendedShards = 1;

  async start(): Promise<void> {
    this.server.on('upgrade', (req, socket, head) =>
      this.gateway.handleUpgrade(req, socket, head, (ws) => this.onGateway(ws)),
    );
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

  /** The next `times` requests that pass the test get `response` instead of the normal answer. */
  failNext(test: (r: RecordedRequest) => boolean, response: FaultResponse, times = 1): void {
    this.faults.push({ test, response, times });
  }

  /** Closes the gateway connection with a close code (4000: unknown error, which the client resumes from). */
  closeGateway(code = 4000): void {
    this.socket?.close(code, 'fake Discord closed the connection');
  }

  /** The connection drops without a close frame (network loss): the client sees 1006 and resumes. */
  dropGateway(): void {
    this.socket?.terminate();
  }

  /** Opcode 7: Discord asks the client to reconnect (and resume). */
  requestReconnect(): void {
    this.socket?.send(JSON.stringify({ op: 7, d: null }));
  }

  /** Opcode 9: the session is no longer valid; the client must identify again (or resume when `resumable`). */
  invalidateSession(resumable = false): void {
    if (!resumable) this.validSession = null;
    this.socket?.send(JSON.stringify({ op: 9, d: resumable }));
  }

  /** The bot is removed from the guild (kicked, or the guild deleted). */
  removeFromGuild(guildId: string = IDS.guild): void {
    this.dispatch('GUILD_DELETE', { id: guildId });
  }

  /** The bot joins (or rejoins) the guild: GUILD_CREATE with its one text channel. */
  addToGuild(): void {
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
      roles: [
        {
          id: IDS.guild,
          name: '@everyone',
          permissions: '2248473465835073',
          position: 0,
          color: 0,
          hoist: false,
          managed: false,
          mentionable: false,
          flags: 0,
        },
      ],
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
      channels: [
        {
          id: IDS.channel,
          type: 0,
          name: 'general',
          guild_id: IDS.guild,
          position: 0,
          permission_overwrites: [],
          nsfw: false,
          parent_id: null,
        },
      ],
      threads: [],
      presences: [],
      stage_instances: [],
      guild_scheduled_events: [],
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

  /** Sends a slash command (or autocomplete) as Discord would, in the channel or a thread; returns its id and token. */
  interaction(
    name: string,
    options: Array<{ name: string; type: number; value: unknown; focused?: boolean }>,
    kind: 'command' | 'autocomplete' = 'command',
    userId: string = IDS.user,
    channelId: string = IDS.channel,
  ) {
    const id = nextId();
    const token = `interaction-token-${id}`;
    this.dispatch('INTERACTION_CREATE', {
      ...this.interactionBase(id, token, userId, channelId),
      type: kind === 'command' ? 2 : 4,
      data: { id: IDS.command, name, type: 1, options },
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
      if (payload.op === 6) {
        // RESUME: replay nothing (nothing was missed here) and confirm, or refuse an invalidated session.
        this.resumed.push({ token: payload.d.token, session_id: payload.d.session_id, seq: payload.d.seq });
        if (payload.d.session_id === this.validSession) this.dispatch('RESUMED', {});
        else ws.send(JSON.stringify({ op: 9, d: false }));
      }
      if (payload.op === 2) {
        const shard: [number, number] = payload.d.shard ?? [0, 1];
        this.identified.push({ token: payload.d.token, intents: payload.d.intents, shard });
        this.shardSockets.set(shard[0], ws);
        this.socket = ws;
        this.validSession = `fake-session-${++this.sessions}`;
        this.dispatch('READY', {
          v: 10,
          user: { ...user(IDS.bot, 'Dossier', true), verified: true, flags: 0 },
          guilds: [{ id: IDS.guild, unavailable: true }],
          session_id: this.validSession,
          resume_gateway_url: `ws://127.0.0.1:${this.port}`,
          shard,
          application: { id: IDS.app, flags: 0 },
        });
        this.addToGuild();
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
    const record: RecordedRequest = {
      method: req.method ?? 'GET',
      path,
      body,
      authorization: req.headers.authorization,
      at: Date.now(),
    };
    this.requests.push(record);

    const send = (status: number, payload?: unknown, headers: Record<string, string> = {}) => {
      record.status = status;
      this.afterSend(record, payload);
      res.writeHead(status, { ...headers, ...(payload === undefined ? {} : { 'content-type': 'application/json' }) });
      res.end(payload === undefined ? undefined : JSON.stringify(payload));
      // Waiters hear of a request once it is answered, so they can look at its status.
      this.waiters = this.waiters.filter((w) => (w.test(record) ? (w.resolve(record), false) : true));
    };
    const fault = this.faults.find((f) => f.times > 0 && f.test(record));
    if (fault) {
      fault.times--;
      return send(fault.response.status, fault.response.body, fault.response.headers);
    }
    const sent =
      req.method === 'POST' && /\/callback$/.test(path)
        ? body?.data
        : req.method !== 'GET' && /\/(messages|webhooks)\//.test(`${path}/`)
          ? body
          : null;
    const problems = limitProblems(sent);
    if (problems.length) {
      this.violations.push({ path, problems });
      return send(400, { message: 'Invalid Form Body', code: 50035, errors: problems });
    }
    const m = (method: string, pattern: RegExp) => (req.method === method ? pattern.exec(path) : null);
    let match: RegExpExecArray | null;
    if (m('GET', /^\/gateway\/bot$/)) {
      return send(200, {
        url: `ws://127.0.0.1:${this.port}`,
        shards: this.recommendedShards,
        session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 },
      });
    }
    if ((match = m('PUT', /^\/applications\/(\d+)(?:\/guilds\/\d+)?\/commands$/))) {
      return send(
        200,
        (body as any[]).map((c) => ({ ...c, id: nextId(), application_id: match![1], version: '1' })),
      );
    }
    if (m('POST', /^\/interactions\/\d+\/[^/]+\/callback$/)) {
      // A reply (type 4) is a message in the channel, as on Discord: users can reply to it. The callback itself
      // answers 204; the message is kept where replies and fetches find it.
      if (body?.type === 4)
        this.interactionMessages.set(record, this.stored(this.message_(IDS.channel, body.data), body.data));
      return send(204);
    }
    if (m('PATCH', /^\/webhooks\/\d+\/[^/]+\/messages\/@original$/)) return send(200, this.message_(IDS.channel, body));
    if (m('POST', /^\/webhooks\/\d+\/[^/]+$/)) return send(200, this.message_(IDS.channel, body));
    if ((match = m('POST', /^\/channels\/(\d+)\/messages$/))) return send(200, this.message_(match[1]!, body));
    if (m('POST', /^\/channels\/\d+\/typing$/)) return send(204);
    const extra = this.conversationRoute(req.method ?? 'GET', path, body);
    if (extra) return send(extra.status, extra.payload);
    return send(404, { message: 'Unknown route (fake Discord)', code: 0 });
  }

  // ---- Conversations: messages the bot sent, buttons, menus, context menus, replies and threads ----

  /** Every message the bot created or edited, by id, as Discord would return it (with its components). */
  readonly sent = new Map<string, any>();

  private afterSend(record: RecordedRequest, payload: unknown): void {
    record.response = payload;
    const message = payload as any;
    if (
      message &&
      typeof message === 'object' &&
      typeof message.id === 'string' &&
      message.author &&
      'channel_id' in message
    ) {
      record.response = this.stored(message, record.body);
    }
  }

  /** Messages that interactions' replies created, by the callback that made each. */
  readonly interactionMessages = new Map<RecordedRequest, any>();

  private stored(message: any, body: any): any {
    const stored = { ...message, guild_id: IDS.guild, components: body?.components ?? [] };
    this.sent.set(message.id, stored);
    return stored;
  }

  private conversationRoute(method: string, path: string, body: any): { status: number; payload?: unknown } | null {
    let match: RegExpExecArray | null;
    if (method === 'GET' && (match = /^\/channels\/(\d+)\/messages\/(\d+)$/.exec(path))) {
      const message = this.sent.get(match[2]!) ?? this.userMessages.get(match[2]!);
      return message
        ? { status: 200, payload: message }
        : { status: 404, payload: { message: 'Unknown Message', code: 10008 } };
    }
    if (method === 'POST' && (match = /^\/channels\/(\d+)\/messages\/(\d+)\/threads$/.exec(path))) {
      // A thread started from a message has that message's id.
      const thread = {
        id: match[2]!,
        type: 11,
        guild_id: IDS.guild,
        parent_id: match[1]!,
        owner_id: IDS.bot,
        name: body?.name ?? 'thread',
        last_message_id: null,
        rate_limit_per_user: 0,
        message_count: 0,
        member_count: 1,
        thread_metadata: {
          archived: false,
          auto_archive_duration: body?.auto_archive_duration ?? 1440,
          archive_timestamp: new Date().toISOString(),
          locked: false,
        },
        flags: 0,
      };
      this.threads.set(thread.id, thread);
      this.dispatch('THREAD_CREATE', { ...thread, newly_created: true });
      return { status: 201, payload: thread };
    }
    return null;
  }

  readonly threads = new Map<string, any>();
  private readonly userMessages = new Map<string, any>();

  /** The message the bot sent in answer to a recorded request (an edit, a reply, a follow-up). */
  messageOf(request: RecordedRequest): any {
    return request.response;
  }

  private member(userId: string) {
    return {
      user: user(userId, `user${userId.slice(-1)}`),
      roles: [],
      joined_at: '2021-01-01T00:00:00.000Z',
      deaf: false,
      mute: false,
      flags: 0,
      permissions: this.memberPermissions,
    };
  }

  private interactionBase(id: string, token: string, userId: string, channelId: string) {
    const channel = this.threads.get(channelId) ?? { id: channelId, type: 0, guild_id: IDS.guild, name: 'general' };
    return {
      id,
      application_id: IDS.app,
      token,
      version: 1,
      guild_id: IDS.guild,
      channel_id: channelId,
      channel,
      member: this.member(userId),
      app_permissions: '2248473465835073',
      locale: 'en-US',
      guild_locale: 'en-US',
      entitlements: [],
      authorizing_integration_owners: { '0': IDS.guild },
      context: 0,
    };
  }

  /** A click on a button (or a choice in a select menu) of a message the bot sent. */
  click(message: any, customId: string, options: { values?: string[]; userId?: string } = {}) {
    const id = nextId();
    const token = `interaction-token-${id}`;
    const componentType = options.values ? 3 : 2;
    this.dispatch('INTERACTION_CREATE', {
      ...this.interactionBase(id, token, options.userId ?? IDS.user, message.channel_id ?? IDS.channel),
      type: 3,
      message: { components: [], embeds: [], ...message },
      data: {
        custom_id: customId,
        component_type: componentType,
        ...(options.values ? { values: options.values } : {}),
      },
    });
    return { id, token };
  }

  /** A message context-menu command ("Apps → …") on a message. */
  messageCommand(name: string, target: any, userId: string = IDS.user) {
    const id = nextId();
    const token = `interaction-token-${id}`;
    this.dispatch('INTERACTION_CREATE', {
      ...this.interactionBase(id, token, userId, target.channel_id ?? IDS.channel),
      type: 2,
      data: { id: IDS.command, name, type: 3, target_id: target.id, resolved: { messages: { [target.id]: target } } },
    });
    return { id, token };
  }

  /** A user's message as Discord delivers it: in a channel or thread, optionally a reply to another message. */
  userMessage(
    content: string,
    options: { channelId?: string; replyTo?: any; mentionsBot?: boolean; userId?: string } = {},
  ): any {
    const id = nextId();
    const channelId = options.channelId ?? IDS.channel;
    const mentions = [
      ...(options.mentionsBot ? [user(IDS.bot, 'Dossier', true)] : []),
      ...(options.replyTo?.author ? [options.replyTo.author] : []),
    ];
    const message = {
      id,
      channel_id: channelId,
      guild_id: IDS.guild,
      author: user(options.userId ?? IDS.user, 'alice'),
      member: { roles: [], joined_at: '2021-01-01T00:00:00.000Z', deaf: false, mute: false, flags: 0 },
      content,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions,
      mention_roles: [],
      attachments: [],
      embeds: [],
      components: [],
      pinned: false,
      type: options.replyTo ? 19 : 0,
      ...(options.replyTo
        ? {
            message_reference: {
              type: 0,
              message_id: options.replyTo.id,
              channel_id: options.replyTo.channel_id,
              guild_id: IDS.guild,
            },
            referenced_message: options.replyTo,
          }
        : {}),
    };
    this.userMessages.set(id, message);
    this.dispatch('MESSAGE_CREATE', message);
    return message;
  }
}
