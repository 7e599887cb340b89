import pino from 'pino';

/**
 * Structured logs go to stderr so that stdout stays clean for `--json` output.
 * The Discord token is redacted wherever it might appear in a logged object.
 *
 * The level is not read from the environment here: importing this module must never fail, and `LOG_LEVEL` may
 * come from `.env`, which is read later. `loadSettings()` validates it and calls `setLogLevel`.
 */
export const log = pino(
  {
    level: 'info',
    redact: {
      paths: ['token', '*.token', 'settings.discord.token', 'headers.authorization', '*.headers.authorization'],
      censor: '[redacted]',
    },
    base: undefined,
  },
  pino.destination(2),
);

export function setLogLevel(level: string): void {
  log.level = level;
}

/** The one shape for logging a failure: its name and message (never the whole object, which may hold secrets). */
export function logError(logger: pino.Logger, error: unknown, fields: Record<string, unknown>, message: string): void {
  const err =
    error instanceof Error ? { name: error.name, message: error.message } : { name: 'Error', message: String(error) };
  logger.error({ ...fields, err }, message);
}
