import { convertToModelMessages, generateText, streamText, type UIMessage } from 'ai';
import { openai } from '@ai-sdk/openai';
import OpenAI from 'openai';
import Anthropic from '@anthropic-ai/sdk';
import { myProvider } from './providers';
import { regularPrompt, systemPrompt } from './prompts';

const TITLE_MODEL = 'gpt-4.1-nano';
const PROMPT_MAX_CHARS = 8000;
const promptSuggestions = ['What is the weather?', 'Help me write an essay'];
const SYSTEM_PROMPT_TOGGLE = 'system-prompt-toggle';
const anthropicClient = new Anthropic();

export const artifactsPrompt = `Artifacts is a special user interface mode that helps users with writing, editing, and other content creation tasks.`;

export async function generateTitleFromUserMessage({ message }: { message: UIMessage }) {
  const { text: title } = await generateText({
    model: openai(TITLE_MODEL),
    system: `You will generate a short title based on the first message a user begins a conversation with.`,
    prompt: JSON.stringify(message),
  });
  return title;
}

export async function POST(request: Request) {
  const { messages, selectedChatModel }: { messages: UIMessage[]; selectedChatModel: string } = await request.json();
  const result = streamText({
    model: myProvider.languageModel(selectedChatModel),
    system: systemPrompt({ selectedChatModel }),
    messages: convertToModelMessages(messages),
  });
  return result.toUIMessageStreamResponse();
}

export async function openaiStream(messages: OpenAI.Chat.ChatCompletionMessageParam[], settings: { model: string; temperature: number }) {
  const openaiClient = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });
  return openaiClient.chat.completions.create({
    model: settings.model,
    messages,
    temperature: settings.temperature,
    max_tokens: settings.model === 'gpt-4-vision-preview' ? 4096 : null,
    stream: true,
  });
}

export async function claude(question: string) {
  return anthropicClient.messages.create({ model: 'claude-3-opus-20240229', max_tokens: 4096, system: regularPrompt, messages: [{ role: 'user', content: question }] });
}

export async function forward(body: OpenAI.Chat.ChatCompletionCreateParams) {
  return new OpenAI().chat.completions.create(body);
}

export const settingsLabels = { promptLabel: 'Prompt', systemPromptDescription: 'Sent before every chat' };
