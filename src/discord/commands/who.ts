import { SlashCommandBuilder, type AutocompleteInteraction, type ChatInputCommandInteraction } from 'discord.js';
import { NO_PINGS, type BotContext } from '../context.ts';
import { LIMITS, truncate } from '../limits.ts';
import { profileEmbed } from '../render.ts';
import { whoComponents } from '../buttons.ts';
import { rememberPerson } from '../conversation.ts';

export const data = new SlashCommandBuilder()
  .setName('who')
  .setDescription('What the articles say about a person, in their own words')
  .addStringOption((option) =>
    option
      .setName('name')
      .setDescription('A name, e.g. Amrullah Saleh')
      .setRequired(true)
      .setMaxLength(100)
      .setAutocomplete(true),
  );

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const name = interaction.options.getString('name', true);
  const result = ctx.dossier.who(name);
  ctx.log.info({ via: '/who', user: interaction.user.id, status: result.status }, 'who');
  const embed = profileEmbed(result);
  await interaction.reply({ embeds: [embed], components: whoComponents(result), allowedMentions: NO_PINGS });
  rememberPerson(ctx, interaction.channel, result.person?.name, embed.data.description);
}

/** Names come from the index, already in memory: this answers in well under Discord's 3 seconds. */
export async function autocomplete(interaction: AutocompleteInteraction, ctx: BotContext): Promise<void> {
  const typed = interaction.options.getFocused();
  const names = ctx.dossier.completeName(typed, LIMITS.autocompleteChoices);
  await interaction.respond(
    names.map((n) => ({ name: truncate(n, LIMITS.choiceName), value: truncate(n, LIMITS.choiceName) })),
  );
}
