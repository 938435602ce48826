import asyncio
import os

import litellm
from litellm import acompletion, completion, Router
from langchain_anthropic import ChatAnthropic
from langchain_core.messages import HumanMessage, SystemMessage
from langchain_core.prompts import ChatPromptTemplate, PromptTemplate
from langchain.chat_models import init_chat_model
from langchain_openai import AzureChatOpenAI, ChatOpenAI

LLM_MODEL = os.getenv("LLM_MODEL", "gpt-4o-mini")


def lite(question: str):
    return completion(model="gpt-4o", messages=[{"role": "user", "content": question}])


def lite_env(question: str):
    return litellm.completion(
        model=LLM_MODEL,
        messages=[{"role": "system", "content": "You are a SQL expert."}, {"role": "user", "content": question}],
        max_tokens=500,
    )


async def lite_async(question: str):
    return await acompletion(model="anthropic/claude-3-5-sonnet-20241022", messages=[{"role": "user", "content": question}])


async def lite_provider(question: str):
    return await litellm.acompletion(model="groq/llama-3.1-8b-instant", messages=[{"content": "Be brief. " + question, "role": "user"}])


router = Router(model_list=[])


async def routed(q: str):
    return await router.acompletion(model="gpt-4o", messages=[{"role": "user", "content": q}])


def lite_kwargs(**kwargs):
    return litellm.completion(**kwargs)


llm = ChatOpenAI(model="gpt-4o", temperature=0)
fast_llm = ChatOpenAI(model_name="gpt-4o-mini", max_tokens=256)
claude_llm = ChatAnthropic(model="claude-3-5-haiku-latest")
azure_llm = AzureChatOpenAI(azure_deployment="gpt-4o-mini", api_version="2024-06-01")
generic = init_chat_model("gpt-4.1", model_provider="openai")


def joke(topic: str):
    return llm.invoke(f"Tell me a joke about {topic}")


def chat_messages(question: str):
    return fast_llm.invoke([SystemMessage(content="You are a helpful librarian."), HumanMessage(content=question)])


def tuple_messages(question: str):
    return claude_llm.invoke([("system", "Answer in Spanish."), ("human", question)])


def dict_messages(question: str):
    return azure_llm.invoke([{"role": "user", "content": question}])


async def streamed(question: str):
    async for chunk in generic.astream("Write a limerick about " + question):
        print(chunk.content)


def inline_model(question: str):
    return ChatOpenAI(model="gpt-4.1-mini").invoke("Rephrase: " + question)


class Grader:
    def __init__(self):
        self.grader_model = ChatOpenAI(model="o3-mini")

    def grade(self, answer: str):
        return self.grader_model.invoke([{"role": "user", "content": f"Grade this answer from 1 to 5: {answer}"}])


def structured(question: str):
    return llm.with_structured_output(dict).invoke("Extract the entities from: " + question)


template = ChatPromptTemplate.from_messages(
    [("system", "You are a world class technical writer."), ("user", "{input}")]
)
summary_template = PromptTemplate.from_template("Summarize the following text in {n} words:\n{text}")
QA_PROMPT = PromptTemplate(template="Use the context to answer.\nContext: {context}\nQuestion: {question}", input_variables=["context", "question"])
chain = template | llm


def run_chain(q: str):
    return chain.invoke({"input": q})


def run_param_llm(chat_model, q: str):
    return chat_model.invoke(q)
