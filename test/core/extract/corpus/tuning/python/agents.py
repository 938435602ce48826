import json
import os
from dataclasses import dataclass

from openai import OpenAI
from anthropic import Anthropic

from .config import settings


@dataclass
class LLMConfig:
    model: str = "gpt-4o-mini"
    max_tokens: int = 512


def _client():
    return OpenAI(base_url=os.getenv("OPENAI_BASE_URL"))


def _anthropic():
    return Anthropic()


class BaseAgent:
    name = "base"
    model = "gpt-4.1"

    def __init__(self, client=None):
        self.client = client or _client()

    def run(self, task: str) -> str:
        res = self.client.chat.completions.create(
            model=self.model,
            messages=[{"role": "system", "content": f"You are the {self.name} agent."}, {"role": "user", "content": task}],
        )
        return res.choices[0].message.content


class Planner(BaseAgent):
    name = "planner"

    def plan(self, goal: str) -> list[str]:
        res = self.client.chat.completions.create(
            model=self.model,
            response_format={"type": "json_object"},
            messages=[{"role": "user", "content": "Return a JSON list of steps to achieve: " + goal}],
        )
        return json.loads(res.choices[0].message.content)


def with_settings(q: str):
    return _client().chat.completions.create(model=settings.llm_model, messages=[{"role": "user", "content": q}])


def with_dataclass(q: str, cfg: LLMConfig):
    return _client().chat.completions.create(model=cfg.model, max_tokens=cfg.max_tokens, messages=[{"role": "user", "content": q}])


def conversation(history: list, user_input: str):
    messages = [{"role": "system", "content": "You are a patient math tutor."}]
    messages.extend(history)
    messages.append({"role": "user", "content": user_input})
    return _client().chat.completions.create(model="gpt-4o", messages=messages)


def tool_loop(q: str, tools: list):
    for _ in range(5):
        res = _anthropic().messages.create(
            model="claude-3-5-sonnet-latest",
            max_tokens=1000,
            tools=tools,
            messages=[{"role": "user", "content": q}],
        )
        if res.stop_reason != "tool_use":
            return res


def json_mode(text: str):
    payload = json.dumps({"text": text})
    return _client().chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "system", "content": "Extract names as JSON."}, {"role": "user", "content": payload}],
        response_format={"type": "json_object"},
    )


def few_shot(word: str):
    return _client().chat.completions.create(
        model="gpt-4o-mini",
        messages=[
            {"role": "system", "content": "Give the opposite of the word."},
            {"role": "user", "content": "hot"},
            {"role": "assistant", "content": "cold"},
            {"role": "user", "content": word},
        ],
    )


def formatted(name: str):
    template = "Write a warm welcome email for {name}, a new customer."
    return _client().chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": template.format(name=name)}])


def joined(rules: list[str], q: str):
    system = "\n".join(["You are a compliance checker.", "Cite the rule you apply."])
    return _client().chat.completions.create(model="o4-mini", messages=[{"role": "system", "content": system}, {"role": "user", "content": q}])


def concatenated(q: str):
    prompt = "Answer the question. "
    prompt = prompt + "Be brief. "
    prompt = prompt + "Question: " + q
    return _client().chat.completions.create(model="gpt-4.1-nano", messages=[{"role": "user", "content": prompt}])


def responses_api(q: str):
    return _client().responses.create(model="o3", input=[{"role": "user", "content": q}], reasoning={"effort": "low"})


def ternary(q: str, premium: bool):
    model = "gpt-4.1" if premium else "gpt-4.1-mini"
    return _client().chat.completions.create(model=model, messages=[{"role": "user", "content": q}])
