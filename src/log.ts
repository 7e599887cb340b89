import pino from 'pino';

/**
 * Structured logs go to stderr so that stdout stays clean for `--json` output.
 * The Discord token is redacted wherever it might appear in a logged object.
 */
export const log = pino(
  {
    level: process.env.LOG_LEVEL?.toLowerCase() || 'info',
    redact: { paths: ['token', '*.token', 'settings.discord.token', 'headers.authorization', '*.headers.authorization'], censor: '[redacted]' },
    base: undefined,
  },
  pino.destination(2),
);
