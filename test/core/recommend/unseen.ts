// Prompts in other domains and wording than labelled.ts, heldOut.ts and dev.ts, labelled by the task a careful engineer
// would name before the classifier ever ran on them. The features were never revised against this set: it scored 35/50
// before the revision against dev.ts (only the count was read) and 38/50 once after it, the honest estimate for unseen
// prompts. Its misses stay misses; tuning the features to them would end its use as a measure.
import type { LabelledPrompt } from './labelled';

export const unseenPrompts: LabelledPrompt[] = [
  // ── classification ─────────────────────────────────────────────────────────────────────────────────────────────
  {
    label: 'classification',
    app: 'contract repository intake',
    prompt: `Documents uploaded to the legal drive need a document type. Based on the first two pages, is it an NDA, MSA, SOW, DPA, amendment or something else?

First pages:
{{first_pages}}`,
    callSite: { maxTokens: 6 },
  },
  {
    label: 'classification',
    app: 'brand mentions',
    prompt: `For each tweet mentioning our brand, tell us if it is a complaint, praise, a question or unrelated chatter.

Tweet: \${tweet.text}`,
    callSite: { maxTokens: 4 },
  },
  {
    label: 'classification',
    app: 'claims fraud flag',
    prompt: `Based on the claim details, should this motor insurance claim be referred to the special investigations unit? Refer when two or more indicators are present: claim within 30 days of policy start, no police report, cash repair estimate, prior claims in 12 months.

Claim: {{claim_json}}

Answer REFER or PASS.`,
  },
  {
    label: 'classification',
    app: 'crash report ownership',
    prompt: `Mobile crash reports come in unassigned. Looking at the top frames of the stack, which component owns it: Payments, Onboarding, Feed, Messaging, Media or Platform?

Frames:
\${topFrames}`,
    callSite: { jsonMode: true, maxTokens: 12 },
  },
  {
    label: 'classification',
    app: 'wine shop catalogue',
    prompt: `From the tasting note and producer, put the wine in a price band for our shelf labels: everyday, mid, premium or collector.

Producer: {{producer}}
Note: {{tasting_note}}`,
  },

  // ── extraction ─────────────────────────────────────────────────────────────────────────────────────────────────
  {
    label: 'extraction',
    app: 'case law database',
    prompt: `From the judgment, record the court, the case number, the judges, the date of decision, the parties and the outcome (allowed/dismissed/remitted).

Judgment:
{{judgment_text}}`,
    callSite: { jsonMode: true },
  },
  {
    label: 'extraction',
    app: 'event listings from flyers',
    prompt: `We scan posters people send us. From the OCR'd text, get the event name, date(s), start time, venue, ticket price and organiser contact. Leave a field empty if the poster does not show it.

\${ocrText}`,
    callSite: { maxTokens: 200 },
  },
  {
    label: 'extraction',
    app: 'pharmacy label reader',
    prompt: `The text below comes from a photographed prescription label. What is the drug name, strength, dose, how often to take it, the prescriber and the refill count?

Label text: {{label_text}}`,
    callSite: { jsonMode: true, maxTokens: 100 },
  },
  {
    label: 'extraction',
    app: 'support chat order lookup',
    prompt: `Scan this chat and list every order number and tracking number the customer mentions, each with the message index where it appears.

Chat:
{{chat_messages}}`,
  },
  {
    label: 'extraction',
    app: 'payment messages',
    prompt: `Given a SWIFT MT103 message, return the sender's reference, value date, currency, amount, ordering customer, beneficiary name and beneficiary account as JSON.

\${mt103}`,
  },

  // ── formatting ─────────────────────────────────────────────────────────────────────────────────────────────────
  {
    label: 'formatting',
    app: 'log timestamp normaliser',
    prompt: `These log lines mix timestamp styles (epoch seconds, "03/04/24 5:12pm EST", RFC 2822). Replace every timestamp with UTC in ISO 8601 and leave the rest of each line alone.

{{log_lines}}`,
  },
  {
    label: 'formatting',
    app: 'env file generator',
    prompt: `Turn this nested YAML config into a .env file: flatten keys with double underscores, upper-case them, quote values containing spaces.

YAML:
\${yamlConfig}`,
  },
  {
    label: 'formatting',
    app: 'recipe card template',
    prompt: `Put the recipe below into our card template:
Title
Serves: n | Prep: x min | Cook: y min
Ingredients (bulleted)
Method (numbered steps)
Don't change quantities or wording.

Recipe:
{{recipe}}`,
  },
  {
    label: 'formatting',
    app: 'docs headings',
    prompt: `Apply title case to every heading in this Markdown document following the Chicago rules, and make sure heading levels do not skip (no ## straight to ####). Body text stays as is.

{{markdown_doc}}`,
  },
  {
    label: 'formatting',
    app: 'spreadsheet paste',
    prompt: `Someone pasted a spreadsheet as text with ragged spacing. Output it as proper CSV with a header row; the columns are region, month, units, revenue.

{{pasted_text}}`,
  },

  // ── summarisation ──────────────────────────────────────────────────────────────────────────────────────────────
  {
    label: 'summarisation',
    app: 'code review digest',
    prompt: `A pull request collected 60 review comments across several rounds. For the author, sum up which concerns are still unresolved and which were settled, grouped by file.

Comments:
{{review_comments}}`,
  },
  {
    label: 'summarisation',
    app: 'parliament watch',
    prompt: `Below is the Hansard record of today's debate on the housing bill. Give our readers the main positions of each party and any amendments that passed, in about 200 words.

\${hansard}`,
  },
  {
    label: 'summarisation',
    app: 'product review pros and cons',
    prompt: `Using all {{review_count}} customer reviews of this blender, write a short "what buyers say" box: the three most mentioned positives and the three most mentioned negatives.

Reviews:
{{reviews}}`,
    callSite: { maxTokens: 180 },
  },
  {
    label: 'summarisation',
    app: 'security alert digest',
    prompt: `Here are the past 24 hours of SIEM alerts. Write the morning note for the security lead: what happened overnight, which alerts look real versus noise, and what needs follow-up today.

{{alerts}}`,
  },
  {
    label: 'summarisation',
    app: 'user research recordings',
    prompt: `Transcript of a usability session is attached. What did the participant struggle with and what did they like? Keep it to a handful of bullets with a supporting quote each.

{{session_transcript}}`,
  },

  // ── translation ────────────────────────────────────────────────────────────────────────────────────────────────
  {
    label: 'translation',
    app: 'game UI strings',
    prompt: `Localise these game UI strings for French players. Keep %s, %d and {player} tokens in place, respect the character limits given in brackets, and use tu rather than vous.

Strings:
\${uiStrings}`,
  },
  {
    label: 'translation',
    app: 'witness statements',
    prompt: `The witness statement below was given in Spanish. Produce a faithful English rendering for the court file — do not smooth out hesitations or tidy the grammar.

Statement:
{{statement}}`,
  },
  {
    label: 'translation',
    app: 'review aggregator',
    prompt: `Reviews arrive in many languages. Give the English meaning of the review below; if it is already in English, return it unchanged.

Review: {{review_text}}`,
    callSite: { maxTokens: 300 },
  },
  {
    label: 'translation',
    app: 'cookbook export',
    prompt: `We are publishing our house recipes in Italy. Write this recipe out in Italian, converting cup measures to grams where it is natural for Italian cooks.

{{recipe}}`,
  },
  {
    label: 'translation',
    app: 'supplier contracts Shenzhen',
    prompt: `Prepare a Simplified Chinese version of the clause below for our supplier in Shenzhen, keeping the defined terms consistent with the glossary provided.

Glossary: {{glossary}}
Clause: {{clause}}`,
  },

  // ── rewriting ──────────────────────────────────────────────────────────────────────────────────────────────────
  {
    label: 'rewriting',
    app: 'error message review',
    prompt: `Our app's error messages blame the user ("You entered an invalid date"). Reword each one so it says what happened and what to do next, without blame, each under 100 characters.

{{error_messages}}`,
  },
  {
    label: 'rewriting',
    app: 'social post length',
    prompt: `This announcement is too long for X. Get it under 280 characters while keeping the launch date and the link.

\${announcement}`,
    callSite: { maxTokens: 100 },
  },
  {
    label: 'rewriting',
    app: 'terms explainer',
    prompt: `Put this clause of our terms of service into plain English a customer would understand, keeping its legal effect the same.

Clause: {{clause}}`,
  },
  {
    label: 'rewriting',
    app: 'meeting invite',
    prompt: `Here is my meeting invite text. It rambles. Make it crisp: purpose, what to prepare, and the decision we need — nothing else changes.

{{invite}}`,
  },
  {
    label: 'rewriting',
    app: 'chatbot brand voice',
    prompt: `Take the assistant's draft answer below and say it the way our brand speaks: upbeat, second person, short sentences, no exclamation marks. Keep all the facts.

Draft answer: {{draft_answer}}`,
  },

  // ── code generation ────────────────────────────────────────────────────────────────────────────────────────────
  {
    label: 'code-generation',
    app: 'container build',
    prompt: `Write a multi-stage Dockerfile for a Node 20 app that builds with npm ci and runs as a non-root user on a distroless image, exposing port {{port}}.`,
  },
  {
    label: 'code-generation',
    app: 'schema migration',
    prompt: `Create a PostgreSQL migration that splits the full_name column of users into first_name and last_name, backfills them, and can be rolled back. Include both up and down.`,
    callSite: { maxTokens: 1200 },
  },
  {
    label: 'code-generation',
    app: 'test coverage',
    prompt: `Add Jest tests for the function below covering empty input, duplicate keys and a very large array.

\${functionSource}`,
  },
  {
    label: 'code-generation',
    app: 'CLI tooling',
    prompt: `Implement a small Rust command-line tool that tails a file like tail -f and highlights lines matching a regex passed as an argument. Use clap for argument parsing.`,
  },
  {
    label: 'code-generation',
    app: 'finance spreadsheet',
    prompt: `Give me a Google Sheets formula that returns, for the customer ID in A2, the total of column D on the Orders sheet for orders placed in the last 90 days.`,
    callSite: { maxTokens: 200 },
  },

  // ── multi-step reasoning ───────────────────────────────────────────────────────────────────────────────────────
  {
    label: 'reasoning',
    app: 'mortgage comparison',
    prompt: `Compare these three mortgage offers over the first five years, counting arrangement fees, the fixed rate period and the reversion rate. Which is cheapest overall, and how sensitive is that to an early repayment in year three?

Offers: {{offers}}`,
  },
  {
    label: 'reasoning',
    app: 'refund policy check',
    prompt: `The customer is asking for a refund outside the 30-day window, citing a fault that appeared on day 12. Using our policy and the ticket history, decide whether they are entitled to a refund, a repair or neither, and explain how the policy clauses lead there.

Policy: {{policy}}
Ticket history: {{history}}`,
  },
  {
    label: 'reasoning',
    app: 'flaky test hunt',
    prompt: `This test fails about one run in twenty. From the test code and the logs of three failing runs, what is causing the flakiness? Consider timing, shared state and ordering, and say which hypothesis the logs rule out.

Test: {{test_code}}
Logs: {{failing_logs}}`,
  },
  {
    label: 'reasoning',
    app: 'proof checker for students',
    prompt: `A student submitted the proof below that the square root of 2 is irrational. Check each step for validity and point out the first step, if any, where the argument fails.

{{student_proof}}`,
  },
  {
    label: 'reasoning',
    app: 'shipping cost puzzle',
    prompt: `We can ship the order in one 30 kg parcel at the freight rate, or split it across parcels at the standard rate with a 2 kg free allowance each. Rates are below. What split minimises cost? Show the arithmetic.

Rates: {{rates}}`,
  },

  // ── planning ───────────────────────────────────────────────────────────────────────────────────────────────────
  {
    label: 'planning',
    app: 'city break',
    prompt: `Three days in Lisbon in April with a toddler. Suggest what to do each morning and afternoon, keeping naps at 1pm and no more than one tram ride per day.`,
  },
  {
    label: 'planning',
    app: 'API deprecation',
    prompt: `We want to retire API v1 in favour of v2. Propose the timeline: announcement, sunset headers, brownouts, final shutdown, with what customer communication goes out at each point and which metrics tell us it is safe to proceed.`,
  },
  {
    label: 'planning',
    app: 'semester study',
    prompt: `I'm taking organic chemistry, statistics and Spanish this semester and work 15 hours a week. Exams are on {{exam_dates}}. Help me organise my weeks so that revision for each exam starts early enough.`,
  },
  {
    label: 'planning',
    app: 'allotment calendar',
    prompt: `I have a 10 m × 5 m vegetable plot in zone 8. Give me a sowing and planting calendar for the year — what goes in which bed and when, with crop rotation in mind.`,
  },
  {
    label: 'planning',
    app: 'incident response drill',
    prompt: `Organise a ransomware tabletop exercise for the leadership team next quarter: preparation steps, who needs to be involved, the scenario injects in order, and follow-up actions afterwards, with rough dates.`,
  },

  // ── agentic tool use ───────────────────────────────────────────────────────────────────────────────────────────
  {
    label: 'agentic',
    app: 'ticket grooming agent',
    prompt: `You keep the team's Jira backlog tidy. Search for tickets untouched for 60 days, comment asking the reporter if they are still relevant, and close those where a previous such comment got no answer in 14 days. Use the jira_search, jira_comment and jira_transition tools.`,
    callSite: { usesTools: true },
  },
  {
    label: 'agentic',
    app: 'market research agent',
    prompt: `Research the top five competitors for {{product_category}}. Use web_search and fetch_page to find pricing pages, record each plan and its price, and stop once every competitor has at least one verified price source. Return a table with sources.`,
    callSite: { usesTools: true, maxTokens: 3000 },
  },
  {
    label: 'agentic',
    app: 'cluster remediation',
    prompt: `When an alert fires, check the affected pods with kubectl_get and kubectl_logs, decide whether a restart would help, and if so call kubectl_rollout_restart. If the problem persists after one restart, page the on-call engineer via pagerduty_trigger instead of retrying.`,
  },
  {
    label: 'agentic',
    app: 'grocery ordering',
    prompt: `Order this week's groceries for the household. Read the meal plan, check what is in the pantry inventory, add what is missing to the basket on the supermarket site, and check out for the Saturday slot if the total is under {{budget}}; otherwise ask me first.`,
    callSite: { usesTools: true },
  },
  {
    label: 'agentic',
    app: 'downloads folder tidy',
    prompt: `You can list, move and delete files in the user's Downloads folder. Sort files into subfolders by type, delete installers older than 30 days, and report what you did. Ask before deleting anything larger than 1 GB.`,
    callSite: { usesTools: true },
  },
];
