import { MessageFlags, PermissionFlagsBits, SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import { NO_PINGS, type BotContext } from '../context.ts';
import { manageServer } from '../preconditions/manage-server.ts';
import { logError } from '../../log.ts';

export const data = new SlashCommandBuilder()
  .setName('reindex')
  .setDescription('Re-read the articles folder now (admins)')
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild);

export const preconditions = [manageServer];

/** Progress edits at most this often: Discord rate-limits message edits. */
const EDIT_EVERY_MS = 1500;

/**
 * Rebuilds the index in the background (questions keep being answered from the old one), editing the
 * interaction's reply as it goes; `lead` opens every edit (e.g. what was just added).
 */
export async function reindexWithProgress(
  interaction: ChatInputCommandInteraction,
  ctx: BotContext,
  reason: string,
  lead = '',
): Promise<void> {
  let total = 0;
  let last = 0;
  const edit = (content: string) =>
    interaction
      .editReply({ content: `${lead}${content}`, allowedMentions: NO_PINGS })
      .catch((error) => logError(ctx.log, error, {}, 'progress edit failed'));
  const event = await ctx.dossier.reindex(reason, {
    start: (n) => void (total = n),
    update: (done) => {
      if (Date.now() - last < EDIT_EVERY_MS) return;
      last = Date.now();
      void edit(`Re-indexing the articles… ${done}/${total} texts embedded (new text only).`);
    },
    stop: () => undefined,
  });
  ctx.log.info({ via: interaction.commandName, user: interaction.user.id, ok: event.ok }, 'reindexed');
  await edit(
    event.ok
      ? `Done: ${event.articles} articles, ${event.passages} passages, in ${(event.ms / 1000).toFixed(1)} s. Answers now come from them.`
      : `Re-indexing failed, so answers still come from the previous index: ${event.error.message}`,
  );
}

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  await interaction.reply({
    content: 'Re-indexing the articles…',
    flags: MessageFlags.Ephemeral,
    allowedMentions: NO_PINGS,
  });
  await reindexWithProgress(interaction, ctx, `/reindex by ${interaction.user.id}`);
}
