"""Summarises a long email thread before it is attached to an escalation."""
import anthropic
from langchain_core.prompts import ChatPromptTemplate

client = anthropic.Anthropic()


def summarize_thread(thread: str) -> str:
    system = """
        You summarise customer email threads for the escalation team.
        Keep every date, amount and promise made by either side.
        Write at most eight bullet points.


        Never include the customer's personal details.
        """
    message = client.messages.create(
        model="claude-opus-4-1",
        max_tokens=700,
        system=system,
        messages=[{"role": "user", "content": f"Thread:\n{thread}"}],
    )
    return message.content[0].text


escalation_prompt = ChatPromptTemplate.from_messages(
    [
        ("system", "You decide whether a support ticket needs escalation. Answer yes or no, then one sentence why."),
        ("human", "Ticket: {ticket}\nCustomer plan: {plan}"),
    ]
)
