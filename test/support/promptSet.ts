// A generated set of prompts in every shape the faces show numbers for: prompt files with and without front matter
// (model, max tokens), Prompty roles, Jinja and Markdown with front matter, and calls in TypeScript and Python naming
// an OpenAI, Anthropic or Google model, or none. The same seed gives the same files. Each call whose messages are
// literal text also comes with the request it sends, so `tokenwise count --request` can be held to the same number.
export interface GeneratedFile {
  path: string;
  text: string;
}

export interface GeneratedRequest {
  /** The file holding the call the request is made by. */
  file: string;
  request: Record<string, unknown>;
}

const sentences = [
  'You are a careful assistant for the Northwind support team.',
  'Answer in two short paragraphs and never invent order numbers.',
  'Classify the message as billing, technical, sales or other.',
  'Reply with the label only, in lower case.',
  'Summarise the thread for an engineer who joins it today.',
  'Résumé en français, s’il vous plaît : trois points au maximum.',
  'Antworte höflich und knapp; keine Emojis.',
  '日本語で簡潔に答えてください。',
  'Используй только факты из сообщения клиента.',
  'If something is missing, say what you will check and when.',
  'Keep a warm, plain tone: no jargon, no exclamation marks.',
  'List the steps as a numbered list; at most five steps.',
];

const openAiModels = ['gpt-4o', 'gpt-4o-mini', 'gpt-4.1', 'gpt-4.1-mini', 'gpt-5-mini'];
const anthropicModels = ['claude-sonnet-4-5', 'claude-haiku-4-5'];
const googleModels = ['gemini-2.5-flash', 'gemini-2.5-pro'];

/** A small deterministic generator (mulberry32). */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function generatePromptSet(seed = 13, count = 24): { files: GeneratedFile[]; requests: GeneratedRequest[] } {
  const next = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const text = (sentenceCount: number) => Array.from({ length: sentenceCount }, () => pick(sentences)).join(' ');
  const files: GeneratedFile[] = [];
  const requests: GeneratedRequest[] = [];
  for (let i = 0; i < count; i++) {
    const system = text(1 + Math.floor(next() * 4));
    const user = text(1 + Math.floor(next() * 2));
    const maxTokens = next() < 0.5 ? 1 + Math.floor(next() * 300) : undefined;
    switch (i % 8) {
      case 0: {
        const model = next() < 0.5 ? pick(openAiModels) : undefined;
        const front =
          model || maxTokens
            ? `---\n${model ? `model: openai/${model}\n` : ''}${maxTokens ? `config:\n  maxOutputTokens: ${maxTokens}\n` : ''}---\n`
            : '';
        files.push({
          path: `gen/prompts/p${i}.prompt`,
          text: `${front}{{role "system"}}\n${system}\n{{role "user"}}\n${user} {{question}}\n`,
        });
        break;
      }
      case 1: {
        const model = pick([...openAiModels, ...anthropicModels]);
        const parameters = maxTokens ? `  parameters:\n    max_tokens: ${maxTokens}\n` : '';
        files.push({
          path: `gen/prompts/p${i}.prompty`,
          text: `---\nname: p${i}\nmodel:\n  api: chat\n  configuration:\n    name: ${model}\n${parameters}---\nsystem:\n${system}\n\nuser:\n${user}\n`,
        });
        break;
      }
      case 2:
        files.push({
          path: `gen/prompts/p${i}.j2`,
          text: `---\nmodel: ${pick(googleModels)}\n---\n${system}\n\n{{ ticket }}\n`,
        });
        break;
      case 3:
        files.push({ path: `gen/prompts/p${i}.md`, text: `${system}\n\n${user}\n` });
        break;
      case 4:
      case 5: {
        const model = i % 8 === 4 ? pick(openAiModels) : next() < 0.5 ? pick(googleModels) : undefined;
        const cap = maxTokens ? `\n    max_tokens: ${maxTokens},` : '';
        files.push({
          path: `gen/src/call${i}.ts`,
          text:
            `// @ts-nocheck\nimport OpenAI from 'openai';\n\nconst client = new OpenAI();\n\nexport async function run${i}() {\n` +
            `  return client.chat.completions.create({${model ? `\n    model: '${model}',` : ''}${cap}\n    messages: [\n` +
            `      { role: 'system', content: ${JSON.stringify(system)} },\n      { role: 'user', content: ${JSON.stringify(user)} },\n    ],\n  });\n}\n`,
        });
        if (model) {
          const messages = [
            { role: 'system', content: system },
            { role: 'user', content: user },
          ];
          requests.push({
            file: `gen/src/call${i}.ts`,
            request: { model, messages, ...(maxTokens ? { max_tokens: maxTokens } : {}) },
          });
        }
        break;
      }
      case 6: {
        const model = pick(anthropicModels);
        const cap = maxTokens ?? 256;
        files.push({
          path: `gen/src/claude${i}.ts`,
          text:
            `// @ts-nocheck\nimport Anthropic from '@anthropic-ai/sdk';\n\nconst anthropic = new Anthropic();\n\nexport async function ask${i}() {\n` +
            `  return anthropic.messages.create({\n    model: '${model}',\n    max_tokens: ${cap},\n    system: ${JSON.stringify(system)},\n` +
            `    messages: [{ role: 'user', content: ${JSON.stringify(user)} }],\n  });\n}\n`,
        });
        requests.push({
          file: `gen/src/claude${i}.ts`,
          request: { model, max_tokens: cap, system, messages: [{ role: 'user', content: user }] },
        });
        break;
      }
      default: {
        const model = next() < 0.5 ? pick(openAiModels) : undefined;
        files.push({
          path: `gen/app/job${i}.py`,
          text:
            `from openai import OpenAI\n\nclient = OpenAI()\n\n\ndef job_${i}(question):\n    return client.chat.completions.create(\n` +
            `${model ? `        model="${model}",\n` : ''}        messages=[\n            {"role": "system", "content": ${JSON.stringify(system)}},\n` +
            `            {"role": "user", "content": question},\n        ],\n    )\n`,
        });
      }
    }
  }
  return { files, requests };
}
