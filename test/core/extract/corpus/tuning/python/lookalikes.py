"""Names and calls that look like prompts or LLM calls and are not."""
import getpass
import logging
import os
import subprocess

import click
import readline
from prompt_toolkit import PromptSession
from twilio.rest import Client as Twilio
from slack_sdk import WebClient

PROMPT_TOKEN_COUNT = "__computed__"
PROMPT_CACHE_DIR = os.path.expanduser("~/.cache/prompts")
PROMPT_FILE = "prompts/system.txt"
PROMPT = ">>> "
PS1_PROMPT = "\\u@\\h:\\w$ "
SYSTEM_NAME = "linux"
SYSTEM = "darwin"
FILE_SYSTEM = "ext4"
MAX_PROMPT_TOKENS = 4096
PROMPT_VERSION = "v2"
prompt_color = "ansiblue"
DEFAULT_PROMPT_KEY = "default"
INSTRUCTIONS_URL = "https://example.com/docs/setup-instructions"
INSTRUCTION_SET = "x86_64"
SYSTEM_PROMPT_PATH = "config/system_prompt.md"
PROMPT_TEMPLATE_NAME = "qa_default"
PROMPTFLOW_MODULE = "promptflow.connections"
CONNECTION_SETTINGS = {"promptflow.connection.module": "promptflow.connections", "promptflow.connection.type": "AzureOpenAI"}
COLUMNS = {"prompt_id": "INTEGER", "prompt_text": "TEXT", "system_prompt": "TEXT"}
ERRORS = {"prompt_missing": "E001", "instructions_invalid": "E002"}
session = PromptSession(message="> ")
twilio = Twilio()
slack = WebClient()
log = logging.getLogger(__name__)


def cli_questions():
    name = input("Enter your name: ")
    password = getpass.getpass(prompt="Password: ")
    answer = click.prompt("Continue?", default="y")
    prompt = "Select an option [1-3]: "
    choice = input(prompt)
    return name, password, answer, choice


def notify(to: str):
    twilio.messages.create(body="Your code is 1234", to=to, from_="+15005550006")
    slack.chat_postMessage(channel="#ops", text="Deploy finished")


def orm(session_db, thread_id: int, text: str):
    session_db.messages.create(thread_id=thread_id, body=text)
    return session_db.completions.create(user_id=3, status="done")


def shell_completion(ctx, incomplete: str):
    return completion(ctx, incomplete)


def completion(ctx, incomplete):
    return [c for c in ("start", "stop") if c.startswith(incomplete)]


def runnables(retriever, tool, graph, agent, q: str):
    docs = retriever.invoke(q)
    result = tool.invoke({"query": q})
    state = graph.invoke({"messages": [("user", q)]})
    out = agent.invoke({"input": q})
    return docs, result, state, out


def lambdas(fn, payload):
    import boto3
    client = boto3.client("lambda")
    return client.invoke(FunctionName="resize", Payload=payload)


class Shell:
    prompt = "(pdb) "
    intro = "Welcome to the shell. Type help or ? to list commands."

    def __init__(self):
        self.prompt_style = "bold"
        self.system_info = {"os": "linux", "arch": "arm64"}


def subprocess_prompts():
    subprocess.run(["git", "commit", "-m", "update prompts"], check=True)
    log.info("prompt saved to %s", PROMPT_FILE)


def dict_config():
    return {
        "prompt": {"type": "string", "maxLength": 2000},
        "system_prompt_id": 12,
        "instructions": None,
        "prompt_tokens": 120,
    }


def usage(resp):
    prompt_tokens = resp.usage.prompt_tokens
    system_fingerprint = resp.system_fingerprint
    return prompt_tokens, system_fingerprint


def messages_api(mailbox, q):
    mailbox.messages.create(subject="Weekly report", recipients=["a@b.c"])
    mailbox.responses.create(survey_id=4, answers=[1, 2])
    return q


def streams(kafka, q):
    kafka.stream("events")
    return q


def model_fields():
    model = "resnet50"
    model_name = "bert-base-uncased"
    return model, model_name


SYSTEM_PROMPT_MAX_LENGTH = 10000
USER_PROMPT_LABEL = "Ask anything"
prompt_placeholder = "Type your message here..."
