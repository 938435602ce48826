// `/tokens SUBCOMMAND …`: a table of subcommands; anything else gets the friendly usage message.
import type { AckFn, RespondArguments, RespondFn, SlashCommand } from '@slack/bolt';
import type { webApi } from '@slack/bolt';
import { helpBlocks, HELP_TEXT } from '../../blocks/help';
import type { BotContext } from '../../context';
import { words } from '../../spend/args';
import { budget } from './budget';
import { quota } from './quota';
import { spend } from './spend';

export interface SubcommandInput {
  args: string[];
  command: SlashCommand;
  userId: string;
  ack: AckFn<string | RespondArguments>;
  respond: RespondFn;
  client: webApi.WebClient;
  bot: BotContext;
}

export type Subcommand = (input: SubcommandInput) => Promise<void>;

export const subcommands: Record<string, Subcommand> = {
  spend,
  quota,
  budget,
  help: async ({ ack }) => ack({ response_type: 'ephemeral', text: HELP_TEXT, blocks: helpBlocks() }),
};

export async function tokens(input: Omit<SubcommandInput, 'args' | 'userId'>): Promise<void> {
  const [name = 'help', ...args] = words(input.command.text);
  const subcommand = subcommands[name.toLowerCase()];
  if (!subcommand) {
    const problem = `I don't know \`/tokens ${name}\`.`;
    await input.ack({ response_type: 'ephemeral', text: problem, blocks: helpBlocks(problem) });
    return;
  }
  await subcommand({ ...input, args, userId: input.command.user_id });
}
