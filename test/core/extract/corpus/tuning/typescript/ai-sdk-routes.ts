import { openai, createOpenAI } from '@ai-sdk/openai';
import { anthropic } from '@ai-sdk/anthropic';
import { google } from '@ai-sdk/google';
import { azure } from '@ai-sdk/azure';
import { generateObject, generateText, streamObject, streamText, type CoreMessage } from 'ai';
import { z } from 'zod';

const MODEL_ID = process.env.MODEL_ID ?? 'gpt-4o-mini';
const myProvider = { languageModel: (id: string) => openai(id) };
const groq = createOpenAI({ baseURL: 'https://api.groq.com/openai/v1' });

export async function POST(req: Request) {
  const { messages }: { messages: CoreMessage[] } = await req.json();
  const result = streamText({
    model: openai('gpt-4o'),
    system: 'You are a helpful assistant that answers questions about the docs.',
    messages,
    maxTokens: 1000,
  });
  return result.toDataStreamResponse();
}

export async function haiku(topic: string) {
  const { text } = await generateText({ model: anthropic('claude-3-5-haiku-latest'), prompt: `Write a haiku about ${topic}.` });
  return text;
}

export async function envModel(topic: string) {
  return generateText({ model: openai(MODEL_ID), prompt: 'Suggest three names for ' + topic });
}

export async function gemini(topic: string) {
  return generateText({ model: google('gemini-2.0-flash'), system: 'Answer like a teacher.', prompt: topic, maxOutputTokens: 400 });
}

export async function recipe(dish: string) {
  const { object } = await generateObject({
    model: openai('gpt-4.1'),
    schema: z.object({ name: z.string(), steps: z.array(z.string()) }),
    prompt: `Generate a recipe for ${dish}.`,
  });
  return object;
}

export async function streamed(topic: string) {
  return streamObject({ model: openai('gpt-4o-mini'), schema: z.object({ ideas: z.array(z.string()) }), prompt: `Ideas for ${topic}` });
}

export async function azureModel(q: string) {
  return generateText({ model: azure('my-gpt4o-deployment'), prompt: q });
}

export async function provider(q: string) {
  return generateText({ model: myProvider.languageModel('chat-model'), messages: [{ role: 'user', content: q }] });
}

export async function hosted(q: string) {
  return generateText({ model: groq('llama-3.3-70b-versatile'), prompt: `Translate to German: ${q}` });
}

export async function modelArg(q: string, model: Parameters<typeof generateText>[0]['model']) {
  return generateText({ model, prompt: q });
}

export async function spreadCall(options: Parameters<typeof generateText>[0]) {
  return generateText(options);
}

export async function gateway(q: string) {
  return generateText({ model: 'openai/gpt-4.1-mini', prompt: `Classify sentiment: ${q}` });
}
