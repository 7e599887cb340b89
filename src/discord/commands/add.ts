import { MessageFlags, PermissionFlagsBits, SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import { NO_PINGS, type BotContext } from '../context.ts';
import { manageServer } from '../preconditions/manage-server.ts';
import { articleAdder } from '../lazy.ts';
import { reindexWithProgress } from './reindex.ts';
import { outletAndDate } from '../../messages.ts';

export const data = new SlashCommandBuilder()
  .setName('add')
  .setDescription('Add a news article from the web to what Dossier quotes (admins)')
  .addStringOption((option) =>
    option.setName('url').setDescription('The article’s address, https://…').setRequired(true).setMaxLength(2000),
  )
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild);

export const preconditions = [manageServer];

/**
 * Fetches the page (bounded: timeout, size, content type, redirects), refuses non-articles and duplicates, stores
 * it in the articles folder and re-indexes in the background. Only web addresses: never a path on the bot's machine.
 */
export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const url = interaction.options.getString('url', true).trim();
  const reply = (content: string) => interaction.editReply({ content, allowedMentions: NO_PINGS });
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const { ArticleAdder, isUrl } = await articleAdder();
  if (!isUrl(url)) return void (await reply('Give the article’s web address, starting with https:// or http://.'));
  const outcome = await new ArticleAdder(ctx.dossier.settings.seedsDir).add(url);
  ctx.log.info({ via: '/add', user: interaction.user.id, status: outcome.status }, 'add');
  if (outcome.status !== 'added')
    return void (await reply(
      outcome.status === 'duplicate' ? `Already there: ${outcome.message}` : `Not added: ${outcome.message}`,
    ));
  const lead = `Added “${outcome.article.title}” (${outletAndDate(outcome.article)}). `;
  await reply(`${lead}Re-indexing…`);
  await reindexWithProgress(interaction, ctx, `/add by ${interaction.user.id}`, lead);
}
