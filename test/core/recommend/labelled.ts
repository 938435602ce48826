// Prompts as real applications write them, each labelled with the task it asks for. The classifier is measured
// against this set; it is not tuned to individual entries.
import type { CallSiteFacts, TaskClass } from '../../../core/recommend';

export interface LabelledPrompt {
  label: TaskClass;
  app: string;
  prompt: string;
  callSite?: CallSiteFacts;
}

export const labelledPrompts: LabelledPrompt[] = [
  // ── classification ─────────────────────────────────────────────────────────────────────────────────────────────
  {
    label: 'classification',
    app: 'support triage',
    prompt: `You are the triage assistant for Helpdesk Pro. Read the customer ticket below and assign exactly one category.

Categories:
- billing
- bug_report
- feature_request
- account_access
- other

Ticket subject: {subject}
Ticket body: {body}

Respond with the category name only, nothing else.`,
    callSite: { maxTokens: 10 },
  },
  {
    label: 'classification',
    app: 'review sentiment',
    prompt: `Determine the sentiment of this product review from our storefront. Reply with one of: positive, negative, neutral, mixed.

Review: """{review_text}"""`,
    callSite: { maxTokens: 5 },
  },
  {
    label: 'classification',
    app: 'content moderation',
    prompt: `You moderate comments on a community forum for parents. Decide whether the comment violates the policy.
Policy: no harassment, no hate speech, no spam or advertising, no sharing of personal contact details.

Comment: {comment}

Answer "ALLOW" or "REMOVE", followed by the violated rule if you answer REMOVE.`,
    callSite: { maxTokens: 20 },
  },
  {
    label: 'classification',
    app: 'email routing',
    prompt: `Which department should handle this incoming email? The options are Sales, Support, Legal, HR, Finance.
If it is unclear, choose Support.

From: {sender}
Subject: {subject}
{body}

Output just the department.`,
  },
  {
    label: 'classification',
    app: 'intent detection in a banking chatbot',
    prompt: `Identify the user's intent. Possible intents: check_balance, transfer_money, report_lost_card, dispute_transaction, open_account, talk_to_human, unknown.
Return JSON: {"intent": "<one of the intents>", "confidence": <0-1>}

User message: {message}`,
    callSite: { jsonMode: true, maxTokens: 40 },
  },
  {
    label: 'classification',
    app: 'lead scoring',
    prompt: `Rate this inbound sales lead as HOT, WARM or COLD based on the company size, budget signals and urgency in the form answers below. Only output the rating.

Company: {company}
Employees: {employees}
Message: {message}`,
  },
  {
    label: 'classification',
    app: 'spam filter for a job board',
    prompt: `Is the following job posting a scam? Typical scam signs: upfront fees, requests for bank details, unrealistic pay, vague company information.
Posting:
{posting}

Answer yes or no.`,
    callSite: { maxTokens: 3 },
  },

  // ── extraction ─────────────────────────────────────────────────────────────────────────────────────────────────
  {
    label: 'extraction',
    app: 'invoice processing',
    prompt: `Extract the following fields from the invoice text and return them as JSON:
- invoice_number
- invoice_date (YYYY-MM-DD)
- vendor_name
- vendor_vat_id
- total_amount (number)
- currency (ISO 4217)
- line_items: array of {description, quantity, unit_price}

If a field is not present in the invoice, use null. Do not guess.

Invoice text:
{ocr_text}`,
    callSite: { jsonMode: true },
  },
  {
    label: 'extraction',
    app: 'resume parsing',
    prompt: `From the résumé below, pull out the candidate's name, email, phone number, current job title, years of experience and a list of programming languages they mention. Respond in JSON with the keys name, email, phone, title, years_experience, languages.

Résumé:
{resume}`,
    callSite: { jsonMode: true },
  },
  {
    label: 'extraction',
    app: 'clinical notes',
    prompt: `List every medication mentioned in the discharge note, with dose, route and frequency exactly as written. One medication per line in the form: name | dose | route | frequency. Use "unknown" for anything not stated.

Discharge note:
{note}`,
  },
  {
    label: 'extraction',
    app: 'contract review',
    prompt: `Find the key terms in this supplier agreement: the parties, effective date, termination notice period, governing law, liability cap, and auto-renewal clause (yes/no). Quote the sentence each value comes from.

Agreement:
{contract_text}`,
  },
  {
    label: 'extraction',
    app: 'order email parsing',
    prompt: `The text below is an order confirmation email forwarded by a customer. Identify the order number, order date, shipping address, and each item with its SKU and quantity.
Return {"order_number": string, "order_date": string, "shipping_address": string, "items": [{"sku": string, "quantity": number}]}.

Email:
{email_body}`,
    callSite: { jsonMode: true },
  },
  {
    label: 'extraction',
    app: 'news entity extraction',
    prompt: `Extract all named entities (people, organisations, locations) from the article below. Group them by type and list each entity once.

Article:
{article}`,
  },
  {
    label: 'extraction',
    app: 'meeting scheduler',
    prompt: `Read the message and get the proposed meeting details: date, start time, duration in minutes, time zone and the attendees' email addresses. If the message proposes several options, return all of them as a list.

Message: {message}`,
    callSite: { jsonMode: true, maxTokens: 300 },
  },

  // ── formatting ─────────────────────────────────────────────────────────────────────────────────────────────────
  {
    label: 'formatting',
    app: 'data cleanup',
    prompt: `Convert the following CSV rows into a JSON array of objects. Use the header row for the keys, convert numeric columns to numbers, and keep empty cells as null. Output only the JSON.

{csv_rows}`,
  },
  {
    label: 'formatting',
    app: 'changelog tooling',
    prompt: `Reformat this plain-text list of changes as a Markdown table with the columns Area, Change, Ticket. Do not change the wording of any change. Keep the original order.

{changes}`,
  },
  {
    label: 'formatting',
    app: 'address normalisation',
    prompt: `Normalize each postal address below to the USPS format: uppercase, standard street suffix abbreviations (ST, AVE, BLVD), and the ZIP+4 if it is given. One address per line, same order as the input, no commentary.

{addresses}`,
  },
  {
    label: 'formatting',
    app: 'CMS import',
    prompt: `Turn the following product description into clean HTML for our CMS: wrap paragraphs in <p>, turn bullet lists into <ul><li>, bold the product name. Do not add, remove or reword any content.

{description}`,
  },
  {
    label: 'formatting',
    app: 'phone number cleanup',
    prompt: `Format every phone number in the list in E.164 format (for example +4930123456). Assume German numbers when no country code is given. Return one per line.

{phone_numbers}`,
    callSite: { maxTokens: 400 },
  },
  {
    label: 'formatting',
    app: 'config conversion',
    prompt: `Convert this YAML configuration to TOML. Preserve comments where TOML allows them and keep the key order. Output only the TOML document.

{yaml_config}`,
  },
  {
    label: 'formatting',
    app: 'citation styling',
    prompt: `Format these references in APA 7th edition style. Keep the list order, fix capitalisation of titles according to APA, and italicise journal names using *asterisks*.

References:
{references}`,
  },

  // ── summarisation ──────────────────────────────────────────────────────────────────────────────────────────────
  {
    label: 'summarisation',
    app: 'support conversation handoff',
    prompt: `Summarize the conversation between the customer and the support bot in 3 bullet points for the human agent who takes over. Include what the customer wants and what has already been tried.

Conversation:
{history}`,
    callSite: { maxTokens: 200 },
  },
  {
    label: 'summarisation',
    app: 'meeting notes',
    prompt: `Here is the transcript of our weekly product sync. Write a short recap: the decisions made, open questions, and action items with owners. Keep it under 200 words.

Transcript:
{transcript}`,
  },
  {
    label: 'summarisation',
    app: 'research digest',
    prompt: `Give me a TL;DR of this paper for a busy engineering manager: what problem it addresses, the main result, and whether it matters for a team running recommendation models in production. Two short paragraphs.

{paper_text}`,
  },
  {
    label: 'summarisation',
    app: 'incident report digest',
    prompt: `Condense the incident timeline below into an executive summary of at most five sentences: impact, duration, root cause as stated by the on-call engineer, and current status.

Timeline:
{timeline}`,
  },
  {
    label: 'summarisation',
    app: 'app store review digest',
    prompt: `These are this week's App Store reviews for our iOS app. Summarise the main themes users mention, with a rough count for each theme, most frequent first.

Reviews:
{reviews}`,
  },
  {
    label: 'summarisation',
    app: 'legal brief overview',
    prompt: `Provide a brief overview of the key points in the following court opinion for a non-lawyer: who the parties were, what was decided, and what it means going forward. Avoid legal jargon.

Opinion:
{opinion}`,
  },
  {
    label: 'summarisation',
    app: 'pull request description',
    prompt: `Write a one-paragraph summary of what this diff changes, for the pull request description. Mention the files touched and the user-visible effect; do not describe every line.

{diff}`,
  },

  // ── translation ────────────────────────────────────────────────────────────────────────────────────────────────
  {
    label: 'translation',
    app: 'app localisation',
    prompt: `Translate the following UI strings from English into German. Keep placeholders like {count} and %s unchanged, keep the keys, and use the informal "du" form. Return the same JSON structure.

{strings_json}`,
    callSite: { jsonMode: true },
  },
  {
    label: 'translation',
    app: 'support reply localisation',
    prompt: `You are a professional translator. Translate the support agent's reply into {target_language}. Preserve the formatting and the product names, and keep the tone friendly.

Reply:
{reply}`,
  },
  {
    label: 'translation',
    app: 'e-commerce listings',
    prompt: `Traduisez la description de produit suivante en espagnol et en italien. Conservez les unités de mesure et le nom de la marque.

Description :
{description}`,
  },
  {
    label: 'translation',
    app: 'subtitle localisation',
    prompt: `Translate these SRT subtitles to Brazilian Portuguese. Keep the numbering and timestamps exactly as they are; only translate the dialogue lines, and keep each line under 42 characters.

{srt}`,
  },
  {
    label: 'translation',
    app: 'multilingual help center',
    prompt: `Localize this help-center article for Japanese customers. Translate it into Japanese, adapt the date format and currency examples to Japan, and keep the Markdown headings and links intact.

{article_markdown}`,
  },
  {
    label: 'translation',
    app: 'customer message understanding',
    prompt: `The customer wrote in a language our agents may not speak. Detect the source language and translate the message into English. Output: "Language: <name>" on the first line, then the English translation.

Message: {message}`,
  },

  // ── rewriting ──────────────────────────────────────────────────────────────────────────────────────────────────
  {
    label: 'rewriting',
    app: 'release notes',
    prompt: `Rewrite these raw commit messages as user-facing release notes. Group them under "New", "Improved" and "Fixed", drop internal refactors and CI changes, and write in plain language a customer would understand.

Commits:
{commits}`,
  },
  {
    label: 'rewriting',
    app: 'email assistant',
    prompt: `Make this email sound more professional and polite without changing its meaning. Keep it about the same length.

Draft:
{draft}`,
  },
  {
    label: 'rewriting',
    app: 'marketing copy',
    prompt: `Rephrase the product headline below in five different ways for an A/B test. Each variant under 60 characters, energetic tone, no exclamation marks.

Headline: {headline}`,
  },
  {
    label: 'rewriting',
    app: 'writing assistant',
    prompt: `Proofread the paragraph: fix grammar, spelling and punctuation, and improve clarity where a sentence is hard to follow. Return the corrected paragraph only.

{paragraph}`,
  },
  {
    label: 'rewriting',
    app: 'plain-language health information',
    prompt: `Simplify this patient information leaflet so that a 12-year-old could understand it. Use short sentences and everyday words, but keep every instruction and warning.

{leaflet}`,
  },
  {
    label: 'rewriting',
    app: 'job ad editor',
    prompt: `Edit this job description to use inclusive, gender-neutral language and remove jargon. Keep the structure (About us, Responsibilities, Requirements) and all the facts.

{job_description}`,
  },
  {
    label: 'rewriting',
    app: 'support macros',
    prompt: `Adjust the tone of the agent's reply: it currently sounds curt. Rewrite it to be warm and empathetic while keeping it concise and keeping the refund details exactly the same.

Reply: {reply}`,
  },

  // ── code generation ────────────────────────────────────────────────────────────────────────────────────────────
  {
    label: 'code-generation',
    app: 'analytics SQL assistant',
    prompt: `You write PostgreSQL queries for our analytics warehouse. Schema:
orders(id, customer_id, created_at, total_cents, status)
customers(id, email, country, created_at)

Write a SQL query that answers the user's question. Return only the SQL, no explanation.

Question: {question}`,
  },
  {
    label: 'code-generation',
    app: 'test generation',
    prompt: `Write Jest unit tests for the TypeScript function below. Cover the happy path, empty input, and invalid arguments. Use describe/it blocks and do not mock the function itself.

\`\`\`ts
{function_source}
\`\`\``,
  },
  {
    label: 'code-generation',
    app: 'regex helper',
    prompt: `Generate a JavaScript regular expression that matches the pattern the user describes, then show it inside a small function that returns true or false. Add one line of comment explaining the regex.

Description: {description}`,
  },
  {
    label: 'code-generation',
    app: 'internal scaffolding tool',
    prompt: `Implement a Python FastAPI endpoint for the resource described below: a Pydantic model, GET list with pagination, GET by id, POST create with validation, and a 404 when the id does not exist. Use type hints throughout.

Resource: {resource_spec}`,
    callSite: { maxTokens: 2500 },
  },
  {
    label: 'code-generation',
    app: 'code review bot',
    prompt: `Refactor the following function to remove the duplicated branches and make it easier to test. Keep the public signature. Return the full refactored code in a single code block.

\`\`\`python
{code}
\`\`\``,
  },
  {
    label: 'code-generation',
    app: 'DevOps assistant',
    prompt: `Create a GitHub Actions workflow that runs on pull requests, installs Node 20, caches npm, runs lint and tests, and uploads the coverage report as an artifact. Output only the YAML file.`,
  },
  {
    label: 'code-generation',
    app: 'ops scripting assistant',
    prompt: `Write a Bash script that finds all log files older than 14 days under /var/log/app, compresses them with gzip, and deletes compressed files older than 90 days. It must be safe to run from cron and print what it did.`,
  },

  // ── multi-step reasoning ───────────────────────────────────────────────────────────────────────────────────────
  {
    label: 'reasoning',
    app: 'insurance claims',
    prompt: `You assess travel insurance claims. Given the policy wording and the claim, decide whether the claim is covered. Work through it step by step: identify the relevant clauses, check each exclusion against the facts, consider the waiting periods, and only then give your conclusion with the reasoning that supports it.

Policy wording:
{policy}

Claim:
{claim}`,
  },
  {
    label: 'reasoning',
    app: 'tutoring',
    prompt: `A student submitted the solution below to a probability problem. Check the solution carefully: verify each step of the calculation, find the first step that is wrong if any, explain why it is wrong, and work out the correct answer.

Problem: {problem}
Student solution: {solution}`,
  },
  {
    label: 'reasoning',
    app: 'incident diagnosis',
    prompt: `You are a senior SRE. Given the alerts, metrics and log excerpts below, determine the most likely root cause of the outage. Consider alternative explanations, explain which evidence rules each of them out, and state how confident you are.

Alerts: {alerts}
Metrics: {metrics}
Logs: {logs}`,
  },
  {
    label: 'reasoning',
    app: 'pricing analysis',
    prompt: `Our SaaS has three plans. Using the usage data and churn figures below, analyse whether raising the Pro plan price by 15% would increase net revenue over 12 months. Show your calculations, state your assumptions, and weigh the trade-offs before giving a recommendation.

Data:
{data}`,
  },
  {
    label: 'reasoning',
    app: 'logic puzzle game',
    prompt: `Solve the puzzle. Five houses stand in a row, each a different colour, with owners of different nationalities who keep different pets. Use the clues to deduce who owns the fish. Reason through the constraints one at a time and check that your final assignment satisfies every clue.

Clues:
{clues}`,
  },
  {
    label: 'reasoning',
    app: 'compliance checker',
    prompt: `Evaluate whether the data flow described below complies with GDPR. For each processing step, identify the lawful basis, check whether data leaves the EU, and assess whether the retention period is justified. Think carefully about edge cases, then give an overall verdict with justification.

Data flow:
{description}`,
  },
  {
    label: 'reasoning',
    app: 'architecture review',
    prompt: `Compare the two database designs below for our multi-tenant billing system. Reason about consistency, query performance at 10x our current load, migration risk and operational cost. Explain which design you would choose and why, and what would make you change your mind.

Design A: {design_a}
Design B: {design_b}`,
  },

  // ── planning ───────────────────────────────────────────────────────────────────────────────────────────────────
  {
    label: 'planning',
    app: 'project management assistant',
    prompt: `Create a project plan for migrating our monolith's authentication to a separate service. Break the work into phases and tasks, give each task an estimate in days, list the dependencies between tasks, and identify the milestones where we can release safely.

Context: {context}`,
  },
  {
    label: 'planning',
    app: 'travel concierge',
    prompt: `Plan a 5-day itinerary in Lisbon for a family with two children aged 6 and 10, on a moderate budget. For each day give a morning, afternoon and evening activity, travel times between them, and a backup option for rainy weather.

Preferences: {preferences}`,
  },
  {
    label: 'planning',
    app: 'sprint planning',
    prompt: `Given the backlog items with their story points and the team's capacity, propose a sprint plan for the next two weeks. Prioritise by business value and risk, respect dependencies, and explain which items you are leaving out and why.

Backlog: {backlog}
Capacity: {capacity}`,
  },
  {
    label: 'planning',
    app: 'learning coach',
    prompt: `Design a 12-week study schedule for someone preparing for the AWS Solutions Architect Associate exam while working full-time. Allocate hours per week, sequence the topics so that prerequisites come first, and schedule practice exams and review weeks.

Background: {background}`,
  },
  {
    label: 'planning',
    app: 'event operations',
    prompt: `We are organising a 300-person developer conference in October. Draft the roadmap from now until the event: the workstreams (venue, speakers, sponsors, marketing, logistics), the deadlines for each, who should own them, and the risks to watch at each stage.`,
  },
  {
    label: 'planning',
    app: 'data migration runbook',
    prompt: `Outline a step-by-step migration strategy for moving 4 TB of customer data from MySQL 5.7 to PostgreSQL 16 with less than 10 minutes of downtime. Sequence the steps, include the verification at each stage and a rollback plan, and say which steps can run in parallel.

Current setup: {setup}`,
  },

  // ── agentic tool use ───────────────────────────────────────────────────────────────────────────────────────────
  {
    label: 'agentic',
    app: 'customer service agent',
    prompt: `You are Acme's customer service agent. You can look up orders, issue refunds and create return labels with the tools provided.
1. Use lookup_order to find the customer's order before answering anything about it.
2. If the customer asks for a refund and the order is less than 30 days old, call issue_refund; otherwise explain the policy.
3. Call create_return_label only after the customer confirms the items to return.
Never invent order details. When the request is resolved, summarise what you did.`,
    callSite: { usesTools: true },
  },
  {
    label: 'agentic',
    app: 'coding agent',
    prompt: `You are an autonomous coding agent working in the repository checked out at /workspace. You have tools to read files, search the codebase, edit files and run shell commands. Keep working until the failing test passes: reproduce the failure, find the cause, make the smallest fix, run the test suite again, and report what you changed.

Task: {issue_text}`,
    callSite: { usesTools: true },
  },
  {
    label: 'agentic',
    app: 'research assistant',
    prompt: `Answer the user's question using the web_search and fetch_page functions. Search first, open the most relevant pages, cross-check facts across at least two sources, and cite the URLs you used. If the first searches do not answer the question, refine the query and try again.

Question: {question}`,
    callSite: { usesTools: true },
  },
  {
    label: 'agentic',
    app: 'data analyst agent',
    prompt: `You have access to a run_sql tool connected to the read-only analytics replica, and a make_chart tool. Explore the tables you need, run queries to answer the question, check the results for anomalies, and finish with a chart and a short written answer.

Question: {question}`,
    callSite: { usesTools: true, maxTokens: 1500 },
  },
  {
    label: 'agentic',
    app: 'IT helpdesk automation',
    prompt: `Act as the IT helpdesk agent. Available actions: reset_password(user), unlock_account(user), create_ticket(summary, priority), check_device_status(device_id). Decide which actions to take for the employee's request, call them in the right order, and observe each result before deciding the next step. Escalate by creating a ticket if an action fails twice.

Request from {employee}: {request}`,
  },
  {
    label: 'agentic',
    app: 'calendar assistant',
    prompt: `Thought/Action/Observation loop. You manage the user's calendar through these tools: list_events, find_free_slots, create_event, send_invite.
Use them to schedule the meeting the user asks for. Do not create an event until you have checked everyone's free slots. Stop when the invites are sent.

User: {request}`,
    callSite: { usesTools: true },
  },
  {
    label: 'agentic',
    app: 'browser automation',
    prompt: `You control a headless browser through the click, type, navigate and screenshot tools. Log in to the supplier portal with the stored credentials, download every invoice from last month, and save them to the invoices folder. Take a screenshot after each page load to verify where you are before acting.`,
    callSite: { usesTools: true, hasImages: true },
  },

  // ── written after the features were fixed, to check that they generalise ───────────────────────────────────────
  {
    label: 'classification',
    app: 'bug tracker',
    prompt: `Given the bug report below, set its severity. Use S1 for data loss or outage, S2 for a broken core feature without workaround, S3 for a broken feature with a workaround, S4 for cosmetic issues. Reply with the severity code only.

Report: {report}`,
    callSite: { maxTokens: 4 },
  },
  {
    label: 'classification',
    app: 'insurance intake',
    prompt: `Tag the claim description with the line of business it belongs to: auto, home, travel, health or pet. If more than one could apply, pick the primary one.

Description: {claim_description}`,
  },
  {
    label: 'extraction',
    app: 'shipping documents',
    prompt: `You receive the OCR text of a packing slip. Capture the shipment id, carrier, tracking number, ship date, and the recipient's name and postcode. Output a JSON object; leave a value empty when the slip does not show it.

Packing slip:
{ocr_text}`,
    callSite: { jsonMode: true },
  },
  {
    label: 'extraction',
    app: 'real-estate listings',
    prompt: `From this property listing, return the number of bedrooms, number of bathrooms, living area in square metres, asking price, and whether parking is included. Answer with only those five values as key: value lines.

Listing: {listing_text}`,
  },
  {
    label: 'formatting',
    app: 'date cleanup',
    prompt: `Rewrite every date in the list below as ISO 8601 (YYYY-MM-DD). The input mixes formats like "3rd March 2024", "03/04/24" (day first) and "2024.3.5". One date per line, nothing else.

{dates}`,
  },
  {
    label: 'formatting',
    app: 'report export',
    prompt: `Lay out the sales figures below as a Markdown table with one row per region and columns for Q1 to Q4 and the yearly total. Right-align the numbers. Do not comment on the figures.

{figures}`,
  },
  {
    label: 'summarisation',
    app: 'customer call notes',
    prompt: `Below is a sales call transcript. Produce the CRM note: the customer's current tooling, pain points, budget and timeline they mentioned, and the agreed next step. Keep it to five bullet points.

{transcript}`,
  },
  {
    label: 'summarisation',
    app: 'Slack channel digest',
    prompt: `Read the last day of messages from the #platform channel and write a short digest for people who were away: what was discussed, what was decided, and anything that needs their attention.

Messages:
{messages}`,
  },
  {
    label: 'translation',
    app: 'legal documents',
    prompt: `Render the following clause in French, using the terminology of French contract law. The output must be a faithful translation suitable for a bilingual contract; do not summarise or explain.

Clause: {clause}`,
  },
  {
    label: 'translation',
    app: 'game dialogue',
    prompt: `Convert these English dialogue lines to Korean for our mobile RPG. Characters speak casually except the king, who uses formal speech. Keep the speaker tags and line ids.

{dialogue}`,
  },
  {
    label: 'rewriting',
    app: 'LinkedIn post helper',
    prompt: `Here is a draft post announcing our Series A. Tighten it: cut filler, vary the sentence length, and make the opening line more engaging. It should stay in the first person and keep all the numbers.

Draft: {draft}`,
  },
  {
    label: 'rewriting',
    app: 'documentation team',
    prompt: `Turn this internal engineering note into a customer-facing knowledge-base paragraph. Remove internal names and ticket numbers, explain abbreviations, and keep the steps in the same order.

Note: {note}`,
  },
  {
    label: 'code-generation',
    app: 'data team assistant',
    prompt: `Using pandas, load the two CSV files, join them on customer_id, compute the monthly revenue per country, and plot it as a line chart with matplotlib. Return a complete runnable script.`,
  },
  {
    label: 'code-generation',
    app: 'infrastructure assistant',
    prompt: `Produce the Terraform for an S3 bucket with versioning, server-side encryption with a customer-managed KMS key, a lifecycle rule that moves objects to Glacier after 90 days, and public access blocked.`,
  },
  {
    label: 'reasoning',
    app: 'fraud review',
    prompt: `Look at the transaction history and the flagged transaction. Is this likely fraud? Go through the signals one by one — location, amount compared with the customer's usual spending, merchant category, time of day, device — say what each suggests, and then reach an overall judgement with a probability.

History: {history}
Flagged: {transaction}`,
  },
  {
    label: 'reasoning',
    app: 'supply chain',
    prompt: `We have three warehouses and five stores with the demands and shipping costs below. Work out the cheapest way to meet every store's demand without exceeding warehouse stock, and explain why no cheaper allocation exists.

{table}`,
  },
  {
    label: 'planning',
    app: 'product launch',
    prompt: `Lay out how we should launch the new mobile app in three countries over the next quarter: what happens in which week, which team is responsible, what must be ready before each step, and what we do if app-store review is delayed.

Context: {context}`,
  },
  {
    label: 'planning',
    app: 'fitness coaching',
    prompt: `Put together an 8-week training programme for a beginner who wants to run a 10k. Three sessions a week, increasing load gradually, with a rest week in week 5 and a taper before race day.`,
  },
  {
    label: 'agentic',
    app: 'order operations',
    prompt: `You're an operations assistant with the ability to query the order database (query_orders), update shipping addresses (update_address) and notify customers (send_email). Handle the ops request below end to end, checking the outcome of each operation before moving on.

Request: {request}`,
    callSite: { usesTools: true },
  },
  {
    label: 'agentic',
    app: 'sales assistant',
    prompt: `Use the CRM functions to find every open opportunity for the account, update the stage of the ones the user mentions, and log a call note. Confirm each change back to the user.

User: {message}`,
    callSite: { usesTools: true },
  },

  // ── a second batch written after the features were revised, again without changing them afterwards ──────────────
  {
    label: 'classification',
    app: 'support quality assurance',
    prompt: `Did the agent in this chat resolve the customer's issue? Possible outcomes: resolved, partially_resolved, unresolved, escalated. Output the outcome and nothing else.

Chat:
{chat}`,
    callSite: { maxTokens: 8 },
  },
  {
    label: 'classification',
    app: 'document management',
    prompt: `What type of document is this? It will be one of: invoice, purchase_order, delivery_note, credit_note, contract, correspondence.

First page text:
{page_text}`,
  },
  {
    label: 'extraction',
    app: 'expense reports',
    prompt: `Read the receipt photo transcription and give me the merchant, date, total, tax amount and payment method. Use JSON. Missing values should be null.

{receipt_text}`,
    callSite: { jsonMode: true, maxTokens: 150 },
  },
  {
    label: 'extraction',
    app: 'job listings aggregator',
    prompt: `What are the salary range, location, remote policy and required years of experience in this job ad? Answer as JSON with keys salary_min, salary_max, currency, location, remote, years_required.

Job ad:
{job_ad}`,
    callSite: { jsonMode: true },
  },
  {
    label: 'formatting',
    app: 'bibliography tool',
    prompt: `Turn this list of links and titles into a bulleted Markdown list of links, in the form "- [Title](url)". Keep the order; do not add descriptions.

{links}`,
  },
  {
    label: 'formatting',
    app: 'SMS gateway',
    prompt: `Strip all HTML tags and entities from the message below and collapse repeated whitespace, so it can be sent as a plain-text SMS. Return the cleaned text only.

{html_message}`,
  },
  {
    label: 'summarisation',
    app: 'email client',
    prompt: `This is a long email thread. In a few sentences, tell me what the thread is about, where it stands now, and whether anyone is waiting for a reply from me ({user_name}).

Thread:
{thread}`,
  },
  {
    label: 'summarisation',
    app: 'earnings call analysis',
    prompt: `Boil down this earnings call transcript to the points an investor would care about: revenue and margin guidance, notable risks management mentioned, and any changes in strategy. Bullet points, no more than eight.

{transcript}`,
  },
  {
    label: 'translation',
    app: 'marketplace chat',
    prompt: `A buyer and a seller on our marketplace do not share a language. Put the seller's message into the buyer's language ({buyer_language}), keeping prices, sizes and product names exactly as they are.

Seller's message: {message}`,
  },
  {
    label: 'translation',
    app: 'medical device labels',
    prompt: `Provide the Italian and Polish versions of each warning label below. Regulatory wording matters: translate literally, do not shorten.

Labels:
{labels}`,
  },
  {
    label: 'rewriting',
    app: 'social media scheduler',
    prompt: `Adapt this blog post intro into a tweet of at most 280 characters and a LinkedIn version of about 80 words. Same message, different voice for each platform.

Intro: {intro}`,
  },
  {
    label: 'rewriting',
    app: 'apology letters',
    prompt: `The customer's order was lost. Here is what the agent wrote. Rewrite it so it takes responsibility, apologises sincerely without over-promising, and clearly states the replacement timeline already given.

Agent's message: {message}`,
  },
  {
    label: 'code-generation',
    app: 'database assistant',
    prompt: `Give me a MySQL migration that adds a nullable deleted_at column to the users and orders tables, an index on it, and the matching down migration.`,
  },
  {
    label: 'code-generation',
    app: 'frontend helper',
    prompt: `Build a React component in TypeScript that shows a paginated table of invoices fetched from /api/invoices, with loading and error states and a page size selector. Use hooks and no external table library.`,
  },
  {
    label: 'reasoning',
    app: 'contract risk review',
    prompt: `Read the indemnity clause and the limitation-of-liability clause together. Do they conflict? Explain how a court would likely read them together under English law, what exposure that leaves us with, and which ambiguities a counterparty could exploit.

Clauses:
{clauses}`,
  },
  {
    label: 'reasoning',
    app: 'capacity planning math',
    prompt: `Our API handles 1,200 requests per second at p99 latency of 180 ms on 12 pods. Traffic is expected to triple by December. Estimate how many pods we will need, taking into account that latency grows non-linearly above 70% CPU, and show how you got the number.

Metrics: {metrics}`,
  },
  {
    label: 'planning',
    app: 'onboarding coordinator',
    prompt: `Create a first-30-days onboarding programme for a new backend engineer joining the payments team: what they should learn each week, who they should meet, which small tasks to pick up, and the checkpoints with their manager.`,
  },
  {
    label: 'planning',
    app: 'wedding planner app',
    prompt: `Build a month-by-month checklist for a wedding 10 months from now with 120 guests: bookings, deadlines for invitations, tastings and fittings, and payment due dates, in the order they need to happen.`,
  },
  {
    label: 'agentic',
    app: 'github triage bot',
    prompt: `You can list issues, read an issue, add labels, and post comments using the provided functions. Go through all issues opened in the last 24 hours, label each one, ask for reproduction steps where they are missing, and close exact duplicates with a link to the original.`,
    callSite: { usesTools: true },
  },
  {
    label: 'agentic',
    app: 'cloud cost agent',
    prompt: `Investigate why yesterday's AWS bill jumped. Call get_cost_breakdown for the date range, then drill into the top services with describe_resources, compare against last week, and keep digging until you can name the resources responsible.`,
    callSite: { usesTools: true },
  },

  // ── a third batch, scored before any change to the features ─────────────────────────────────────────────────────
  {
    label: 'classification',
    app: 'churn signals',
    prompt: `Based on the customer's latest messages, is this customer at risk of cancelling? Respond with high, medium or low risk and nothing more.

Messages:
{messages}`,
    callSite: { maxTokens: 5 },
  },
  {
    label: 'classification',
    app: 'support language detection',
    prompt: `Detect the language of the ticket and return its ISO 639-1 code only (e.g. en, de, fr).

Ticket: {ticket}`,
    callSite: { maxTokens: 4 },
  },
  {
    label: 'extraction',
    app: 'KYC onboarding',
    prompt: `The following is the machine-readable zone and visual text of an identity document. Return the document type, issuing country, document number, surname, given names, date of birth and expiry date. Dates as YYYY-MM-DD. Set any value you cannot read to null.

{document_text}`,
    callSite: { jsonMode: true },
  },
  {
    label: 'extraction',
    app: 'call center analytics',
    prompt: `From the call transcript, note down every product the customer mentions and every competitor they compare us with. Give two lists: products, competitors. No commentary.

Transcript:
{transcript}`,
  },
  {
    label: 'formatting',
    app: 'spreadsheet import',
    prompt: `The pasted data below is tab-separated with inconsistent decimal separators (some commas, some points). Output it as a CSV with a comma delimiter, a point as decimal separator, and quoted text fields. Keep every row.

{pasted_data}`,
  },
  {
    label: 'formatting',
    app: 'legal document assembly',
    prompt: `Apply our house style to the clause list: number the clauses 1., 1.1, 1.1.1, put defined terms in bold on first use, and use British spelling of the headings only. The clause text itself must stay exactly as written.

{clauses}`,
  },
  {
    label: 'summarisation',
    app: 'customer feedback board',
    prompt: `There are 140 feature requests below. Cluster them into the recurring requests and give a short description of each cluster with the number of requests in it, largest first.

{requests}`,
  },
  {
    label: 'summarisation',
    app: 'news briefing',
    prompt: `Write the morning briefing: for each of the articles below, one sentence on what happened and why it matters to a mid-size logistics company.

Articles:
{articles}`,
  },
  {
    label: 'translation',
    app: 'recipe site',
    prompt: `Make this recipe available to our Mexican audience: Spanish (Mexico), convert cups and ounces to grams and millilitres, and keep the step numbering.

{recipe}`,
  },
  {
    label: 'translation',
    app: 'multilingual search',
    prompt: `Give the English equivalent of each search query below so we can run them against our English-only index. Keep brand names and model numbers unchanged. One query per line.

{queries}`,
  },
  {
    label: 'rewriting',
    app: 'product descriptions',
    prompt: `The supplier's product description is dry and full of spec jargon. Write it again for shoppers: lead with the benefit, keep the key specs in a short list, and stay under 120 words.

Supplier description: {description}`,
  },
  {
    label: 'rewriting',
    app: 'chat assistant guardrail',
    prompt: `Here is the assistant's answer. Soften any wording that could sound like medical advice, add a short suggestion to consult a doctor, and otherwise leave the content unchanged.

Answer: {answer}`,
  },
  {
    label: 'code-generation',
    app: 'spreadsheet formula helper',
    prompt: `I need a Google Sheets formula that looks up the price for the SKU in column A from the Prices sheet, applies the discount in column C if the order date is in Q4, and returns 0 when the SKU is missing.`,
  },
  {
    label: 'code-generation',
    app: 'API client generator',
    prompt: `From the OpenAPI spec below, write a typed Go client for the /invoices endpoints, with context support, retries on 429 and 5xx, and errors that carry the response body.

Spec:
{openapi_yaml}`,
  },
  {
    label: 'reasoning',
    app: 'grant application review',
    prompt: `Assess whether this grant application meets each of the six eligibility criteria below. For each criterion cite the evidence in the application, note where the evidence is weak or missing, and then decide if the application should go to the panel.

Criteria: {criteria}
Application: {application}`,
  },
  {
    label: 'reasoning',
    app: 'A/B test readout',
    prompt: `Here are the results of our checkout experiment. Did variant B really win? Check the sample sizes, whether the difference is statistically significant, whether novelty effects or a sample ratio mismatch could explain it, and what we should conclude.

Results: {results}`,
  },
  {
    label: 'planning',
    app: 'incident follow-up',
    prompt: `Based on the post-mortem, draw up the follow-up work: the remediation items grouped by theme, an owner team and a target date for each, and the order in which they should be tackled given their risk reduction and effort.

Post-mortem: {postmortem}`,
  },
  {
    label: 'planning',
    app: 'content marketing',
    prompt: `Map out our blog content for the next quarter: three posts a month, each with a working title, target keyword, audience stage (awareness, consideration, decision) and publication week, building towards the product launch in March.`,
  },
  {
    label: 'agentic',
    app: 'procurement assistant',
    prompt: `You are a procurement agent. Tools: search_catalog, get_quote, create_purchase_request. For the request below, find at least three suitable items, get quotes for them, pick the best value within budget, and raise the purchase request. Report back which item you chose and why.

Request: {request}`,
    callSite: { usesTools: true },
  },
  {
    label: 'agentic',
    app: 'on-call helper',
    prompt: `When an alert fires, investigate it with the tools you have (query_metrics, tail_logs, list_deploys). Look for a recent deploy that correlates with the alert, check the error logs around that time, and if a deploy is the cause, call rollback_deploy and post a note to the incident channel.`,
    callSite: { usesTools: true },
  },

  // ── a fourth batch, scored before any change to the features ────────────────────────────────────────────────────
  {
    label: 'classification',
    app: 'returns desk',
    prompt: `Customer return reason (free text): {reason}

Map it to our return code. Codes: DAMAGED, WRONG_ITEM, NOT_AS_DESCRIBED, NO_LONGER_NEEDED, LATE_DELIVERY, OTHER.
Code:`,
    callSite: { maxTokens: 6 },
  },
  {
    label: 'classification',
    app: 'pull request labeller',
    prompt: `You label pull requests for the changelog. Given the PR title and description, say whether it is a breaking change, a feature, a fix, or a chore.

Examples:
"Drop support for Node 16" -> breaking
"Add CSV export to reports" -> feature
"Fix crash when cart is empty" -> fix

PR: {title}
{description}`,
  },
  {
    label: 'extraction',
    app: 'property management',
    prompt: `Lease agreement text follows. I need: tenant names, unit number, monthly rent, deposit, lease start, lease end, and whether pets are allowed. Output as JSON.

{lease_text}`,
    callSite: { jsonMode: true },
  },
  {
    label: 'extraction',
    app: 'sales intelligence',
    prompt: `Scan the press release and pick out any funding round details: amount raised, round type, lead investor, other participating investors, and the announcement date. If the press release is not about funding, return an empty object.

{press_release}`,
  },
  {
    label: 'formatting',
    app: 'transcription service',
    prompt: `Add punctuation, capitalisation and paragraph breaks to this raw speech-to-text output. Do not change, add or remove any words.

{raw_transcript}`,
  },
  {
    label: 'formatting',
    app: 'catalog feed',
    prompt: `Our product feed needs titles in the pattern "Brand – Product name – Size – Colour". Reorder the parts of each title below to match, using the attribute values given next to it. One title per line.

{titles_with_attributes}`,
  },
  {
    label: 'summarisation',
    app: 'HR exit interviews',
    prompt: `Go over the 35 exit interview notes and tell leadership what stands out: the most common reasons people leave, anything specific to one department, and quotes that capture the mood. Keep it to one page.

{notes}`,
  },
  {
    label: 'summarisation',
    app: 'status reporting',
    prompt: `Turn this week's Jira activity into a status update for stakeholders: what shipped, what is in progress, what is blocked. Short bullets under each heading.

{jira_export}`,
  },
  {
    label: 'translation',
    app: 'travel booking',
    prompt: `The hotel replied in Greek. What does it say? Give me the meaning in English, sentence by sentence.

{hotel_reply}`,
  },
  {
    label: 'translation',
    app: 'software strings',
    prompt: `Here are our error messages as a gettext .po file. Fill in the msgstr entries for the Dutch locale (nl_NL). Keep format specifiers like %(count)d intact.

{po_file}`,
  },
  {
    label: 'rewriting',
    app: 'newsletter',
    prompt: `Our founder's note for the newsletter reads like a press release. Make it warmer and more personal, as if she were writing to a friend, but keep the three announcements and their order.

Note: {founders_note}`,
  },
  {
    label: 'rewriting',
    app: 'accessibility',
    prompt: `Rewrite these link texts so they make sense out of context for screen-reader users (no "click here" or "read more"). Keep each one short.

{links}`,
  },
  {
    label: 'code-generation',
    app: 'data validation',
    prompt: `Define a zod schema for the webhook payload described below, with refinements for the date range and the currency code, and export the inferred TypeScript type.

Payload description: {payload_doc}`,
  },
  {
    label: 'code-generation',
    app: 'embedded firmware helper',
    prompt: `Write C code for an STM32 that reads a temperature over I2C from a TMP117 every second and prints it over UART. Include the register addresses and error handling for a missing sensor.`,
  },
  {
    label: 'reasoning',
    app: 'tax assistant',
    prompt: `A freelancer moved from Germany to Portugal in July and kept invoicing German clients. Work out in which country each part of her income is taxable for that year, taking the double-taxation treaty's tie-breaker rules into account, and point out where the answer depends on facts we do not have.

Details: {details}`,
  },
  {
    label: 'reasoning',
    app: 'code review reasoning',
    prompt: `Could this function deadlock? Trace the lock acquisition order across the two goroutines, consider what happens if the context is cancelled while the second lock is held, and explain whether a deadlock is possible and under which interleaving.

{code}`,
  },
  {
    label: 'planning',
    app: 'household assistant',
    prompt: `We're moving house on 14 March. Make me a week-by-week to-do list from today until a month after the move: notices to give, utilities to transfer, packing by room, and the address changes, with the things that have lead times first.`,
  },
  {
    label: 'planning',
    app: 'engineering manager helper',
    prompt: `We need to get SOC 2 Type I within six months with a team of four. Propose the sequence of work: which controls to tackle first, what can be parallelised, where we need an external auditor, and checkpoints to confirm we are on track.`,
  },
  {
    label: 'agentic',
    app: 'email triage agent',
    prompt: `You process the support inbox. For each unread email: read it with get_email, decide whether it needs a human, and either answer it with send_reply using the knowledge base (search_kb) or assign it with assign_ticket. Mark each email as processed when you are done with it.`,
    callSite: { usesTools: true },
  },
  {
    label: 'agentic',
    app: 'travel booking agent',
    prompt: `Book the trip the user describes. Search flights and hotels with the available functions, hold the best options, ask the user to confirm the total before paying, then complete the booking and send the itinerary. If a hold expires, search again.

User request: {request}`,
    callSite: { usesTools: true },
  },

  // ── a fifth batch, scored before any change to the features ─────────────────────────────────────────────────────
  {
    label: 'classification',
    app: 'compliance inbox',
    prompt: `Does this customer email contain a formal complaint under the FCA definition (an expression of dissatisfaction about our service that alleges financial loss, distress or inconvenience)? Reply COMPLAINT or NOT_COMPLAINT.

Email: {email}`,
    callSite: { maxTokens: 5 },
  },
  {
    label: 'classification',
    app: 'marketplace listing review',
    prompt: `You check new marketplace listings. For the listing below, choose the single most appropriate category from our taxonomy and output its id.

Taxonomy:
101 Electronics > Phones
102 Electronics > Laptops
201 Home > Furniture
202 Home > Kitchen
301 Fashion > Shoes
999 Other

Listing title: {title}
Listing description: {description}`,
    callSite: { maxTokens: 4 },
  },
  {
    label: 'extraction',
    app: 'logistics email parser',
    prompt: `Carrier status emails arrive in many formats. From the email below, get the container number, vessel name, port of loading, port of discharge, ETA, and any delay reason. Respond with JSON only.

{carrier_email}`,
    callSite: { jsonMode: true },
  },
  {
    label: 'extraction',
    app: 'patient intake',
    prompt: `The patient filled in the intake form in free text. Identify allergies, current medications, previous surgeries with years, and smoking status. For each item, include the exact words the patient used.

Intake: {intake_text}`,
  },
  {
    label: 'formatting',
    app: 'SQL style',
    prompt: `Pretty-print the SQL below: uppercase keywords, one clause per line, indent joined tables and subqueries by four spaces, and align the column list. Do not change the query's logic or identifiers.

{sql}`,
  },
  {
    label: 'formatting',
    app: 'legal citations',
    prompt: `Convert the footnotes in this brief to Bluebook citation format. Keep the footnote numbers, and do not change which sources are cited.

{footnotes}`,
  },
  {
    label: 'summarisation',
    app: 'due diligence',
    prompt: `Read the data-room documents and produce a two-page memo of what a buyer should know: business model, customers and concentration, key contracts, litigation, and red flags. Point to the document each point comes from.

{documents}`,
  },
  {
    label: 'summarisation',
    app: 'customer success',
    prompt: `Write the account health snapshot for the QBR from the notes below: usage trend, open support issues, renewal date and risk, and the champion's latest feedback. Five lines at most.

{account_notes}`,
  },
  {
    label: 'translation',
    app: 'chat support',
    prompt: `Reply language: {customer_locale}. Translate the canned answer below into that language, keeping the product names and the URL untouched.

Canned answer: {answer}`,
  },
  {
    label: 'translation',
    app: 'academic publishing',
    prompt: `Here is the abstract in Chinese. Provide an English translation suitable for submission to an international journal, with standard terminology of the field.

{abstract}`,
  },
  {
    label: 'rewriting',
    app: 'executive communications',
    prompt: `Condense nothing; instead, restructure this all-hands announcement so that the most important change comes first, followed by what it means for each team, and end with the timeline. Keep the CEO's voice.

{announcement}`,
  },
  {
    label: 'rewriting',
    app: 'review response assistant',
    prompt: `Draft a reply to this negative restaurant review based on the manager's bullet points. The manager's notes are blunt; the reply must be courteous, acknowledge the issue, and invite the guest back.

Review: {review}
Manager notes: {notes}`,
  },
  {
    label: 'code-generation',
    app: 'analytics engineering',
    prompt: `Write a dbt model that builds a daily active users table from the events source, deduplicating events by event_id, with a schema.yml that tests uniqueness and not-null on the key columns.`,
  },
  {
    label: 'code-generation',
    app: 'mobile developer assistant',
    prompt: `Convert this Objective-C view controller to Swift using SwiftUI. Keep the same behaviour for the network call and the error alert, and use async/await instead of completion handlers.

{objc_source}`,
  },
  {
    label: 'reasoning',
    app: 'medical triage support',
    prompt: `Given the symptoms, vital signs and history below, list the possible diagnoses in order of likelihood, explain what supports or argues against each, and say which findings would need urgent escalation. This is decision support for a clinician, not a diagnosis.

Case: {case}`,
  },
  {
    label: 'reasoning',
    app: 'bid evaluation',
    prompt: `Three vendors submitted bids for our data-centre move. Score each bid against price, delivery risk, references and contract terms using the weights below, show the scoring, and tell us whether the cheapest bid is actually the best value.

Weights: {weights}
Bids: {bids}`,
  },
  {
    label: 'planning',
    app: 'release management',
    prompt: `We have to ship version 5.0 with 14 open epics and 3 teams by the end of June. Decide what goes into which release train, which epics should be cut if we slip, and the sequence of code freezes and QA cycles leading up to launch.

Epics: {epics}`,
  },
  {
    label: 'planning',
    app: 'curriculum design',
    prompt: `Outline a semester-long introductory statistics course: the weekly topics in a sensible order, the assignments and when they are due, two midterms, and where the project milestones fall.`,
  },
  {
    label: 'agentic',
    app: 'finance reconciliation agent',
    prompt: `Reconcile this month's Stripe payouts with the bank statement. Use fetch_payouts and fetch_bank_transactions to get the data, match them, investigate every unmatched item with get_payout_details, and write the reconciliation report with record_reconciliation when all items are explained.`,
    callSite: { usesTools: true },
  },
  {
    label: 'agentic',
    app: 'QA automation agent',
    prompt: `Test the signup flow of the staging site end to end. Drive the browser with the provided actions, try valid and invalid inputs, capture screenshots of every error state, and file a bug with create_issue for each defect you find, then stop.`,
    callSite: { usesTools: true, hasImages: true },
  },

  // ── a sixth batch, scored before any change to the features ─────────────────────────────────────────────────────
  {
    label: 'classification',
    app: 'notification filter',
    prompt: `Should this push notification be sent during quiet hours? Only urgent security alerts and direct messages from favourites qualify. Answer true or false.

Notification: {notification}`,
    callSite: { maxTokens: 2 },
  },
  {
    label: 'classification',
    app: 'call center QA',
    prompt: `Listen-through notes for call {call_id} are below. Was the disclosure statement read to the customer? Choose: read_in_full, read_partially, not_read.

{notes}`,
  },
  {
    label: 'extraction',
    app: 'utility bills',
    prompt: `Energy bill text below. Return kWh consumed, billing period start and end, tariff name, standing charge and total due as a JSON object.

{bill_text}`,
    callSite: { jsonMode: true },
  },
  {
    label: 'extraction',
    app: 'academic references',
    prompt: `Go through the paper and collect every dataset it uses: the dataset name, its size, and the section where it is introduced. Ignore datasets that are only mentioned as related work.

{paper}`,
  },
  {
    label: 'formatting',
    app: 'markdown linter',
    prompt: `Fix the Markdown formatting of the document: consistent heading levels, a blank line around lists and code blocks, and fenced code blocks with a language tag. The wording must not change.

{markdown}`,
  },
  {
    label: 'formatting',
    app: 'address labels',
    prompt: `Produce printable address labels from the JSON records: name on the first line, street on the second, postcode and city on the third, country in capitals on the fourth. Separate labels with a blank line.

{records_json}`,
  },
  {
    label: 'summarisation',
    app: 'podcast notes',
    prompt: `Create show notes for this podcast episode from the transcript: a two-sentence description, the topics discussed with timestamps, and the resources mentioned.

{transcript}`,
  },
  {
    label: 'summarisation',
    app: 'commit history',
    prompt: `Summarise: {git_log}`,
  },
  {
    label: 'translation',
    app: 'government forms',
    prompt: `This benefits form must be available in Arabic. Translate every label and instruction, right-to-left layout aside, and keep the field codes in square brackets as they are.

{form_text}`,
  },
  {
    label: 'translation',
    app: 'hospitality',
    prompt: `Guest message (may be in any language): {message}

Reply to the front desk with: the language, and an English rendering of the message.`,
  },
  {
    label: 'rewriting',
    app: 'grant writing',
    prompt: `Here is my project summary for the grant. Reviewers penalise vague claims. Rework it so every claim is concrete and measurable, cut it to 250 words, and keep the three aims.

{summary_draft}`,
  },
  {
    label: 'rewriting',
    app: 'UX copy',
    prompt: `Our error messages blame the user ("You entered an invalid date"). Reword each one to be neutral and helpful, telling people how to fix the problem. Keep them under 90 characters.

{messages}`,
  },
  {
    label: 'code-generation',
    app: 'kubernetes helper',
    prompt: `Generate Kubernetes manifests for a stateless web service: a Deployment with 3 replicas, readiness and liveness probes on /healthz, resource limits, a Service, and a HorizontalPodAutoscaler targeting 70% CPU.`,
  },
  {
    label: 'code-generation',
    app: 'SQL optimisation',
    prompt: `This query takes 40 seconds on 200M rows. Rewrite it to use the existing index on (tenant_id, created_at), replace the correlated subquery with a join, and return only the new SQL.

{slow_query}`,
  },
  {
    label: 'reasoning',
    app: 'security review',
    prompt: `Review the authentication flow described below for vulnerabilities. For each weakness, describe how an attacker would exploit it, how likely and how severe it is, and what would mitigate it. Rank the weaknesses by risk.

Flow: {flow_description}`,
  },
  {
    label: 'reasoning',
    app: 'unit economics',
    prompt: `Given CAC, churn and ARPU by channel below, which acquisition channel should get the next $100k? Compute the payback period and LTV/CAC for each, discuss how sensitive the answer is to the churn estimate, and recommend one.

{channel_data}`,
  },
  {
    label: 'planning',
    app: 'office move',
    prompt: `Our 60-person office moves to a new building over one weekend in May. Produce the move plan: what must be booked and by when, the order in which teams move, IT cut-over steps, and a contingency if the network is not ready on Monday.`,
  },
  {
    label: 'planning',
    app: 'personal finance coach',
    prompt: `I want to pay off $18,000 of credit card debt across three cards while saving for an emergency fund. Lay out a month-by-month plan for the next two years showing which card to pay first, how much goes to savings, and when each card is cleared.

Details: {details}`,
  },
  {
    label: 'agentic',
    app: 'devops chatbot',
    prompt: `You are the deploy bot. When someone asks to deploy, check the CI status with get_pipeline, make sure no incident is open with list_incidents, then trigger_deploy and watch the rollout with get_rollout_status until it finishes or fails. Post the outcome in the thread.`,
    callSite: { usesTools: true },
  },
  {
    label: 'agentic',
    app: 'knowledge base maintainer',
    prompt: `Find articles in the help center that mention the old pricing page. Use search_articles to find them, open each with get_article, update the outdated passages with update_article, and keep a list of the articles you changed to report at the end.`,
  },
];
