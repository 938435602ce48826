import { openai } from '@ai-sdk/openai';
import { generateText } from 'ai';

/** The daily digest for team leads: a short summary of yesterday's resolved tickets. */
export async function dailyDigest(resolved: string): Promise<string> {
  // Retries until the provider answers: fine for a blip, unbounded during an outage.
  while (true) {
    try {
      const { text } = await generateText({
        model: openai('gpt-4o-mini'),
        maxOutputTokens: 500,
        system: 'You write a daily digest of resolved support tickets for team leads. Group by theme, five bullets at most.',
        prompt: `Tickets resolved yesterday:\n${resolved}`,
      });
      return text;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
}
