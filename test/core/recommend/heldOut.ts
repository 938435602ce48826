// Prompts in other domains and wording than labelled.ts, each labelled by the task a careful engineer would name
// before the classifier ever ran on them; a label is never changed to match the classifier. They scored 47/70 before
// the features were revised against their misses, so agreement here no longer measures unseen prompts.
import type { LabelledPrompt } from './labelled';

export const heldOutPrompts: LabelledPrompt[] = [
  // ── classification ─────────────────────────────────────────────────────────────────────────────────────────────
  {
    label: 'classification',
    app: 'veterinary front desk',
    prompt: `You help the front desk at Riverside Animal Hospital. A pet owner has sent the message below through our website.
Decide how soon the animal needs to be seen:
EMERGENCY – breathing trouble, suspected poisoning, heavy bleeding, collapse, bloat, unable to urinate
SAME_DAY – vomiting more than twice, limping without weight bearing, eye injury, not eating for 24h+
ROUTINE – everything else (vaccines, mild itching, nail trims, check-ups)

Owner message: {{owner_message}}
Species: {{species}}

Output the urgency word only.`,
    callSite: { maxTokens: 5 },
  },
  {
    label: 'classification',
    app: 'library cataloguing',
    prompt: `Given a book's title and publisher blurb, assign the Dewey Decimal main class it would be shelved under
(000 Computer science & general works, 100 Philosophy & psychology, 200 Religion, 300 Social sciences, 400 Language,
500 Science, 600 Technology, 700 Arts & recreation, 800 Literature, 900 History & geography).

Title: \${title}
Blurb: \${blurb}

Return just the three digits.`,
    callSite: { maxTokens: 4 },
  },
  {
    label: 'classification',
    app: 'aircraft maintenance log',
    prompt: `You review pilot squawks for a regional airline's maintenance control. For the write-up below, give its disposition:
- GROUND: affects airworthiness and is not deferrable
- DEFER: can be deferred under the Minimum Equipment List
- INFO: cabin or cosmetic, no action before next flight

Tail number: {{tail}}
Write-up: {{squawk_text}}

Respond as {"disposition": "GROUND" | "DEFER" | "INFO"}.`,
    callSite: { jsonMode: true, maxTokens: 20 },
  },
  {
    label: 'classification',
    app: 'music catalogue',
    prompt: `We ingest tracks from independent labels that often come without a genre. Using the title, artist name and the
first lines of the lyrics, tell me which genre fits best: hip-hop, rock, pop, electronic, country, jazz, classical,
latin, r&b, folk.

Track: {{track_title}} — {{artist}}
Lyrics excerpt:
{{lyrics_excerpt}}`,
    callSite: { maxTokens: 6 },
  },
  {
    label: 'classification',
    app: 'city 311 app',
    prompt: `Residents report problems through the city's 311 app. Send each report to the agency that fixes it.
Agencies: Streets & Potholes, Parks, Sanitation, Water Department, Noise Enforcement, Animal Services.
If a report mentions two problems, pick the agency for the first one.

Report text: \${report.text}
Ward: \${report.ward}

Agency:`,
    callSite: { maxTokens: 8 },
  },
  {
    label: 'classification',
    app: 'dating app safety',
    prompt: `System: You screen new profiles on a dating app. Romance scammers tend to claim overseas military or oil-rig jobs,
move quickly to off-app messaging, mention wealth or inheritances and use stock-photo captions.
Look at the bio and flag it if it matches the scam pattern.

Bio: {{bio}}

Return {"suspected_scam": true} or {"suspected_scam": false}.`,
    callSite: { jsonMode: true, maxTokens: 12 },
  },
  {
    label: 'classification',
    app: 'telecom call wrap-up codes',
    prompt: `After every call our agents write a short wrap-up note. Map the note to the call reason code used in reporting:
R01 billing dispute · R02 plan change · R03 network outage · R04 device problem · R05 cancellation request ·
R06 porting a number · R99 other.

Agent note: {{wrap_up_note}}

Code:`,
    callSite: { maxTokens: 3 },
  },

  // ── extraction ─────────────────────────────────────────────────────────────────────────────────────────────────
  {
    label: 'extraction',
    app: 'pathology reports',
    prompt: `You are given the free-text body of a surgical pathology report. Pull these items out of it:
patient_age, specimen_site, histologic_diagnosis, tumor_size_mm, margin_status, lymph_nodes_positive, lymph_nodes_examined.
Anything the report does not state must be null; do not infer values.

Report:
{{report_text}}`,
    callSite: { jsonMode: true },
  },
  {
    label: 'extraction',
    app: 'concert ticket wallet',
    prompt: `The user forwarded a ticket confirmation email to their wallet address. Read it and capture the event name, venue,
city, event date and door time, section, row, seat numbers and the order reference, so we can create a pass.

Email HTML (tags stripped):
\${emailText}

Respond with JSON: {"event": string, "venue": string, "city": string, "date": "YYYY-MM-DD", "doors": "HH:MM",
"section": string|null, "row": string|null, "seats": string[], "orderRef": string}`,
    callSite: { jsonMode: true, maxTokens: 200 },
  },
  {
    label: 'extraction',
    app: 'systematic review screening',
    prompt: `For our evidence table, read the study abstract and report the sample size, study design (RCT, cohort,
case-control, cross-sectional or other), population, intervention, comparator, primary outcome, and the main effect
estimate with its 95 % confidence interval, exactly as written in the abstract.

Abstract:
{{abstract}}`,
  },
  {
    label: 'extraction',
    app: 'used car marketplace',
    prompt: `Sellers paste their ads as plain text. Turn the ad into our listing record: make, model, year, mileage_km,
price_eur, fuel, gearbox, number of previous owners, and the seller's phone number if they wrote one.
Leave a field empty if the ad does not say.

Ad:
"""
{{ad_text}}
"""`,
    callSite: { jsonMode: true, maxTokens: 150 },
  },
  {
    label: 'extraction',
    app: 'court docket monitor',
    prompt: `Below is a docket entry from a federal district court. Identify the case number, the presiding judge, the party
that filed the document, the type of document, and every deadline or hearing date it sets, each with what is due.

Docket entry:
{{entry_text}}`,
  },
  {
    label: 'extraction',
    app: 'farm spray records',
    prompt: `Farmers text us their pesticide applications. From the message, record: product name, active ingredient (if
given), rate per acre with units, field ID, crop, application date, start time, and wind speed. The message may use
abbreviations like "gal/ac" or "Fld 12". Don't guess — leave out what isn't there.

Text from {{farmer_name}}: {{sms_body}}`,
    callSite: { jsonMode: true },
  },
  {
    label: 'extraction',
    app: 'sales call competitor mentions',
    prompt: `From this discovery call transcript, find each competitor product the prospect says they use today or are
evaluating, with the price or contract term they mention for it, and the exact sentence where it comes up.

Transcript:
{{transcript}}`,
    callSite: { jsonMode: true, maxTokens: 400 },
  },

  // ── formatting ─────────────────────────────────────────────────────────────────────────────────────────────────
  {
    label: 'formatting',
    app: 'warehouse inventory export',
    prompt: `The warehouse system exports stock as pipe-delimited lines (sku|name|qty|bin). Show it to the user as a Markdown
table with the columns SKU, Item, Quantity, Bin location. Keep the rows in the order given and copy every value
unchanged.

Export:
\${exportLines}`,
  },
  {
    label: 'formatting',
    app: 'contact import',
    prompt: `Produce one vCard 3.0 block (BEGIN:VCARD … END:VCARD) for each person in the attendee list below. Use FN, N, ORG,
EMAIL and TEL;TYPE=WORK lines; skip a line when the value is missing. Output the vCards only.

Attendees:
{{attendee_rows}}`,
  },
  {
    label: 'formatting',
    app: 'screenwriting tool',
    prompt: `The writer typed this scene as loose prose notes. Lay it out in standard screenplay format: scene heading in caps
(INT./EXT. LOCATION – TIME), action lines in present tense as written, character names in caps on their own line above
their dialogue, parentheticals in brackets. Do not add, drop or reword any dialogue.

Scene:
{{scene_notes}}`,
  },
  {
    label: 'formatting',
    app: 'static site importer',
    prompt: `Take the post metadata below and write it as Hugo front matter in YAML between --- lines: title (quoted), date in
RFC 3339, tags as a YAML list, categories as a YAML list, draft: false. Nothing else before or after the block.

Metadata:
title = {{title}}
published = {{published_at}}
tags = {{tags_comma_separated}}
category = {{category}}`,
  },
  {
    label: 'formatting',
    app: 'Slack notifier',
    prompt: `Our release bot posts GitHub Markdown into Slack, which uses mrkdwn. Convert the message: **bold** becomes *bold*,
[text](url) becomes <url|text>, headings become bold lines, bullet lists stay as "• " lines, code spans stay in
backticks. Keep all the wording.

Message:
\${markdown}`,
  },
  {
    label: 'formatting',
    app: 'glossary publisher',
    prompt: `Sort the glossary entries below alphabetically by term and output them as an HTML definition list (<dl> with a
<dt> and <dd> per entry). Escape &, < and > in the definitions. Keep each definition's text exactly as written.

Entries (term: definition):
{{glossary}}`,
  },
  {
    label: 'formatting',
    app: 'lab instrument export',
    prompt: `Plate reader results arrive as one long line per well like "A1=0.532;A2=0.611;…". Lay the readings out as an 8×12
grid with rows A–H and columns 1–12, tab-separated, with a header row of column numbers. Write "NA" for wells that
are missing. Do not round the values.

Readings: {{raw_readings}}`,
  },

  // ── summarisation ──────────────────────────────────────────────────────────────────────────────────────────────
  {
    label: 'summarisation',
    app: 'hospital discharge letters',
    prompt: `You write the summary section of discharge letters for general practitioners. From the inpatient notes below, cover
the reason for admission, key findings, treatment given, condition on discharge and what the GP should follow up.
No more than 150 words, plain clinical English.

Inpatient notes:
{{notes}}`,
    callSite: { maxTokens: 300 },
  },
  {
    label: 'summarisation',
    app: 'homeowners association',
    prompt: `Here are the minutes of last night's HOA board meeting. Write a short recap for residents who couldn't attend:
what was decided, what changes for them (fees, rules, works), and when the next meeting is.

Minutes:
{{minutes}}`,
  },
  {
    label: 'summarisation',
    app: 'user research repository',
    prompt: `You'll receive the notes from {{n}} customer interviews about our invoicing product. Pull together the pain points
that came up across interviews, roughly how many people raised each, and one representative quote per pain point.

Interview notes:
{{interview_notes}}`,
  },
  {
    label: 'summarisation',
    app: 'open-source maintainer inbox',
    prompt: `This is a long issue discussion with 80+ comments. Bring me up to speed: what the problem is, what has been tried,
what the maintainers seem to agree on, and what is still open. I haven't read any of it.

{{issue_comments}}`,
  },
  {
    label: 'summarisation',
    app: 'sports newsroom',
    prompt: `From the play-by-play event feed for \${homeTeam} vs \${awayTeam}, write a three-sentence match report for the live
blog: final score, the decisive moments, and any red cards or injuries.

Events:
\${eventFeed}`,
    callSite: { maxTokens: 180 },
  },
  {
    label: 'summarisation',
    app: 'terms of service explainer',
    prompt: `Users paste a website's terms of service. Tell them in plain words what they are agreeing to: the five points that
matter most to an ordinary user (data sharing, auto-renewal, cancellation, arbitration, content ownership) and anything
unusual. Don't give legal advice.

Terms:
{{tos_text}}`,
  },
  {
    label: 'summarisation',
    app: 'textbook study notes',
    prompt: `Make revision notes from the textbook chapter below: one paragraph capturing the chapter's argument, then the key
terms with a one-line definition each, as a student would want the night before the exam.

Chapter {{chapter_number}}: {{chapter_title}}
{{chapter_text}}`,
  },

  // ── translation ────────────────────────────────────────────────────────────────────────────────────────────────
  {
    label: 'translation',
    app: 'restaurant menu',
    prompt: `Our trattoria prints a bilingual menu. For each dish, keep the Italian name and add an English description in
parentheses underneath, faithful to the Italian description (don't embellish). Prices stay unchanged.

Menu:
{{menu_it}}`,
  },
  {
    label: 'translation',
    app: 'mobile game strings',
    prompt: `Here is a JSON object of UI strings from our puzzle game. Produce the same object with every value in \${targetLocale}.
Keep the keys, keep placeholders like {count} and %s untouched, and keep each string short enough to fit a button.

\${stringsJson}`,
    callSite: { jsonMode: true },
  },
  {
    label: 'translation',
    app: 'pharmacy leaflets',
    prompt: `Render these after-care instructions for the patient's preferred language, {{patient_language}}. Use words a patient
without medical training understands, keep every dose, time and number exactly the same, and keep the warning at the
end.

Instructions:
{{instructions_en}}`,
  },
  {
    label: 'translation',
    app: 'live chat bridge',
    prompt: `The support agent writes in English; the customer reads {{customer_locale}}. Put the agent's reply into the customer's
language, keeping the agent's tone and any order numbers or links exactly.

Agent reply: {{agent_reply}}`,
    callSite: { maxTokens: 400 },
  },
  {
    label: 'translation',
    app: 'cross-border contracts',
    prompt: `Provide an English rendering of the German contract clause below for our legal team. Be faithful rather than
fluent: keep the sentence structure where possible, and put the German legal term in brackets after its English
equivalent the first time it occurs (e.g. "warranty [Gewährleistung]").

Klausel:
{{clause_de}}`,
  },
  {
    label: 'translation',
    app: 'marketplace review import',
    prompt: `We import reviews from our Japanese marketplace listing. Give an English version of each review so the product team
can read it; keep the star rating and the reviewer nickname as they are.

Reviews:
{{reviews_ja}}`,
  },
  {
    label: 'translation',
    app: 'newsletter for Quebec',
    prompt: `Adapt this promotional email for our customers in Quebec, in Canadian French: use Quebec vocabulary (courriel,
magasiner), prices in CAD with the $ after the number, and keep the subject line under 60 characters.

Subject: {{subject}}
Body:
{{body_html}}`,
  },

  // ── rewriting ──────────────────────────────────────────────────────────────────────────────────────────────────
  {
    label: 'rewriting',
    app: 'cover letter coach',
    prompt: `The applicant's cover letter is below. Make it sound more confident — no "I hope", "I think I could" — and bring
it down to about 250 words. Keep their experience and the company name exactly as they wrote them.

Cover letter:
\${letter}`,
  },
  {
    label: 'rewriting',
    app: 'help centre readability',
    prompt: `Our help articles are written by engineers. Redo the answer below so someone with a sixth-grade reading level can
follow it: short sentences, everyday words, explain any term you can't avoid. The steps must stay the same.

Answer:
{{article_body}}`,
  },
  {
    label: 'rewriting',
    app: 'dating profile helper',
    prompt: `Here's what the user wrote for their dating profile. Give it more personality and warmth while keeping it sounding
like them — same facts, same hobbies, no clichés like "partner in crime". Under 500 characters.

Their bio: {{bio}}`,
  },
  {
    label: 'rewriting',
    app: 'journal submission tool',
    prompt: `Edit this manuscript abstract for concision and active voice so it fits the journal's 200-word limit. Every number,
p-value and unit must remain as it is; do not add claims.

Abstract ({{word_count}} words):
{{abstract}}`,
  },
  {
    label: 'rewriting',
    app: 'text-to-speech news',
    prompt: `This article will be read aloud by a synthetic voice. Prepare the text for listening: spell out abbreviations and
symbols, split sentences longer than 25 words, turn parenthetical asides into their own sentences, and drop
"click here"-style references. Keep the content and order.

Article:
{{article_text}}`,
  },
  {
    label: 'rewriting',
    app: 'business owner review replies',
    prompt: `The café owner drafted a reply to a one-star review and it came out defensive. Redo it so it's calm, thanks the
reviewer, acknowledges the slow service, and invites them back — in the owner's own first-person voice.

Review: {{review}}
Owner's draft: {{draft_reply}}`,
  },
  {
    label: 'rewriting',
    app: 'internal comms',
    prompt: `Make this all-hands announcement about the office relocation less corporate. It should read like a message from a
colleague, not a press release, and it can lose the buzzwords. Keep the dates, addresses and the parking details.

Announcement:
\${announcement}`,
  },

  // ── code generation ────────────────────────────────────────────────────────────────────────────────────────────
  {
    label: 'code-generation',
    app: 'marine electronics',
    prompt: `Write a Python function parse_gga(sentence: str) -> dict that parses an NMEA 0183 GGA sentence, validates the
checksum, and returns latitude and longitude as signed decimal degrees, fix quality, satellite count and altitude in
metres. Raise ValueError on a bad checksum. Include docstrings and a couple of doctest examples.`,
  },
  {
    label: 'code-generation',
    app: 'database change assistant',
    prompt: `Given the current table definition and the requested change, produce a PostgreSQL migration (up and down) that
adds the column, backfills it in batches of 10,000 rows, and then adds the NOT NULL constraint without locking the
table for long.

Current table:
{{create_table_sql}}

Change requested: {{change_description}}`,
    callSite: { maxTokens: 1200 },
  },
  {
    label: 'code-generation',
    app: 'frontend snippets',
    prompt: `Create a React hook useDebouncedValue<T>(value: T, delayMs: number): T in TypeScript, with cleanup on unmount, and a
short example of using it in a search box that calls \${apiPath} only after the user stops typing.`,
  },
  {
    label: 'code-generation',
    app: 'legacy modernisation',
    prompt: `Port the jQuery code below to modern vanilla JavaScript (ES2020, no libraries): querySelector instead of $(),
addEventListener instead of .on(), fetch instead of $.ajax. Behaviour must stay identical.

{{jquery_snippet}}`,
  },
  {
    label: 'code-generation',
    app: 'Rust service scaffolding',
    prompt: `From the sample JSON payload below, define Rust structs with serde Serialize/Deserialize derives that model it,
using Option<T> for fields that can be null, chrono::DateTime<Utc> for timestamps and snake_case field names with
#[serde(rename_all = "camelCase")].

Sample payload:
{{sample_json}}`,
  },
  {
    label: 'code-generation',
    app: 'end-to-end testing',
    prompt: `You are a QA engineer. Write Cypress tests for our login page covering: successful login redirects to /dashboard,
wrong password shows the error banner, account locks after five failures, and "remember me" keeps the session after
reload. Use data-test attributes as selectors: {{selectors}}.`,
  },
  {
    label: 'code-generation',
    app: 'Go microservices',
    prompt: `Implement an HTTP handler in Go for POST /v1/webhooks/{{provider}} that verifies an HMAC-SHA256 signature from the
X-Signature header against the raw body, rejects requests older than five minutes using the X-Timestamp header,
and enqueues the payload with queue.Publish(ctx, topic, body). Standard library only apart from the queue package.`,
  },

  // ── multi-step reasoning ───────────────────────────────────────────────────────────────────────────────────────
  {
    label: 'reasoning',
    app: 'shift roster checker',
    prompt: `Below are the labour rules for our nursing staff and the proposed roster for next week. Go through the roster and
determine whether it breaks any rule (minimum 11 hours between shifts, at most 5 consecutive days, no more than 48
hours in 7 days, at least one senior nurse per night shift). For each violation, name the nurse, the days, and which
rule, and show how you counted.

Rules: {{rules}}
Roster: {{roster_table}}`,
  },
  {
    label: 'reasoning',
    app: 'maths homework helper',
    prompt: `A student is stuck on this word problem. Solve it, laying out each step and why it follows from the previous one,
then give the final answer with units. If the problem is ambiguous, say which reading you chose.

Problem: {{problem_text}}`,
  },
  {
    label: 'reasoning',
    app: 'chess coach',
    prompt: `Position (FEN): \${fen}
Side to move: \${sideToMove}

Find the strongest move in this position. Calculate the main lines a few moves deep, explain the tactical or
positional idea behind the move, and say why the most natural alternative is worse.`,
  },
  {
    label: 'reasoning',
    app: 'equipment finance advisor',
    prompt: `Our bakery needs a new deck oven. Option A: buy for €38,000 with a 5-year loan at 6.5 %. Option B: lease at €780 a
month for 60 months with a €1 buyout. Maintenance is included in the lease but costs us about €1,200 a year if we buy.
Our tax rate is 25 % and we can depreciate a purchase over 7 years. Which option is cheaper over five years in
today's money at an 8 % discount rate, and by how much?`,
  },
  {
    label: 'reasoning',
    app: 'experiment review',
    prompt: `A team claims their new onboarding email raised 30-day retention. Here is their data and how users were assigned.
Does the evidence support the claim? Consider selection effects, the sample sizes, seasonality and anything else that
could explain the difference, and say what you would need to see to be convinced.

Data: {{experiment_summary}}`,
  },
  {
    label: 'reasoning',
    app: 'procurement quote comparison',
    prompt: `Three suppliers quoted for 4,500 units. Supplier 1 prices in USD with volume breaks at 1,000 and 5,000 units;
Supplier 2 prices in EUR with free shipping above €20,000; Supplier 3 prices in GBP but charges a flat £450 per
pallet (500 units a pallet). Using today's rates {{fx_rates}}, figure out the landed cost of each and which is
cheapest, showing the arithmetic.

Quotes: {{quotes}}`,
  },
  {
    label: 'reasoning',
    app: 'on-call postmortem helper',
    prompt: `Given these graphs' descriptions and the log excerpts from the outage window, work out what most plausibly happened
first and what was a consequence. Rank the candidate causes, point to the log lines that support or contradict each,
and be explicit about what remains uncertain.

Metrics: {{metrics_description}}
Logs: {{log_excerpt}}`,
  },

  // ── planning ───────────────────────────────────────────────────────────────────────────────────────────────────
  {
    label: 'planning',
    app: 'community garden',
    prompt: `We run a 20-bed community garden in USDA zone 6b with volunteers on Saturdays only. Lay out the season from
March to October: what to sow or plant in which beds each month, when to rotate, and which Saturday tasks (compost,
watering rota, harvest days) fall when, so beds are never empty for more than two weeks.`,
  },
  {
    label: 'planning',
    app: 'exam revision app',
    prompt: `The student's exams are on {{exam_dates}} and they can study {{hours_per_day}} hours a day, except weekends when
they work. Their weak subjects are {{weak_subjects}}. Build a day-by-day revision timetable from today
({{today}}) to the last exam, with practice papers in the final week for each subject and a rest day every week.`,
  },
  {
    label: 'planning',
    app: 'home renovation',
    prompt: `The homeowner is redoing their kitchen: demolition, electrics, plumbing, plastering, flooring, cabinets, worktops
(template then fit two weeks later) and painting. Work out the order the trades should come in, how long each
takes, what each one is waiting on, and the earliest date the kitchen can be usable if work starts on \${startDate}.`,
  },
  {
    label: 'planning',
    app: 'meetup organiser',
    prompt: `Put together the run-of-show for our one-day developer meetup on {{date}}: doors at 9:00, six talks of 30 minutes,
one workshop, lunch, two coffee breaks, sponsor slots and a closing panel ending by 18:00. Include who needs to be
where (AV, registration desk, catering) at each point and the buffer between sessions.`,
  },
  {
    label: 'planning',
    app: 'dinner party helper',
    prompt: `I'm cooking for 12 on Saturday at 19:30: {{menu}}. I have one oven and two hob rings free. Tell me what to buy and
when, what I can make on Thursday and Friday, and a timed schedule for Saturday afternoon so everything is ready
together.`,
  },
  {
    label: 'planning',
    app: 'sales territory launch',
    prompt: `A new account executive takes over the {{region}} territory next month with {{account_count}} accounts and no
pipeline. Draft their first 90 days: what to do in the first 30, 60 and 90 days, which accounts to approach first and
why, the weekly cadence of activities, and the numbers that should be hit at each checkpoint.`,
  },
  {
    label: 'planning',
    app: 'school trip coordinator',
    prompt: `Year 8 are going to the science museum on {{trip_date}} (68 pupils, 7 staff). Organise everything that has to
happen before the day: consent forms, payments, coach booking, risk assessment, dietary needs for packed lunches,
staff ratios and groups. Give each a deadline counting back from the trip and who handles it.`,
  },

  // ── agentic tool use ───────────────────────────────────────────────────────────────────────────────────────────
  {
    label: 'agentic',
    app: 'inventory replenishment',
    prompt: `You manage stock for a chain of three hardware stores. Each morning, check stock levels for the items flagged below,
compare them with the reorder points, look up the preferred supplier and current lead time, and raise purchase orders
where needed. Do not order more than \${budgetLimit} in total without asking the manager first. Report what you
ordered and why.

Flagged items: \${flaggedSkus}`,
    callSite: { usesTools: true },
  },
  {
    label: 'agentic',
    app: 'smart home assistant',
    prompt: `You control the user's home through the device functions you were given (lights, thermostat, locks, blinds,
speakers). Carry out what they ask; if a request is ambiguous, such as "make it cosy", decide on sensible settings,
apply them, and tell them what you changed. Never unlock a door without explicit confirmation.

User: {{utterance}}`,
    callSite: { usesTools: true, maxTokens: 300 },
  },
  {
    label: 'agentic',
    app: 'restaurant reservations voice line',
    prompt: `You answer the phone for {{restaurant_name}}. Use search_availability to find free tables, book_table to reserve,
and cancel_booking for cancellations. Confirm party size, date, time and a name before booking. If nothing fits,
offer the nearest two alternatives. Hand over to staff with transfer_call for anything about private events.`,
    callSite: { usesTools: true },
  },
  {
    label: 'agentic',
    app: 'spreadsheet copilot',
    prompt: `You work inside the user's spreadsheet. You can read ranges, write ranges, add sheets and create charts. Fulfil
the user's request by reading what you need first, making the changes, and then checking the result by reading it
back. Tell the user which cells you changed.

Request: \${userRequest}
Active sheet: \${sheetName}`,
    callSite: { usesTools: true },
  },
  {
    label: 'agentic',
    app: 'shopping price tracker',
    prompt: `Find the best current price for the product the user describes. Search several retailers, open the product pages to
check that the model number matches exactly and that it is in stock, include shipping to {{postcode}}, and keep going
until you have at least three comparable offers. Then give the user the links, ranked by total price.

Product: {{product_description}}`,
    callSite: { usesTools: true },
  },
  {
    label: 'agentic',
    app: 'question answering over a wiki (ReAct)',
    prompt: `Answer the question by interleaving Thought, Action and Observation steps. Action can be one of:
Search[entity] — searches the wiki and returns the first paragraph, or similar entities if none match;
Lookup[keyword] — returns the next sentence containing keyword in the current page;
Finish[answer] — returns the answer and ends the task.
Stop after Finish. Never invent an Observation; wait for it.

Question: {{question}}`,
  },
  {
    label: 'agentic',
    app: 'lab automation',
    prompt: `You operate the liquid handler and the plate reader in our assay lab. For the run sheet below, dispense the
reagents into the plates, start the incubation, read absorbance at 450 nm when it finishes, and rerun any well whose
replicate CV exceeds 15 %. If an instrument reports an error, pause and notify the scientist on duty.

Run sheet: {{run_sheet}}`,
    callSite: { usesTools: true },
  },
];
