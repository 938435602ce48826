"""An LLM service module: the calls are real, these names are not prompts."""
import os
import time

from openai import OpenAI

client = OpenAI()
PROMPT_TOKEN_COUNT = "__computed__"
PROMPT_CACHE_KEY = "prompt-cache-v3"
SYSTEM_PROMPT_FILE = "system.md"
DEFAULT_PROMPT_ID = "pmpt_68a9"
PROMPT_LOG_FORMAT = "%(asctime)s %(message)s"
MODEL_PROMPT_COST = 0.0025
PROMPT_SEPARATOR = "\n\n"
prompt_registry = {}
SYSTEM_ROLE = "system"
INSTRUCTION_MODE = "strict"
PROMPT_DIR = os.path.join(os.path.dirname(__file__), "prompts")
prompt_templates_path = "templates/prompts"
EVAL_PROMPTS_SHEET = "evals.csv"


def usage_tokens(resp):
    stats = {"prompt_tokens": resp.usage.prompt_tokens, "completion_tokens": resp.usage.completion_tokens}
    return stats


def timing():
    started = time.time()
    prompt_ms = (time.time() - started) * 1000
    return prompt_ms


def load_prompt(name: str) -> str:
    with open(os.path.join(PROMPT_DIR, name + ".txt")) as f:
        prompt = f.read()
    return prompt


def ask(question: str):
    system_prompt = load_prompt("system")
    return client.chat.completions.create(
        model="gpt-4o",
        messages=[{"role": "system", "content": system_prompt}, {"role": "user", "content": question}],
    )


def record(db, prompt_id: int, text: str):
    db.execute("INSERT INTO prompts (id, text) VALUES (?, ?)", (prompt_id, text))
    prompt_key = f"prompt:{prompt_id}"
    return prompt_key


def headers():
    return {"X-Prompt-Version": "3", "X-System": "api"}
