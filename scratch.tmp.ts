import { extractPrompts } from './core/extract';
const show = (src: string, f: string) => { const r = extractPrompts(src, f); console.log(f, JSON.stringify(r.prompts.map(p => ({ id: p.id, line: p.range.startLine+1, model: p.model, src: p.modelSource, cap: p.callSite?.outputCap, parts: p.parts.map(x => x.role + ':' + x.text.slice(0, 40)) }))), 'unread', JSON.stringify(r.unreadCalls.map(u=>[u.range.startLine+1,u.reason])), r.notices); };
show(`
import os
from openai import OpenAI
MODEL = os.getenv("OPENAI_MODEL", "gpt-4o")
def get_client():
    return OpenAI()
class Bot:
    def __init__(self):
        self.client = OpenAI()
        self.model = "gpt-4o-mini"
    def ask(self, q, model="gpt-4.1"):
        r = get_client().chat.completions.create(model=MODEL, messages=[{"role": "user", "content": q}], max_tokens=self.n)
        s = self.client.chat.completions.create(model=self.model, messages=[{"role": "system", "content": "Be terse and helpful."}])
        t = self.client.chat.completions.create(model=model, **kwargs)
        u = self.client.chat.completions.create(**params)
        return r
from litellm import completion
resp = completion(model="claude-3-5-sonnet-20241022", messages=[{"content": "Hello, how are you?", "role": "user"}])
from langchain_openai import ChatOpenAI
llm = ChatOpenAI(model="gpt-4o", temperature=0)
llm.invoke("Tell me a joke about cats")
ChatOpenAI(model_name="gpt-3.5-turbo").invoke([("system", "You are a pirate."), ("human", "hi")])
PROMPT_TOKEN_COUNT = "__computed__"
cfg = {"promptflow.connection.module": "promptflow.connections"}
prompt = "You are a summarizer. "
prompt += "Summarize the text below.\\n"
prompt += f"Text: {text}"
from google import genai
gclient = genai.Client()
gclient.models.generate_content(model="gemini-2.0-flash", contents="Explain how AI works in a few words")
m = os.environ.get("M") or "gpt-4o-mini"
anthropic_client.messages.create(model=m, max_tokens=1024, messages=[{"role":"user","content":"Hello Claude"}])
`, 'a.py');
show(`
import OpenAI from 'openai';
import { generateText } from 'ai';
const MODEL = process.env.MODEL ?? 'gpt-4o';
const config = { llm: { model: 'gpt-4o-mini', maxTokens: 300 } };
async function getClient() { return new OpenAI(); }
export async function a(n: number, q: string, { model = 'gpt-4.1-mini' } = {}) {
  await (await getClient()).chat.completions.create({ model: MODEL, max_tokens: n, messages: [{ role: 'user', content: q }] });
  await getClient().chat.completions.create({ model: config.llm.model, messages: [{ role: 'system', content: 'You are terse.' }] });
  await this.client.chat.completions.create({ model, ...defaults, messages: [{ role: 'user', content: 'Hi there friend' }] });
  await client.chat.completions.create(params);
  const { text } = await generateText({ model: openai(process.env.M || 'gpt-4o'), prompt: 'Write a haiku about autumn.' });
  let prompt = 'You are a helpful assistant. ';
  prompt += 'Answer the question: ' + q;
  return client.responses.create({ model: 'gpt-4.1', input: prompt });
}
const PROMPT_TOKEN_COUNT = '__computed__';
const promptPlaceholder = 'Type your message here...';
`, 'a.ts');
