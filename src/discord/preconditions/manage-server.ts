import { PermissionFlagsBits, type ChatInputCommandInteraction } from 'discord.js';
import type { Precondition } from './index.ts';

/**
 * Admin commands are hidden from others by their default member permission, but a server can change that:
 * check again on every use.
 */
export const manageServer: Precondition<ChatInputCommandInteraction> = (interaction) =>
  interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild)
    ? null
    : { identifier: 'manage_server', message: 'Only members who can manage this server can do that.' };
