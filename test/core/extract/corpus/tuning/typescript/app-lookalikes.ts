// A chat app's UI and data layer: it uses the OpenAI SDK, so prompt-ish names are everywhere.
import OpenAI from 'openai';
import type { ChatCompletionMessageParam } from 'openai/resources';
import { z } from 'zod';
import { prisma } from './db';

export const openai = new OpenAI();

export const PROMPT_TOKEN_COUNT = '__computed__';
export const MAX_PROMPT_LENGTH = 4000;
export const PROMPT_STORAGE_KEY = 'chat.prompt.draft';
export const SYSTEM_PROMPT_ID = 'sys_default';
export const DEFAULT_PROMPT_NAME = 'Untitled prompt';
export const promptPlaceholder = 'Ask me anything…';
export const systemPromptLabel = 'System prompt';
export const promptsRoute = '/prompts/[id]';
export const PROMPT_CACHE_TTL = 60 * 60;
export const SYSTEM_ROLE = 'system' as const;
export const promptSchema = z.object({ name: z.string(), content: z.string().max(4000) });
export const instructionsHref = '/docs/instructions';
export const PROMPT_VERSION = '2025-01';
export const promptModes = ['chat', 'complete'] as const;
export const systemPromptEnabled = true;

export type Prompt = { id: string; name: string; content: string };

export const i18n = {
  en: { promptTitle: 'Prompts', promptEmpty: 'No prompts yet', systemPromptHint: 'Applies to every chat' },
  de: { promptTitle: 'Eingaben', promptEmpty: 'Noch keine Eingaben' },
};

export async function savePrompt(name: string, content: string) {
  const prompt = await prisma.prompt.create({ data: { name, content } });
  const prompts = await prisma.prompt.findMany({ orderBy: { createdAt: 'desc' } });
  return { prompt, prompts };
}

export async function messagesApi(threadId: string, text: string) {
  await prisma.messages.create({ data: { threadId, text } });
  return prisma.completions.create({ data: { threadId, status: 'pending' } });
}

export function usage(res: OpenAI.Chat.ChatCompletion) {
  const promptTokens = res.usage?.prompt_tokens ?? 0;
  const systemFingerprint = res.system_fingerprint;
  return { promptTokens, systemFingerprint };
}

export function toMessages(history: Array<{ role: 'user' | 'assistant'; text: string }>): ChatCompletionMessageParam[] {
  return history.map((m) => ({ role: m.role, content: m.text }));
}

export function promptKey(id: string) {
  const cacheKey = `prompt:${id}`;
  return cacheKey;
}

export const headers = { 'x-prompt-version': '3' };

export async function listModels() {
  return openai.models.list();
}

export async function embeddings(texts: string[]) {
  return openai.embeddings.create({ model: 'text-embedding-3-small', input: texts });
}

export async function moderation(text: string) {
  return openai.moderations.create({ model: 'omni-moderation-latest', input: text });
}

export async function speech(text: string) {
  return openai.audio.speech.create({ model: 'gpt-4o-mini-tts', voice: 'alloy', input: text });
}

export async function image(prompt: string) {
  return openai.images.generate({ model: 'dall-e-3', prompt });
}

export function stream(res: { stream(): void }) {
  return res.stream();
}

export const featureFlags = { systemPromptEditor: true, promptLibrary: false };
