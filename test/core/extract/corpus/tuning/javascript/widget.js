// A chat widget: the page's own elements carry a `prompt` for the person typing, beside the model's prompts.
import OpenAI from 'openai';

const client = new OpenAI();

export function mountComposer(input, hint) {
  input.prompt = 'Type here';
  hint.prompt = 'Ask anything';
  return { input, hint };
}

export function configure(job) {
  job.prompt = 'Classify the message as billing, bug or other';
  return job;
}

export async function reply(message) {
  return client.chat.completions.create({
    model: 'gpt-4o-mini',
    messages: [{ role: 'user', content: message }],
  });
}
