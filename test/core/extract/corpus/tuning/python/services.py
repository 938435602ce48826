import os

import anthropic
import litellm
import openai
from openai import OpenAI

MODEL_MAP = {"fast": "gpt-4.1-nano", "smart": "gpt-4.1"}
TIMEOUT = 30
oai = OpenAI(timeout=TIMEOUT)
ant = anthropic.Anthropic()


def client_for(name: str) -> OpenAI:
    return oai


def extract_entities(text: str):
    return client_for("x").chat.completions.create(model=MODEL_MAP["fast"], messages=[{"role": "user", "content": "List the people named in: " + text}])


def sentiment(text: str):
    return oai.chat.completions.create(model=MODEL_MAP["smart"], temperature=0, messages=[{"role": "system", "content": "Reply positive, negative or neutral."}, {"role": "user", "content": text}])


def keywords(text: str):
    return oai.chat.completions.create(model="gpt-4o-mini", messages=[dict(role="user", content=f"Five keywords for: {text}")])


def headline(text: str):
    result = oai.chat.completions.create(
        messages=[{"role": "user", "content": f"Write a headline for this article:\n\n{text}"}],
        model="gpt-4o",
        n=3,
    )
    return [c.message.content for c in result.choices]


def legacy_completion(text: str):
    return openai.Completion.create(engine="gpt-3.5-turbo-instruct", prompt="Correct the spelling: " + text)


def legacy_chat(text: str):
    return openai.ChatCompletion.create(engine="gpt-35-turbo", messages=[{"role": "user", "content": text}])


def claude_json(text: str):
    return ant.messages.create(model="claude-3-5-haiku-20241022", max_tokens=500, system=[{"type": "text", "text": "Return JSON only."}], messages=[{"role": "user", "content": text}])


def claude_prefill(text: str):
    return ant.messages.create(model="claude-sonnet-4-5", max_tokens=500, messages=[{"role": "user", "content": text}, {"role": "assistant", "content": "{"}])


def lite_fallbacks(q: str):
    return litellm.completion(model="gpt-4o", messages=[{"role": "user", "content": q}], fallbacks=["claude-3-haiku-20240307"])


def lite_ollama(q: str):
    return litellm.completion(model="ollama/llama3.1", messages=[{"role": "user", "content": q}], api_base="http://localhost:11434")


async def many(questions: list[str]):
    import asyncio
    aclient = openai.AsyncOpenAI()
    return await asyncio.gather(*[aclient.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": q}]) for q in questions])


def reasoning(problem: str):
    return oai.responses.create(model="o4-mini", reasoning={"effort": "medium"}, input=f"Solve: {problem}", max_output_tokens=2000)


def env_strict(q: str):
    return oai.chat.completions.create(model=os.environ["OPENAI_MODEL"], messages=[{"role": "user", "content": q}])


def moderation(text: str):
    return oai.moderations.create(input=text)


def embed(text: str):
    return oai.embeddings.create(model="text-embedding-3-large", input=text)


def transcribe(path: str):
    with open(path, "rb") as f:
        return oai.audio.transcriptions.create(model="whisper-1", file=f)
