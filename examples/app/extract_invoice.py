"""Pulls structured fields out of invoices that customers attach to billing tickets."""
import json

from openai import OpenAI

client = OpenAI()


def extract_invoice(invoice_text: str) -> dict:
    prompt = f"""Extract the invoice fields from the text below and answer with JSON only, shaped like this example:

{{
    "invoice_number": "INV-2041",
    "issued_on": "2026-03-02",
    "customer": {{
        "name": "Ada Lovelace",
        "email": "ada.lovelace@analytical-engines.co.uk"
    }},
    "currency": "EUR",
    "total": 129.0,
    "lines": [
        {{
            "description": "Helpdesk Pro, March",
            "quantity": 1,
            "amount": 129.0
        }}
    ]
}}

Invoice text:
{invoice_text}
"""
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
        response_format={"type": "json_object"},
        max_tokens=300,
    )
    return json.loads(response.choices[0].message.content)
