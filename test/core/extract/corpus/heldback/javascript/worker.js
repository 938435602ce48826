import OpenAI from 'openai';
import { ChatOpenAI } from '@langchain/openai';

const openai = new OpenAI({ baseURL: process.env.BASE_URL });
const model = new ChatOpenAI({ modelName: 'gpt-3.5-turbo', temperature: 0.9 });
const DEFAULT_MODEL = process.env.DEFAULT_MODEL ?? 'gpt-4o-mini';
const promptInput = document.querySelector('#prompt');
const PROMPT_CLASS = 'prompt-box';
const systemTheme = 'dark';

export async function tweet(topic) {
  const res = await openai.chat.completions.create({
    model: DEFAULT_MODEL,
    messages: [{ role: 'user', content: `Write a tweet about ${topic}, under 200 characters.` }],
    max_tokens: 80,
  });
  return res.choices[0].message.content;
}

export async function name(product) {
  return model.invoke(`Suggest a name for a company that makes ${product}`);
}

export async function translate(text, lang = 'French') {
  let prompt = `Translate the text into ${lang}.`;
  prompt += `\nText: ${text}`;
  return openai.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: prompt }] });
}

export function bindPrompt(el) {
  el.prompt = 'Say something';
  window.prompt('Your name?');
}
