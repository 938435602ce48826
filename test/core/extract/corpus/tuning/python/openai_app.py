"""Support assistant service: several ways of reaching the OpenAI client."""
import os
from functools import lru_cache

from openai import AsyncOpenAI, AzureOpenAI, OpenAI

DEFAULT_MODEL = "gpt-4o-mini"
CHAT_MODEL = os.getenv("CHAT_MODEL", "gpt-4o")
SUMMARY_MODEL = os.environ.get("SUMMARY_MODEL", "gpt-4.1-mini")
FAST_MODEL = os.environ.get("FAST_MODEL") or "gpt-4.1-nano"
SETTINGS = {"model": "gpt-4.1", "max_tokens": 800}
client = OpenAI()


@lru_cache
def get_client() -> OpenAI:
    return OpenAI(api_key=os.environ["OPENAI_API_KEY"])


async def get_async_client() -> AsyncOpenAI:
    return AsyncOpenAI()


def classify(ticket: str) -> str:
    response = get_client().chat.completions.create(
        model=CHAT_MODEL,
        messages=[
            {"role": "system", "content": "Classify the ticket as billing, bug or question."},
            {"role": "user", "content": ticket},
        ],
        max_tokens=5,
    )
    return response.choices[0].message.content


def summarize(text: str, n: int) -> str:
    return client.chat.completions.create(
        model=SUMMARY_MODEL,
        max_tokens=n,
        messages=[{"role": "user", "content": f"Summarize in three bullets:\n{text}"}],
    ).choices[0].message.content


async def answer(question: str) -> str:
    c = await get_async_client()
    r = await c.chat.completions.create(model=DEFAULT_MODEL, messages=[{"role": "user", "content": question}])
    return r.choices[0].message.content


async def answer_inline(question: str) -> str:
    r = await (await get_async_client()).chat.completions.create(
        model=FAST_MODEL, messages=[{"role": "user", "content": "Answer briefly: " + question}]
    )
    return r.choices[0].message.content


def translate(text: str, model: str = "gpt-4o-mini") -> str:
    return client.chat.completions.create(
        model=model,
        messages=[{"role": "system", "content": "Translate the user's text into French."}, {"role": "user", "content": text}],
    ).choices[0].message.content


def configured(text: str) -> str:
    return client.chat.completions.create(
        model=SETTINGS["model"],
        max_tokens=SETTINGS["max_tokens"],
        messages=[{"role": "user", "content": f"Rewrite politely: {text}"}],
    )


def from_caller(text: str, model: str) -> str:
    return client.chat.completions.create(model=model, messages=[{"role": "user", "content": text}])


def from_env_only(text: str) -> str:
    return client.chat.completions.create(model=os.environ["MODEL"], messages=[{"role": "user", "content": text}])


def passthrough(**kwargs):
    return client.chat.completions.create(**kwargs)


def passthrough_params(params: dict):
    return client.chat.completions.create(**params)


class Assistant:
    system_prompt = "You are a concise support agent for Acme routers."

    def __init__(self, model: str | None = None):
        self.client = OpenAI()
        self.model = "gpt-4o"
        self.temperature = 0.2

    def reply(self, history: list[dict]) -> str:
        completion = self.client.chat.completions.create(
            model=self.model,
            temperature=self.temperature,
            messages=[{"role": "system", "content": self.system_prompt}, *history],
        )
        return completion.choices[0].message.content

    def title(self, first_message: str) -> str:
        return self.client.chat.completions.create(
            model=self.model,
            messages=[{"role": "user", "content": f"Give a five word title for: {first_message}"}],
            max_completion_tokens=20,
        ).choices[0].message.content

    def structured(self, text: str):
        return self.client.beta.chat.completions.parse(
            model="gpt-4o-2024-08-06",
            messages=[{"role": "user", "content": f"Extract the invoice fields from: {text}"}],
            response_format=dict,
        )

    def respond(self, text: str):
        return self.client.responses.create(model="gpt-4.1", instructions="Reply as a pirate.", input=text)


azure = AzureOpenAI(api_version="2024-02-01", azure_endpoint=os.environ["AZURE_OPENAI_ENDPOINT"])
DEPLOYMENT = os.getenv("AZURE_OPENAI_DEPLOYMENT", "gpt-35-turbo-1106")


def azure_chat(q: str) -> str:
    return azure.chat.completions.create(
        model=DEPLOYMENT,
        messages=[{"role": "system", "content": "You are an HR policy assistant."}, {"role": "user", "content": q}],
    ).choices[0].message.content


def azure_literal(q: str) -> str:
    return azure.chat.completions.create(model="gpt-4", messages=[{"role": "user", "content": q}], max_tokens=400)


def legacy(prompt_text: str):
    import openai
    return openai.ChatCompletion.create(model="gpt-3.5-turbo", messages=[{"role": "user", "content": prompt_text}])


def stream_story(topic: str):
    stream = client.chat.completions.create(
        model="gpt-4o-mini",
        stream=True,
        messages=[{"role": "user", "content": f"Tell a short story about {topic}."}],
    )
    for chunk in stream:
        yield chunk


def vision(url: str):
    return client.chat.completions.create(
        model="gpt-4o",
        messages=[{"role": "user", "content": [{"type": "text", "text": "What is in this image?"}, {"type": "image_url", "image_url": {"url": url}}]}],
    )


def builder(question: str, docs: list[str]):
    prompt = "You answer questions using the documents below.\n"
    prompt += "Documents:\n"
    for doc in docs:
        prompt += f"- {doc}\n"
    prompt += f"Question: {question}"
    return client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": prompt}])


def clients_by_name(name: str, text: str):
    clients = {"main": client}
    return clients[name].chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": text}])
