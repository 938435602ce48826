import os
from typing import Any

from langchain_openai import ChatOpenAI
from langchain_core.messages import HumanMessage, SystemMessage
from openai import AsyncOpenAI
import litellm

SMART_LLM = os.getenv("SMART_LLM", "gpt-4.1")
FAST_LLM = os.getenv("FAST_LLM", "gpt-4o-mini")
REPORT_PROMPT_MAX_WORDS = 1200
PROMPT_FAMILY = "default"
PROMPT_KEYS = ("report", "outline")
DEFAULT_SYSTEM_ROLE = "system"

GENERATE_SEARCH_QUERIES_PROMPT = (
    "Write {max_iterations} google search queries to search online that form an objective opinion "
    "from the following task: {task}. Respond with a list of strings."
)

AUTO_AGENT_INSTRUCTIONS = """This task involves researching a given topic, regardless of its complexity.
The research is conducted by a specific agent, defined by its type and role."""


class LLMProvider:
    def __init__(self, model: str = "gpt-4o", temperature: float = 0.4, **kwargs: Any):
        self.llm = ChatOpenAI(model=model, temperature=temperature, **kwargs)

    async def get_chat_response(self, messages, stream: bool = False, **kwargs):
        return await self.llm.ainvoke(messages, **kwargs)


async def get_client() -> AsyncOpenAI:
    return AsyncOpenAI()


async def write_outline(task: str, context: str):
    client = await get_client()
    return await client.chat.completions.create(
        model=SMART_LLM,
        messages=[
            {"role": "system", "content": "You are an expert research outliner."},
            {"role": "user", "content": f"Context:\n{context}\n\nWrite an outline for: {task}"},
        ],
        max_tokens=int(os.getenv("SMART_TOKEN_LIMIT", "2000")),
    )


async def choose_agent(query: str):
    response = await (await get_client()).chat.completions.create(
        model=FAST_LLM,
        messages=[{"role": "system", "content": AUTO_AGENT_INSTRUCTIONS}, {"role": "user", "content": f"task: {query}"}],
        temperature=0,
    )
    return response.choices[0].message.content


def grade(prompt: str):
    grader = ChatOpenAI(model="gpt-4.1-mini", temperature=0)
    return grader.invoke([{"role": "user", "content": prompt}]).content


def judge(answer: str):
    judge_llm = ChatOpenAI(model="o3-mini")
    return judge_llm.invoke([SystemMessage(content="You judge answers strictly."), HumanMessage(content=answer)])


async def lite_call(messages: list, model: str):
    return await litellm.acompletion(model=model, messages=messages)


async def lite_default(q: str):
    return await litellm.acompletion(model="gemini/gemini-2.0-flash", messages=[{"role": "user", "content": "Answer: " + q}], max_tokens=300)


def lite_forward(request: dict):
    return litellm.completion(**request)


def retriever_calls(retriever, tool, q: str):
    docs = retriever.invoke(q)
    out = tool.invoke({"q": q})
    return docs, out


def config_dict():
    return {"prompt_family": "granite", "system_prompt_override": None, "prompt": 42}


class CustomPrompt:
    prompt_name = "custom"
    prompt_tokens = 0

    def __init__(self):
        self.system_prompt_enabled = True
