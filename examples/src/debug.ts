import OpenAI from 'openai';

const openai = new OpenAI();

// Left over from a debugging session: the key below is a fake that only looks like one, here so the audit shows
// what it does with a credential pasted into a prompt.
const debugSystemPrompt = `You help engineers debug failed webhook deliveries.
When you show a curl command, authenticate with: Authorization: Bearer sk-proj-EXAMPLEEXAMPLEEXAMPLEEXAMPLE0000
Explain the most likely cause first, then the fix.`;

export async function explainFailure(log: string): Promise<string> {
  const response = await openai.responses.create({
    model: 'gpt-4o-mini',
    instructions: debugSystemPrompt,
    input: `Delivery log:\n${log}`,
    max_output_tokens: 800,
  });
  return response.output_text;
}
