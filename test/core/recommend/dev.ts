// Prompts in other domains and wording than labelled.ts and heldOut.ts, labelled by the task a careful engineer would
// name before the classifier ever ran on them; a label is never changed to match the classifier. The features were
// revised against this set's misses, so agreement here does not measure unseen prompts (unseen.ts does).
import type { LabelledPrompt } from './labelled';

export const devPrompts: LabelledPrompt[] = [
  // ── classification ─────────────────────────────────────────────────────────────────────────────────────────────
  {
    label: 'classification',
    app: 'hotel guest requests',
    prompt: `Guests at the Harbour View Hotel send requests through the in-room tablet. Send each one to the team that handles it: housekeeping, maintenance, front_desk, concierge or room_service.

Room: {{room_number}}
Request: {{request_text}}`,
    callSite: { maxTokens: 8 },
  },
  {
    label: 'classification',
    app: 'clinical trial adverse events',
    prompt: `You support pharmacovigilance staff. Grade the adverse event described below on the CTCAE scale from 1 (mild) to 5 (death related to the event). Consider only what the narrative states.

Narrative:
\${eventNarrative}

Grade:`,
    callSite: { maxTokens: 2 },
  },
  {
    label: 'classification',
    app: 'commit type checker',
    prompt: `Which Conventional Commits type fits this change best? feat, fix, docs, style, refactor, perf, test, build, ci or chore.

Diff summary: {{diff_stat}}
Message: {{commit_message}}`,
  },
  {
    label: 'classification',
    app: 'returns reason codes',
    prompt: `Customers write free text when they return an item. Map the text to our return reason code:
R01 wrong size, R02 damaged on arrival, R03 not as described, R04 changed mind, R05 late delivery, R99 other.

Customer text: "{{return_comment}}"`,
    callSite: { jsonMode: true, maxTokens: 15 },
  },
  {
    label: 'classification',
    app: 'interview answer screening',
    prompt: `An applicant answered the screening question below. Is the answer relevant, partially relevant or off-topic? Reply with one of those three.

Question: {{question}}
Answer: {{answer}}`,
  },

  // ── extraction ─────────────────────────────────────────────────────────────────────────────────────────────────
  {
    label: 'extraction',
    app: 'flight confirmation emails',
    prompt: `Read the airline confirmation email and give back the booking reference, passenger names, and for each flight segment the flight number, departure airport, arrival airport, departure time and arrival time (local).

Email:
{{email_body}}`,
    callSite: { jsonMode: true },
  },
  {
    label: 'extraction',
    app: 'evidence synthesis',
    prompt: `For the trial abstract below, record the population, the intervention, the comparator, the primary outcome and the sample size. Write "not reported" where the abstract does not say.

Abstract: \${abstract}`,
  },
  {
    label: 'extraction',
    app: 'police accident reports',
    prompt: `From the collision report, list each vehicle involved with its make, model, licence plate and driver name, plus the date, time and street location of the collision.

Report text:
{{report}}`,
    callSite: { jsonMode: true, maxTokens: 400 },
  },
  {
    label: 'extraction',
    app: 'recipe importer',
    prompt: `This is the text of a recipe web page, including ads and comments. Give me the ingredient list only, as an array of {quantity, unit, ingredient}. Skip anything that is not an ingredient.

Page text:
\${pageText}`,
  },
  {
    label: 'extraction',
    app: 'job board enrichment',
    prompt: `What salary range, currency, work location, remote policy and seniority does this job posting state? Use null for anything it does not mention.

Posting:
{{posting}}`,
    callSite: { jsonMode: true, maxTokens: 120 },
  },

  // ── formatting ─────────────────────────────────────────────────────────────────────────────────────────────────
  {
    label: 'formatting',
    app: 'conference schedule page',
    prompt: `Below is the talk schedule as the organisers pasted it from email. Put it into a Markdown table with the columns Time, Room, Speaker and Title, sorted by time. Keep the titles as they are.

{{schedule_text}}`,
  },
  {
    label: 'formatting',
    app: 'SKU cleanup',
    prompt: `Our product codes arrive in many shapes (abc 123-x, ABC123X, abc_123_x). Write each one as three upper-case groups separated by hyphens, e.g. ABC-123-X, one per line in the original order.

Codes:
\${codes}`,
  },
  {
    label: 'formatting',
    app: 'FAQ structured data',
    prompt: `Turn the FAQ below into schema.org FAQPage JSON-LD. Each question becomes a Question with its answer as acceptedAnswer text. Use the wording exactly as given.

FAQ:
{{faq_plaintext}}`,
  },
  {
    label: 'formatting',
    app: 'contract clause numbering',
    prompt: `The clause numbering in this agreement is inconsistent (1., 1.a, (ii), 2-1). Renumber all clauses and sub-clauses as 1, 1.1, 1.1.1 and update cross-references to match. Leave the clause text itself untouched.

{{agreement_text}}`,
  },
  {
    label: 'formatting',
    app: 'timesheet report',
    prompt: `Lay the driver timesheet entries out as a fixed-width plain-text report: date (10 chars), start (5), end (5), hours (5, right-aligned, two decimals), route. Add a total hours line at the bottom.

Entries:
{{entries}}`,
  },

  // ── summarisation ──────────────────────────────────────────────────────────────────────────────────────────────
  {
    label: 'summarisation',
    app: 'customer interview notes',
    prompt: `These are raw notes from a 45-minute discovery interview with a prospective customer. Pull together the five things the product team most needs to hear, one bullet each.

Notes:
{{interview_notes}}`,
  },
  {
    label: 'summarisation',
    app: 'issue thread status',
    prompt: `This GitHub issue has 120 comments. Tell a maintainer who has not followed it where things stand: what the problem is, which workarounds people found, and what is blocking a fix.

\${issueComments}`,
    callSite: { maxTokens: 300 },
  },
  {
    label: 'summarisation',
    app: 'board pack',
    prompt: `Condense this quarter's board pack into a single page for the non-executive directors: financial performance, top three risks, and decisions the board is asked to take.

{{board_pack}}`,
  },
  {
    label: 'summarisation',
    app: 'nursing shift handover',
    prompt: `Turn the last 12 hours of ward notes for bed {{bed}} into a handover for the incoming nurse: current condition, medications given, pending tests, and anything to watch overnight. Be brief.

Notes:
{{ward_notes}}`,
  },
  {
    label: 'summarisation',
    app: 'legislation tracker',
    prompt: `Explain in plain terms what this bill would change if passed and who it affects. Around 150 words, for our members' newsletter.

Bill text:
\${billText}`,
  },

  // ── translation ────────────────────────────────────────────────────────────────────────────────────────────────
  {
    label: 'translation',
    app: 'legal disclaimers',
    prompt: `Provide German and French versions of the website disclaimer below. Legal terms must use the standard terminology of each jurisdiction; do not add or drop any obligation.

Disclaimer:
{{disclaimer}}`,
  },
  {
    label: 'translation',
    app: 'push notifications',
    prompt: `Render this push notification for users whose locale is {{target_locale}}. It must stay under 90 characters; keep {name} and {count} placeholders exactly.

Notification: {{notification_text}}`,
    callSite: { maxTokens: 60 },
  },
  {
    label: 'translation',
    app: 'support inbox from Japan',
    prompt: `A customer wrote to us in Japanese. Put their message into English for the support agent, keeping order numbers and product names as they are, and note any politeness cues that matter.

Message:
\${customerMessage}`,
  },
  {
    label: 'translation',
    app: 'equipment safety warnings',
    prompt: `These safety warnings from the operator manual of a wood chipper have to ship in Polish. Match the wording conventions of EU machinery directive translations; keep the signal words DANGER/WARNING/CAUTION as their Polish counterparts.

Warnings:
{{warnings}}`,
  },
  {
    label: 'translation',
    app: 'e-learning quizzes',
    prompt: `Adapt these quiz questions and answer options for learners in Latin America (neutral Latin American Spanish). Keep the correct-answer markers and numbering.

{{quiz_items}}`,
  },

  // ── rewriting ──────────────────────────────────────────────────────────────────────────────────────────────────
  {
    label: 'rewriting',
    app: 'status page updates',
    prompt: `An engineer posted the incident update below in our internal channel. Turn it into a status page update customers will read: no internal hostnames or blame, clear about impact, and honest that we are still investigating.

Internal update:
{{internal_update}}`,
  },
  {
    label: 'rewriting',
    app: 'sales outreach',
    prompt: `This cold email sounds pushy. Make it feel like a helpful note from one professional to another — keep the offer and the call-to-action, lose the pressure.

{{email_draft}}`,
  },
  {
    label: 'rewriting',
    app: 'patient consent forms',
    prompt: `Rework this research consent form so someone with an eighth-grade reading level can follow it. All risks, rights and contact details must still be there.

Consent form:
\${consentText}`,
  },
  {
    label: 'rewriting',
    app: 'academic writing aid',
    prompt: `Change the paragraph below from passive to active voice and cut it by about a third. The claims and citations stay as they are.

Paragraph: {{paragraph}}`,
  },
  {
    label: 'rewriting',
    app: 'hotel review replies',
    prompt: `Our manager wrote this reply to a guest review. It's correct but cold. Warm it up so the guest feels heard, keep it about the same length.

Review: {{review}}
Manager's reply: {{reply}}`,
  },

  // ── code generation ────────────────────────────────────────────────────────────────────────────────────────────
  {
    label: 'code-generation',
    app: 'retention analytics',
    prompt: `Write a BigQuery SQL query that computes weekly signup cohorts and, for each cohort, the share of users active in weeks 1 through 8 after signup. Tables: {{events_table}} (user_id, event_ts, event_name) and {{users_table}} (user_id, created_at).`,
  },
  {
    label: 'code-generation',
    app: 'frontend search box',
    prompt: `Create a React hook useDebouncedSearch(query, delayMs) that calls our /api/search endpoint after the user stops typing, cancels in-flight requests with AbortController, and exposes { results, loading, error }. TypeScript, no extra libraries.`,
    callSite: { maxTokens: 1500 },
  },
  {
    label: 'code-generation',
    app: 'CI pipeline',
    prompt: `Set up a GitHub Actions workflow for a Python package: run ruff and pytest on 3.10–3.12 for every pull request, and publish to PyPI with trusted publishing when a tag v* is pushed.`,
  },
  {
    label: 'code-generation',
    app: 'CSV dedupe utility',
    prompt: `I have customer exports with duplicates that differ only in case and whitespace of the email column. Give me a Python script that reads {{input_path}}, keeps the most recently updated row per normalised email, and writes the result to {{output_path}}.`,
  },
  {
    label: 'code-generation',
    app: 'Android API layer',
    prompt: `Here is a sample JSON response from our orders API. Produce Kotlin data classes with kotlinx.serialization annotations for it, and a Retrofit interface with suspend functions for GET /orders and GET /orders/{id}.

Sample response:
\${sampleJson}`,
  },

  // ── multi-step reasoning ───────────────────────────────────────────────────────────────────────────────────────
  {
    label: 'reasoning',
    app: 'vendor renewal review',
    prompt: `The vendor offers either a 3-year renewal at {{three_year_price}} per year with a 5 % annual uplift, or annual renewals at {{one_year_price}} with uplift capped at 8 %. Our seat count grows about 15 % a year. Which option costs less over three years, and at what growth rate would the answer flip?`,
  },
  {
    label: 'reasoning',
    app: 'crash triage',
    prompt: `Given the stack trace and the source of the function it points to, figure out why the service crashes only under load. Say what the most probable cause is, what else it could be, and what log line would confirm it.

Stack trace:
{{stack_trace}}

Source:
{{source}}`,
  },
  {
    label: 'reasoning',
    app: 'fact-check desk',
    prompt: `The article claims the cited study shows {{claim}}. Read the study's results section and decide whether the claim follows from what was actually measured, noting any gap between the two.

Results section:
\${resultsSection}`,
  },
  {
    label: 'reasoning',
    app: 'meeting feasibility',
    prompt: `Five people in different time zones need two one-hour meetings this week; their working hours and existing commitments are below. Can both meetings happen with everyone present? If not, which person's constraint makes it impossible?

{{availability}}`,
  },
  {
    label: 'reasoning',
    app: 'fantasy league trades',
    prompt: `A manager in my league offered this trade. Given the players' season stats, remaining schedules and injury status, does it improve my team's expected points for the rest of the season? Go through both sides before giving an answer.

Trade: {{trade}}
Stats: {{stats}}`,
  },

  // ── planning ───────────────────────────────────────────────────────────────────────────────────────────────────
  {
    label: 'planning',
    app: 'thesis writing',
    prompt: `I have {{weeks_left}} weeks until my master's thesis is due. Chapters 1 and 2 are drafted; the experiments for chapter 3 are half done. Set out what I should work on when, leaving time for my supervisor's feedback and a final proofread.`,
  },
  {
    label: 'planning',
    app: 'hackathon organisation',
    prompt: `We're hosting a 48-hour internal hackathon for 200 staff next month. Work out everything that has to be arranged — venue, food, judging, prizes, comms — and when each needs to be done, with who should own it.`,
  },
  {
    label: 'planning',
    app: 'engineering hiring',
    prompt: `We need five backend engineers to start by {{start_date}}. Given a typical 6-week interview loop and 4-week notice periods, lay out a hiring plan: when to open each role, sourcing channels per stage, and interviewer load per week.`,
  },
  {
    label: 'planning',
    app: 'moving house',
    prompt: `Our family moves from Leeds to Bristol on {{moving_day}}. Build a checklist organised by weeks before the move: utilities, school transfer, removal company, address changes, packing room by room.`,
  },
  {
    label: 'planning',
    app: 'conference talk prep',
    prompt: `My talk was accepted for a conference in {{weeks}} weeks. I have an outline and nothing else. Help me schedule the work: slides, demo, dry runs with colleagues, and recording a backup of the demo.`,
  },

  // ── agentic tool use ───────────────────────────────────────────────────────────────────────────────────────────
  {
    label: 'agentic',
    app: 'refund desk agent',
    prompt: `You resolve refund requests for an online store. Look up the order with get_order, check the policy with get_refund_policy, and if the request qualifies, issue it with create_refund; otherwise reply explaining why. Never refund more than the order total.`,
    callSite: { usesTools: true },
  },
  {
    label: 'agentic',
    app: 'dependency upgrade bot',
    prompt: `Upgrade the project's outdated npm dependencies one at a time. After each upgrade, run the tests; if they fail, read the changelog, try to fix the breakage, and revert the upgrade if you cannot. When done, open a pull request listing what changed.`,
    callSite: { usesTools: true, maxTokens: 4000 },
  },
  {
    label: 'agentic',
    app: 'expense assistant',
    prompt: `You file expense claims for employees. Tools: fetch_receipts(user), ocr_receipt(id), create_claim(lines), ask_user(question). Match each receipt to a cost centre, ask the user when something is unclear, and submit one claim per trip.`,
  },
  {
    label: 'agentic',
    app: 'database ops assistant',
    prompt: `You are an on-call database assistant with read-only access through run_sql and metrics through get_metrics. When paged, investigate the alert, run whatever queries you need, and post your findings to the incident channel with post_message. Do not run any statement that writes.`,
    callSite: { usesTools: true },
  },
  {
    label: 'agentic',
    app: 'interview scheduler',
    prompt: `Schedule the candidate's onsite: find slots where all four interviewers are free using the calendar functions, book a room, send invites, and email the candidate the agenda. If no slot exists this week, propose the earliest next-week options to the recruiter instead.`,
    callSite: { usesTools: true },
  },
];
