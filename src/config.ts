import path from 'node:path';
import dotenv from 'dotenv';
import { FriendlyError } from './errors.ts';
import { setLogLevel } from './log.ts';

/** Everything Dossier can be told through the environment or `.env`. */
export interface Settings {
  seedsDir: string;
  indexDir: string;
  embedModel: string;
  /** 'q8' (int8) or 'fp32' ONNX weights; null = the model's default (int8 where it exists). */
  embedDtype: 'q8' | 'fp32' | null;
  modelsDir: string;
  allowRemoteModels: boolean;
  cacheDir: string;
  /** Where the bot keeps answers and feedback between restarts. */
  dataDir: string;
  maxExcerpts: number;
  maxQuestionChars: number;
  logLevel: string;
  /** Articles larger than this are skipped with a warning (MAX_ARTICLE_KB). */
  maxArticleBytes: number;
  /** Set: the `postgres` backend (shared index, several processes); unset: the local files in `indexDir`. */
  databaseUrl: string | null;
  /** Schema for the postgres backend's tables. */
  databaseSchema: string;
  discord: {
    token: string | null;
    clientId: string | null;
    guildId: string | null;
    cooldownSeconds: number;
    /** Another Discord API base (a proxy, or the loopback fake in tests); discord.js's default otherwise. */
    apiUrl: string | null;
  };
}

export class SettingsError extends FriendlyError {
  override name = 'SettingsError';

  constructor(readonly problems: string[]) {
    super(
      `Invalid settings (check .env or the environment; see .env.example):\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** A Discord bot token: three base64url parts (user id, timestamp, HMAC). */
const TOKEN_SHAPE = /[\w-]{18,}\.[\w-]{4,}\.[\w-]{20,}/g;

/** Long, unbroken and mixing upper case, lower case and digits: a key or token, whatever setting it is in. */
function looksSecret(value: string): boolean {
  return (
    value.length >= 24 && /^[\w.+/=-]+$/.test(value) && /[a-z]/.test(value) && /[A-Z]/.test(value) && /\d/.test(value)
  );
}

/**
 * How a setting's value may appear in a message: never in full when it looks like a token or key
 * (a token pasted into the wrong setting must not end up in a terminal, log or screenshot).
 */
export function shown(value: string): string {
  if (looksSecret(value)) return `<hidden: ${value.length} characters that look like a token or key>`;
  const masked = redactSecrets(value);
  return `"${masked.length > 80 ? `${masked.slice(0, 77)}...` : masked}"`;
}

/**
 * Any text about to be shown (an error naming a path or a model id, for instance) with token-like parts hidden:
 * a token pasted into SEEDS_DIR must not come back in "The articles folder … does not exist".
 */
export function redactSecrets(text: string): string {
  return text
    .replace(TOKEN_SHAPE, '<hidden token>')
    .replace(/[\w.+=-]{24,}/g, (word) => (looksSecret(word) ? '<hidden>' : word));
}

/** Pure: reads settings from an env-like object, collecting every problem before failing. */
export function parseSettings(env: Record<string, string | undefined>, cwd = process.cwd()): Settings {
  const problems: string[] = [];
  const text = (name: string, fallback: string): string => {
    const value = env[name]?.trim();
    return value ? value : fallback;
  };
  const optional = (name: string): string | null => env[name]?.trim() || null;
  const dir = (name: string, fallback: string) => path.resolve(cwd, text(name, fallback));
  const bool = (name: string, fallback: boolean): boolean => {
    const raw = env[name]?.trim().toLowerCase();
    if (!raw) return fallback;
    if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
    if (['0', 'false', 'no', 'off'].includes(raw)) return false;
    problems.push(`${name} must be true or false, got ${shown(env[name]!)}`);
    return fallback;
  };
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name]?.trim();
    if (!raw) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name} must be a whole number from ${min} to ${max}, got ${shown(raw)}`);
      return fallback;
    }
    return value;
  };

  const choice = <T extends string>(name: string, allowed: readonly T[]): T | null => {
    const raw = env[name]?.trim().toLowerCase();
    if (!raw) return null;
    if ((allowed as readonly string[]).includes(raw)) return raw as T;
    problems.push(
      `${name} must be one of ${allowed.join(', ')} (or empty for the model's default), got "${env[name]}"`,
    );
    return null;
  };

  const logLevel = text('LOG_LEVEL', 'info').toLowerCase();
  if (!LOG_LEVELS.includes(logLevel))
    problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got ${shown(logLevel)}`);
  const snowflake = (name: string): string | null => {
    const value = optional(name);
    if (value && !/^\d{17,20}$/.test(value)) {
      const hint =
        value.match(TOKEN_SHAPE) || looksSecret(value)
          ? ' (that looks like a token: the token goes in DISCORD_TOKEN, and should now be reset in the Developer Portal if it was shared)'
          : '';
      problems.push(`${name} must be a Discord id (17-20 digits), got ${shown(value)}${hint}`);
    }
    return value;
  };

  const settings: Settings = {
    seedsDir: dir('SEEDS_DIR', 'seeds'),
    indexDir: dir('INDEX_DIR', 'embeddings'),
    embedModel: text('EMBED_MODEL', 'Xenova/all-MiniLM-L6-v2'),
    embedDtype: choice('EMBED_DTYPE', ['q8', 'fp32'] as const),
    modelsDir: dir('MODELS_DIR', 'models'),
    allowRemoteModels: bool('ALLOW_REMOTE_MODELS', true),
    cacheDir: dir('CACHE_DIR', '.cache'),
    dataDir: dir('DATA_DIR', 'data'),
    maxExcerpts: int('MAX_EXCERPTS', 3, 1, 10),
    maxQuestionChars: int('MAX_QUESTION_CHARS', 500, 20, 4000),
    logLevel: LOG_LEVELS.includes(logLevel) ? logLevel : 'info',
    maxArticleBytes: int('MAX_ARTICLE_KB', 1024, 1, 1024 * 1024) * 1024,
    databaseUrl: optional('DATABASE_URL'),
    databaseSchema: text('DATABASE_SCHEMA', 'dossier'),
    discord: {
      token: optional('DISCORD_TOKEN'),
      clientId: snowflake('DISCORD_CLIENT_ID'),
      guildId: snowflake('DISCORD_GUILD_ID'),
      cooldownSeconds: int('COOLDOWN_SECONDS', 5, 0, 3600),
      apiUrl: optional('DISCORD_API_URL'),
    },
  };
  if (settings.discord.apiUrl && !/^https?:\/\/[^\s]+$/.test(settings.discord.apiUrl)) {
    problems.push(`DISCORD_API_URL must be an http(s) URL, got ${shown(settings.discord.apiUrl)}`);
  }
  if (settings.databaseUrl && !/^(postgres(ql)?:\/\/\S+|pglite:\S*)$/.test(settings.databaseUrl)) {
    problems.push(
      `DATABASE_URL must be a postgres:// URL (e.g. postgres://user@127.0.0.1:5432/dossier), got ${shown(settings.databaseUrl.replace(/:[^:@/]*@/, ':***@'))}`,
    );
  }
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(settings.databaseSchema))
    problems.push(`DATABASE_SCHEMA must be a lower-case SQL name, got "${settings.databaseSchema}"`);
  if (!/^[\w.-]+\/[\w.-]+$/.test(settings.embedModel)) {
    problems.push(`EMBED_MODEL must be a model id like "Xenova/all-MiniLM-L6-v2", got ${shown(settings.embedModel)}`);
  }
  if (problems.length) throw new SettingsError(problems);
  return settings;
}

/** Reads `.env` (if present; real environment variables win), validates, and sets the log level. */
export function loadSettings(): Settings {
  dotenv.config({ quiet: true });
  const settings = parseSettings(process.env);
  setLogLevel(settings.logLevel);
  return settings;
}
