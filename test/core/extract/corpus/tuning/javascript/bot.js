const OpenAI = require('openai');
const { ChatOpenAI } = require('@langchain/openai');
const { ChatAnthropic } = require('@langchain/anthropic');
const { ChatPromptTemplate, PromptTemplate } = require('@langchain/core/prompts');
const { HumanMessage, SystemMessage } = require('@langchain/core/messages');
const { GoogleGenAI } = require('@google/genai');
const { GoogleGenerativeAI } = require('@google/generative-ai');
const { OpenAIClient, AzureKeyCredential } = require('@azure/openai');

const openai = new OpenAI();
const MODEL = process.env.OPENAI_MODEL || 'gpt-4o-mini';
const settings = { model: 'gpt-4o', temperature: 0.2 };

function client() {
  return openai;
}

async function ask(question) {
  const completion = await client().chat.completions.create({
    model: MODEL,
    messages: [{ role: 'system', content: 'You are a Discord bot that answers gaming questions.' }, { role: 'user', content: question }],
  });
  return completion.choices[0].message.content;
}

async function withSettings(question) {
  return openai.chat.completions.create({ ...settings, messages: [{ role: 'user', content: question }] });
}

async function configModel(question) {
  return openai.chat.completions.create({ model: settings.model, messages: [{ role: 'user', content: 'Explain simply: ' + question }] });
}

class Moderator {
  constructor() {
    this.openai = new OpenAI();
    this.model = 'gpt-4.1-mini';
  }

  async check(text) {
    return this.openai.chat.completions.create({ model: this.model, max_tokens: 1, messages: [{ role: 'user', content: `Reply Y if this is spam: ${text}` }] });
  }
}

const llm = new ChatOpenAI({ model: 'gpt-4o', temperature: 0 });
const claudeModel = new ChatAnthropic({ model: 'claude-3-5-sonnet-20241022', maxTokens: 1024 });

async function joke(topic) {
  return llm.invoke(`Tell me a joke about ${topic}`);
}

async function messages(question) {
  return claudeModel.invoke([new SystemMessage('You are a helpful librarian.'), new HumanMessage(question)]);
}

async function tuples(question) {
  return llm.invoke([['system', 'Answer in Spanish.'], ['human', question]]);
}

async function inline(question) {
  return new ChatOpenAI({ model: 'gpt-4o-mini' }).invoke('Rephrase: ' + question);
}

async function streamed(question) {
  const stream = await llm.stream(`Write a limerick about ${question}`);
  for await (const chunk of stream) process.stdout.write(chunk.content);
}

const prompt = ChatPromptTemplate.fromMessages([
  ['system', 'You are a world class technical writer.'],
  ['user', '{input}'],
]);
const summaryPrompt = PromptTemplate.fromTemplate('Summarize the following text in {n} words:\n{text}');
const chain = prompt.pipe(llm);

async function runChain(input) {
  return chain.invoke({ input });
}

const ai = new GoogleGenAI({ apiKey: process.env.GEMINI_API_KEY });

async function gemini(text) {
  const response = await ai.models.generateContent({
    model: 'gemini-2.5-flash',
    contents: `Summarize for a ten year old: ${text}`,
    config: { maxOutputTokens: 300, systemInstruction: 'Be playful.' },
  });
  return response.text;
}

async function geminiStream(text) {
  return ai.models.generateContentStream({ model: 'gemini-2.0-flash', contents: [{ role: 'user', parts: [{ text: 'Explain: ' + text }] }] });
}

const genAI = new GoogleGenerativeAI(process.env.API_KEY);
const geminiModel = genAI.getGenerativeModel({ model: 'gemini-1.5-flash' });

async function legacyGemini(topic) {
  const result = await geminiModel.generateContent(`Write a haiku about ${topic}`);
  return result.response.text();
}

const azureClient = new OpenAIClient(process.env.AZURE_ENDPOINT, new AzureKeyCredential(process.env.AZURE_KEY));
const deploymentId = 'gpt-35-turbo';

async function azureChat(question) {
  const result = await azureClient.getChatCompletions(deploymentId, [
    { role: 'system', content: 'You are an assistant for the finance team.' },
    { role: 'user', content: question },
  ], { maxTokens: 256 });
  return result.choices[0].message.content;
}

async function unreadCall(request) {
  return openai.chat.completions.create(request);
}

module.exports = { ask, withSettings, configModel, Moderator, joke, messages, tuples, inline, streamed, runChain, gemini, geminiStream, legacyGemini, azureChat, unreadCall, summaryPrompt };
