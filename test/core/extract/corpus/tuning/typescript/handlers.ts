import OpenAI from 'openai';
import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI } from '@google/genai';
import { generateText } from 'ai';
import { openai as openaiProvider } from '@ai-sdk/openai';

const MODELS = { cheap: 'gpt-4.1-nano', best: 'gpt-4.1' } as const;
const oai = new OpenAI();
const claude = new Anthropic();
const gemini = new GoogleGenAI({});
const createClient = () => new OpenAI({ baseURL: process.env.BASE_URL });

export const handlers = {
  async tldr(text: string) {
    return oai.chat.completions.create({ model: MODELS.cheap, messages: [{ role: 'user', content: `TL;DR: ${text}` }] });
  },
  async critique(text: string) {
    return createClient().chat.completions.create({ model: MODELS.best, messages: [{ role: 'system', content: 'Critique the argument.' }, { role: 'user', content: text }] });
  },
  async json(text: string) {
    return oai.chat.completions.create({ model: 'gpt-4o-mini', response_format: { type: 'json_object' }, messages: [{ role: 'user', content: `Return the fields as JSON: ${text}` }] });
  },
  async tools(text: string, tools: OpenAI.Chat.ChatCompletionTool[]) {
    return oai.chat.completions.create({ model: 'gpt-4o', tools, tool_choice: 'auto', messages: [{ role: 'user', content: text }] });
  },
  async claudeSystemBlocks(text: string) {
    return claude.messages.create({ model: 'claude-3-5-sonnet-20241022', max_tokens: 800, system: [{ type: 'text', text: 'You are a careful editor.', cache_control: { type: 'ephemeral' } }], messages: [{ role: 'user', content: text }] });
  },
  async geminiChat(text: string) {
    return gemini.models.generateContent({ model: 'gemini-2.5-flash', contents: [{ role: 'user', parts: [{ text: `Explain: ${text}` }] }] });
  },
  async aiSdk(text: string) {
    return generateText({ model: openaiProvider.chat('gpt-4o-mini'), prompt: `Shorten: ${text}` });
  },
  async responses(text: string) {
    return oai.responses.create({ model: 'gpt-5-mini', input: [{ role: 'developer', content: 'Answer tersely.' }, { role: 'user', content: text }] });
  },
  async embeddings(text: string) {
    return oai.embeddings.create({ model: 'text-embedding-3-small', input: text });
  },
  async images(text: string) {
    return oai.images.generate({ model: 'gpt-image-1', prompt: text, size: '1024x1024' });
  },
};

export async function parallel(questions: string[]) {
  return Promise.all(questions.map((q) => oai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: q }] })));
}

export async function withTimeout(q: string) {
  return oai.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: q }] }, { timeout: 10_000 });
}

export async function retried(q: string) {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await oai.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: q }] });
    } catch {
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
}

export async function claudeRequest(question: string) {
  const request: Anthropic.MessageCreateParams = { model: 'claude-3-5-haiku-latest', max_tokens: 300, messages: [{ role: 'user', content: question }] };
  return claude.messages.create(request);
}
