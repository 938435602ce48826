import { openai } from '@ai-sdk/openai';
import { generateText } from 'ai';

/** Drafts a reply for an agent to review; the agent edits and sends it. A clean prompt, for comparison. */
export async function draftReply(ticket: string, tone: string): Promise<string> {
  const { text } = await generateText({
    model: openai('gpt-4o-mini'),
    maxOutputTokens: 400,
    system: 'You draft replies to customer support tickets. Write plain text, no greeting line, at most 120 words.',
    prompt: `Tone: ${tone}\nTicket:\n${ticket}`,
  });
  return text;
}
