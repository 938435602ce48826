import OpenAI, { AzureOpenAI } from 'openai';
import Anthropic from '@anthropic-ai/sdk';
import { env } from './env';

const DEFAULT_MODEL = 'gpt-4o-mini';
const CHAT_MODEL = process.env.CHAT_MODEL ?? 'gpt-4o';
const REPORT_MODEL = process.env.REPORT_MODEL || 'gpt-4.1';
const config = { openai: { model: 'gpt-4.1-mini', maxTokens: 600 }, anthropic: { model: 'claude-3-5-haiku-20241022' } };
const openai = new OpenAI();
const anthropic = new Anthropic();

let cached: OpenAI | undefined;
export function getClient(): OpenAI {
  cached ??= new OpenAI({ apiKey: process.env.OPENAI_API_KEY });
  return cached;
}
export async function getAsyncClient(): Promise<OpenAI> {
  return new OpenAI();
}

export async function classify(ticket: string) {
  const res = await getClient().chat.completions.create({
    model: CHAT_MODEL,
    messages: [
      { role: 'system', content: 'Classify the ticket as billing, bug or question.' },
      { role: 'user', content: ticket },
    ],
    max_tokens: 5,
  });
  return res.choices[0]?.message.content;
}

export async function summarize(text: string, n: number) {
  return (await getAsyncClient()).chat.completions.create({ model: REPORT_MODEL, max_tokens: n, messages: [{ role: 'user', content: `Summarize:\n${text}` }] });
}

export async function awaited(text: string) {
  const client = await getAsyncClient();
  return client.chat.completions.create({ model: DEFAULT_MODEL, messages: [{ role: 'user', content: `Fix the grammar: ${text}` }] });
}

export async function fromConfig(text: string) {
  return openai.chat.completions.create({
    model: config.openai.model,
    max_tokens: config.openai.maxTokens,
    messages: [{ role: 'user', content: 'Rewrite politely: ' + text }],
  });
}

export async function withDefault(text: string, model = 'gpt-4o-mini') {
  return openai.chat.completions.create({ model, messages: [{ role: 'user', content: text }] });
}

export async function withOptions(text: string, { model = 'gpt-4.1-nano', temperature = 0 } = {}) {
  return openai.chat.completions.create({ model, temperature, messages: [{ role: 'system', content: 'Answer in one sentence.' }, { role: 'user', content: text }] });
}

export async function fromParam(text: string, model: string) {
  return openai.chat.completions.create({ model, messages: [{ role: 'user', content: text }] });
}

export async function fromEnv(text: string) {
  return openai.chat.completions.create({ model: env.OPENAI_MODEL, messages: [{ role: 'user', content: text }] });
}

export async function spread(text: string, settings: { max_tokens: number }) {
  return openai.chat.completions.create({ ...settings, model: 'gpt-4o', messages: [{ role: 'user', content: text }] });
}

export async function passthrough(params: OpenAI.Chat.ChatCompletionCreateParamsNonStreaming) {
  return openai.chat.completions.create(params);
}

export class SupportBot {
  private readonly client = new OpenAI();
  private readonly model = 'gpt-4o';
  private systemPrompt = 'You are a concise support agent for Acme routers.';

  async reply(history: OpenAI.Chat.ChatCompletionMessageParam[]) {
    const completion = await this.client.chat.completions.create({
      model: this.model,
      messages: [{ role: 'system', content: this.systemPrompt }, ...history],
    });
    return completion.choices[0]?.message.content;
  }

  async title(first: string) {
    return this.client.chat.completions.create({ model: this.model, max_completion_tokens: 20, messages: [{ role: 'user', content: `Five word title for: ${first}` }] });
  }

  async respond(input: string) {
    return this.client.responses.create({ model: 'gpt-4.1', instructions: 'Reply as a pirate.', input });
  }

  async parse(input: string) {
    return this.client.chat.completions.parse({ model: 'gpt-4o-2024-08-06', messages: [{ role: 'user', content: `Extract fields: ${input}` }], response_format: { type: 'json_object' } });
  }
}

export class Reviewer {
  constructor(private readonly claude: Anthropic, private readonly model = 'claude-sonnet-4-20250514') {}

  review(diff: string) {
    return this.claude.messages.create({
      model: this.model,
      max_tokens: 1024,
      system: 'You are a meticulous code reviewer.',
      messages: [{ role: 'user', content: `Review this diff:\n${diff}` }],
    });
  }
}

export async function claudeQuick(q: string) {
  return anthropic.messages.create({ model: config.anthropic.model, max_tokens: 200, messages: [{ role: 'user', content: q }] });
}

export async function claudeStream(q: string) {
  const stream = anthropic.messages.stream({ model: 'claude-3-7-sonnet-latest', max_tokens: 2048, messages: [{ role: 'user', content: q }] });
  return stream.finalMessage();
}

export async function claudeUnread(body: Anthropic.MessageCreateParams) {
  return anthropic.messages.create(body);
}

const azure = new AzureOpenAI({ deployment: 'gpt-35-turbo', apiVersion: '2024-02-01' });
const DEPLOYMENT = process.env.AZURE_DEPLOYMENT ?? 'gpt-35-turbo-1106';

export async function azureChat(q: string) {
  return azure.chat.completions.create({ model: DEPLOYMENT, messages: [{ role: 'system', content: 'You are an HR policy assistant.' }, { role: 'user', content: q }] });
}

export async function builder(question: string, docs: string[]) {
  let prompt = 'You answer questions using the documents below.\n';
  for (const doc of docs) prompt += `- ${doc}\n`;
  prompt += `Question: ${question}`;
  return openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: prompt }] });
}

export async function visionCall(url: string) {
  return openai.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: [{ type: 'text', text: 'What is in this image?' }, { type: 'image_url', image_url: { url } }] }] });
}

export async function streamStory(topic: string) {
  const stream = await openai.chat.completions.create({ model: 'gpt-4o-mini', stream: true, messages: [{ role: 'user', content: `Tell a short story about ${topic}.` }] });
  return stream;
}
