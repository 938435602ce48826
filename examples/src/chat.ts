import Anthropic from '@anthropic-ai/sdk';

const anthropic = new Anthropic();

export interface Turn {
  role: 'user' | 'assistant';
  content: string;
}

/** The live support chat: every turn re-sends the conversation so far. */
export async function replyInChat(history: string, question: string): Promise<string> {
  const message = await anthropic.messages.create({
    model: 'claude-sonnet-4-5',
    max_tokens: 600,
    system: `You are Helpdesk's support assistant. Be friendly, precise and brief.
If you are not sure, say so and offer to hand over to a human agent.

Conversation so far:
${history}`,
    messages: [{ role: 'user', content: question }],
  });
  const block = message.content[0];
  return block?.type === 'text' ? block.text : '';
}
