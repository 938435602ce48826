import OpenAI from 'openai';

const openai = new OpenAI();

export type Category = 'billing' | 'bug' | 'account' | 'feature-request' | 'other';

const TRIAGE_SYSTEM_PROMPT = `You triage incoming support tickets for Helpdesk.
Classify the ticket into exactly one category: billing, bug, account, feature-request or other.
Answer with the category name only, in lower case, with no explanation.`;

/** Runs on every new ticket: about 20,000 a day. */
export async function triageTicket(ticket: string): Promise<Category> {
  const completion = await openai.chat.completions.create({
    model: 'gpt-4.1',
    messages: [
      { role: 'system', content: TRIAGE_SYSTEM_PROMPT },
      { role: 'user', content: `Ticket:\n${ticket}` },
    ],
  });
  return (completion.choices[0]?.message.content?.trim() ?? 'other') as Category;
}
