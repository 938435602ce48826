"""Prompt constants imported by the agents package."""
from textwrap import dedent

RESEARCH_SYSTEM_PROMPT = """You are a research assistant. You read sources carefully,
cite them, and never invent facts. Answer in the user's language."""

PLANNER_PROMPT = dedent(
    """
    Break the task into at most five steps.
    Each step must be a single action that a tool can perform.
    Task: {task}
    """
)

CRITIC_INSTRUCTIONS = (
    "Review the draft below for factual errors and unclear sentences. "
    "List each problem on its own line, then give an overall score from 1 to 10."
)

SUMMARY_PROMPT_TEMPLATE = "Summarize the conversation so far in no more than {max_words} words, keeping names and dates."

ROUTER_SYSTEM_PROMPT = "\n".join(
    [
        "You route customer questions to the right team.",
        "Reply with exactly one of: billing, technical, sales.",
    ]
)


def build_user_prompt(question: str, context: str) -> str:
    user_prompt = f"Answer the question using only the context provided.\nContext: {context}\nQuestion: {question}"
    return user_prompt


AGENT_CONFIG = {
    "system_prompt": "You are a friendly onboarding guide for new employees of a logistics company.",
    "prompt_version": "2024-10",
    "temperature": 0.3,
}
PROMPT_NAMES = ["research", "planner", "critic"]
