import path from 'node:path';
import dotenv from 'dotenv';
import { FriendlyError } from './errors.ts';

/** Everything Dossier can be told through the environment or `.env`. */
export interface Settings {
  seedsDir: string;
  indexDir: string;
  embedModel: string;
  modelsDir: string;
  allowRemoteModels: boolean;
  cacheDir: string;
  maxExcerpts: number;
  maxQuestionChars: number;
  logLevel: string;
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
    super(`Invalid settings (check .env or the environment; see .env.example):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

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
    problems.push(`${name} must be true or false, got "${env[name]}"`);
    return fallback;
  };
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name]?.trim();
    if (!raw) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
      return fallback;
    }
    return value;
  };

  const logLevel = text('LOG_LEVEL', 'info').toLowerCase();
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`);
  const snowflake = (name: string): string | null => {
    const value = optional(name);
    if (value && !/^\d{17,20}$/.test(value)) problems.push(`${name} must be a Discord id (17-20 digits), got "${value}"`);
    return value;
  };

  const settings: Settings = {
    seedsDir: dir('SEEDS_DIR', 'seeds'),
    indexDir: dir('INDEX_DIR', 'embeddings'),
    embedModel: text('EMBED_MODEL', 'Xenova/all-MiniLM-L6-v2'),
    modelsDir: dir('MODELS_DIR', 'models'),
    allowRemoteModels: bool('ALLOW_REMOTE_MODELS', true),
    cacheDir: dir('CACHE_DIR', '.cache'),
    maxExcerpts: int('MAX_EXCERPTS', 3, 1, 10),
    maxQuestionChars: int('MAX_QUESTION_CHARS', 500, 20, 4000),
    logLevel,
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
    problems.push(`DISCORD_API_URL must be an http(s) URL, got "${settings.discord.apiUrl}"`);
  }
  if (settings.databaseUrl && !/^(postgres(ql)?:\/\/\S+|pglite:\S*)$/.test(settings.databaseUrl)) {
    problems.push(`DATABASE_URL must be a postgres:// URL (e.g. postgres://user@127.0.0.1:5432/dossier), got "${settings.databaseUrl.replace(/:[^:@/]*@/, ':***@')}"`);
  }
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(settings.databaseSchema)) problems.push(`DATABASE_SCHEMA must be a lower-case SQL name, got "${settings.databaseSchema}"`);
  if (!/^[\w.-]+\/[\w.-]+$/.test(settings.embedModel)) {
    problems.push(`EMBED_MODEL must be a model id like "Xenova/all-MiniLM-L6-v2", got "${settings.embedModel}"`);
  }
  if (problems.length) throw new SettingsError(problems);
  return settings;
}

/** Reads `.env` (if present; real environment variables win) and validates. */
export function loadSettings(): Settings {
  dotenv.config({ quiet: true });
  return parseSettings(process.env);
}
