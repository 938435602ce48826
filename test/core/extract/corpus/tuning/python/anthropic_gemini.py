import os

import anthropic
from anthropic import Anthropic, AsyncAnthropic
from google import genai
from google.genai import types
import google.generativeai as legacy_genai

CLAUDE = "claude-sonnet-4-20250514"
HAIKU_MODEL = os.getenv("HAIKU_MODEL", "claude-3-5-haiku-20241022")
claude = Anthropic()
aclaude = AsyncAnthropic()


def make_client():
    return anthropic.Anthropic(max_retries=3)


def review(diff: str) -> str:
    msg = claude.messages.create(
        model=CLAUDE,
        max_tokens=1024,
        system="You are a meticulous code reviewer.",
        messages=[{"role": "user", "content": f"Review this diff:\n{diff}"}],
    )
    return msg.content[0].text


def quick(q: str) -> str:
    return make_client().messages.create(model=HAIKU_MODEL, max_tokens=200, messages=[{"role": "user", "content": q}]).content[0].text


async def stream_answer(q: str):
    async with aclaude.messages.stream(model="claude-3-7-sonnet-latest", max_tokens=2048, messages=[{"role": "user", "content": q}]) as s:
        async for text in s.text_stream:
            yield text


def variable_model(q: str, model_name: str) -> str:
    return claude.messages.create(model=model_name, max_tokens=300, messages=[{"role": "user", "content": q}])


class Critic:
    def __init__(self, client: Anthropic, model: str = "claude-opus-4-1"):
        self.client = client
        self.model = model

    def critique(self, essay: str) -> str:
        return self.client.messages.create(
            model=self.model,
            max_tokens=self.max_tokens,
            system="Critique the essay's argument, not its style.",
            messages=[{"role": "user", "content": essay}, {"role": "assistant", "content": "Critique:"}],
        )


def thinking(problem: str):
    return claude.messages.create(
        model="claude-opus-4-1-20250805",
        max_tokens=16000,
        thinking={"type": "enabled", "budget_tokens": 8000},
        messages=[{"role": "user", "content": [{"type": "text", "text": "Solve step by step: " + problem}]}],
    )


def unread_anthropic(request: dict):
    return claude.messages.create(**request)


gclient = genai.Client()
GEMINI = os.environ.get("GEMINI_MODEL", "gemini-2.5-flash")


def gemini_summary(text: str) -> str:
    response = gclient.models.generate_content(
        model=GEMINI,
        contents=f"Summarize for a ten year old: {text}",
        config=types.GenerateContentConfig(max_output_tokens=300, system_instruction="Be playful."),
    )
    return response.text


def gemini_turns(question: str):
    return genai.Client().models.generate_content(
        model="gemini-2.0-flash",
        contents=[{"role": "user", "parts": [{"text": "You are a travel agent. " + question}]}],
    )


async def gemini_async(q: str):
    return await gclient.aio.models.generate_content(model="gemini-2.5-pro", contents=q)


def gemini_stream(q: str):
    for chunk in gclient.models.generate_content_stream(model="gemini-2.5-flash-lite", contents=["Explain briefly:", q]):
        print(chunk.text)


model = legacy_genai.GenerativeModel("gemini-1.5-pro", system_instruction="You write haiku.")


def legacy_gemini(topic: str):
    return model.generate_content(f"Write a haiku about {topic}")


def legacy_inline(topic: str):
    return legacy_genai.GenerativeModel(model_name="gemini-1.5-flash").generate_content("List three facts about " + topic)
