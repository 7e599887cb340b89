import { DiscordAPIError } from 'discord.js';

/**
 * Why talking to Discord failed, in words that point at the right fix: a rejected token is the token's fault,
 * but a refused connection, DNS failure or timeout is the network's (or DISCORD_API_URL's), never the token's.
 */
export function discordFailure(error: unknown, doing: string): string {
  const e = error as (Error & { code?: unknown; status?: number; cause?: { code?: string } }) | undefined;
  const code = String(e?.code ?? e?.cause?.code ?? '');
  if (code === 'TokenInvalid' || (error instanceof DiscordAPIError && error.status === 401) || e?.status === 401) {
    return `${doing} failed: Discord rejected the token. Check DISCORD_TOKEN (Developer Portal > Bot > Reset Token).`;
  }
  if (
    /^(E[A-Z]+|UND_ERR\w*|ABORT_ERR)$/.test(code) ||
    e?.name === 'AbortError' ||
    e?.name === 'TimeoutError' ||
    /fetch failed/i.test(e?.message ?? '')
  ) {
    return `${doing} failed: could not reach Discord (${code || e?.message}). Check the network connection, a proxy, or DISCORD_API_URL; the token was not checked.`;
  }
  return `${doing} failed: ${e?.message ?? String(error)}`;
}
