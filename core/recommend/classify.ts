// Classifies what a prompt asks the model to do, from transparent features: phrases, output constraints, label
// lists, expected output length and the call's tools. Every feature that fires adds its weights to the classes it
// speaks for and leaves a reason, so a classification can always be explained and argued with.
import { taskClasses, taskClassNames, type TaskClass } from './tiers';

/** What the call site tells about a prompt's call, when it is known. */
export interface CallSiteFacts {
  maxTokens?: number;
  usesTools?: boolean;
  jsonMode?: boolean;
  hasImages?: boolean;
}

export interface TaskClassification {
  taskClass: TaskClass;
  /** 0…1: how clearly the features single out this class (margin over the runner-up, and total evidence). */
  confidence: number;
  reasons: string[];
  /** Every class's total score, for callers that weigh close runners-up. */
  scores: Record<TaskClass, number>;
}

interface Feature {
  reason: string;
  weights: Partial<Record<TaskClass, number>>;
  /** On the prompt text (the regex runs on the original text; use the `i` flag for case-insensitivity). */
  pattern?: RegExp;
  /** On the call site. */
  test?: (facts: CallSiteFacts) => boolean;
}

const languages =
  'english|german|french|spanish|italian|portuguese|dutch|polish|swedish|danish|norwegian|finnish|russian|ukrainian|turkish|arabic|hebrew|hindi|chinese|mandarin|japanese|korean|vietnamese|thai|indonesian|greek|czech|romanian|hungarian';
const codeLanguages =
  'python|typescript|javascript|java|kotlin|swift|golang|go (client|module|program|code|service|function)|rust|ruby|php|c\\+\\+|c#|scala|sql|postgresql|mysql|bash|shell|powershell|terraform|dockerfile|regex|regular expression|excel formula|sheets formula|formula|vba|apps script|openapi|graphql';

/** A template placeholder ({{name}}, ${name}, {name}) whose name contains one of `words`: what the input is. */
function placeholderNaming(words: string): RegExp {
  return new RegExp(`(\\{\\{\\s*|\\$\\{|\\{)[\\w.]{0,40}(${words})[\\w.]{0,40}(\\s*\\}\\}|\\})`, 'i');
}

// Weights: 3 for a phrase that names the task outright, 2 for a strong hint, 1 for a weak one.
const features: Feature[] = [
  // classification
  { reason: 'asks to classify, categorise or label', weights: { classification: 3 }, pattern: /\b(classify|classification|categori[sz]e|categori[sz]ation|assign (exactly )?(one|a) (category|label|class)|tag (it|this|the \w{1,40}) (as|with))\b/i },
  { reason: 'asks for sentiment, intent or a rating class', weights: { classification: 3 }, pattern: /\b(sentiment|intent|rate (this|the) \w{1,40} as|score (it|this) as)\b/i },
  { reason: 'gives a closed set of labels', weights: { classification: 2 }, pattern: /\b((categories|labels|classes|intents|codes|taxonomy)\s*:|(the following|these|possible|allowed|available) (values|labels|intents|categories|classes|codes)|options are|one of\s*:|(choose|pick|select)( one)?\s*:\s*[\w-]{1,40}, [\w-]{1,40})|(\b[\w-]{1,40}\b\s*(,|\bor\b)\s*){2,10}\b[\w-]{1,40}\b\s*\.?\s*(only )?output (just|only) the|\b(reply|respond|answer) with (one|only one|exactly one|a single) (of|word|label)/i },
  { reason: 'expects a yes/no or single-word verdict', weights: { classification: 3 }, pattern: /\b(answer|reply|respond|output)\s+(with\s+)?("?yes"?\s+or\s+"?no"?|"?true"?\s+or\s+"?false"?|"?[A-Z]{3,12}"?\s+or\s+"?[A-Z]{3,12}"?)|\b(only|just) (output|return|respond with|reply with) the (category|label|class|rating|department|intent|team|priority)|\b(category|label|department|rating|code|class) (name )?only\b|output just the \w{1,40}\.?$/im },
  { reason: 'asks for one of a few listed answers', weights: { classification: 2 }, pattern: /\b(say|tell( me)?|state|decide) whether (it|this) is (a |an )?[\w-]{1,40}(, (a |an )?[\w-]{1,40}){0,10},? or (a |an )?[\w-]{1,40}|\b(respond|reply|answer|return|output)( only)? with [\w-]{1,40}, [\w-]{1,40},? or [\w-]{1,40}\b|\b(reply|respond|answer|output|return)\b[^.\n]{0,40}\band nothing (more|else)\b/i },
  { reason: 'examples map inputs to one-word labels', weights: { classification: 2 }, pattern: /(->|=>|→)\s*"?[\w-]{1,40}"?\s*\n[^\n]*(->|=>|→)\s*"?[\w-]{1,40}"?\s*$/m },
  { reason: 'asks to detect a property of the input (language, risk, topic)', weights: { classification: 2 }, pattern: /\b(detect|identify|determine) the (language|topic|risk|type|kind|tone|emotion)\b|\bat risk of\b|\bwhat (type|kind) of \w{1,40} is (this|it)\b/i },
  { reason: 'asks which bucket an item belongs to', weights: { classification: 2 }, pattern: /\b(which (department|team|queue|category|bucket) (should|does|it)|belongs? to|decide whether|(pick|choose|select) (the|one|exactly one|a single) (\w{1,40} )?(label|category|class|option|primary)|is (the following|this) [\w\s-]{0,30}\b(a |an )?(scam|spam|toxic|offensive|phishing))/i },
  { reason: 'maps codes or labels to definitions ("use S1 for …, S2 for …")', weights: { classification: 2 }, pattern: /(use|answer|output|return) "?[\w-]{1,12}"? (for|when|if) [^.;\n]{3,80}[,;] "?[\w-]{1,12}"? (for|when|if)\b/i },
  { reason: 'asks to set a severity, priority or level', weights: { classification: 2 }, pattern: /\b(set|assign|determine|give) (its|the|a) (severity|priority|risk level|urgency|tier)\b/i },
  { reason: 'a question followed by four or more short options', weights: { classification: 2 }, pattern: /\?\s*([\w-]{2,20}, ){3,12}[\w-]{2,20},? or [\w-]{2,20}\.?\s*$/im },
  { reason: 'a list of short options to choose from', weights: { classification: 1 }, pattern: /:\s*([\w-]{2,20}, ){2,10}[\w-]{2,20},? (or|and) [\w-]{2,20}\.?\s*$/im },
  { reason: 'moderation, triage or routing task', weights: { classification: 2 }, pattern: /\b(triage|moderat(e|ion)|route (it|this|the \w{1,40}) to|routing|spam|violat(es|ion)|priority (low|medium|high))\b/i },
  { reason: 'a very short output cap (≤ 20 tokens)', weights: { classification: 3 }, test: (facts) => facts.maxTokens !== undefined && facts.maxTokens <= 20 },

  // extraction
  { reason: 'asks to extract or pull out data', weights: { extraction: 3 }, pattern: /\b(extract|pull out|pick out|capture the|get the following|return the (number|count|amount|date|name|value)s? of|parse (the|this) (following )?\w{1,40}|find the key (terms|fields|facts|dates)|identify the (\w{1,40} )?(number|date|fields|entities|amount|address)|named entities)\b/i },
  { reason: 'names fields to fill', weights: { extraction: 2 }, pattern: /\b(fields?|keys?)\b[^.\n]{0,40}(:|\bfrom\b|\bwith the keys\b)|with (the )?keys\b|if a (field|value) is (not present|missing|not (found|stated|given))|use (null|"unknown"|unknown) (for|if|when)|\bjson with the keys\b/i },
  { reason: 'asks to list every item of a kind found in a document', weights: { extraction: 2 }, pattern: /\b(list|find|identify|collect|gather) (every|each|all) (\w{1,40} ){0,2}((it |they |the \w{1,40} )?(uses|mentions|cites|contains|references)\b|mentioned|named|found|that appear|in the)\b|\bquote the sentence\b|\b(note|write) down (every|each|all)\b|\b(the )?exact words\b|\bverbatim\b|\bevery \w{1,40} (the \w{1,40} )?(mentions|names|refers to)\b/i },
  { reason: 'enumerates four or more fields to return', weights: { extraction: 2 }, pattern: /\b(return|give( me)?( back)?|provide|capture|output|report|i need|details|identify|get|record|note|state)\b:? (the )?([\w-]{1,40} ){0,2}[\w-]{1,40}( \([^()\n]{0,80}\))?(, (the )?([\w-]{1,40} ){0,2}[\w-]{1,40}( \([^()\n]{0,80}\))?){3,12}/i },
  { reason: 'says what to do with values that are missing or unreadable', weights: { extraction: 2 }, pattern: /\b(missing|absent|unreadable) values? (should be|as|to) null\b|\bnot (reported|stated|mentioned|given)\b|\b(where|when|if) (the \w{1,40} |it )?(does not|doesn't|do not|don't) (say|state|mention|show|give|specify)\b|\b(cannot|can't|could not) (read|find|determine)\b[^.\n]{0,25}\bnull\b|\bnull\b[^.\n]{0,25}\b(missing|not (present|found|shown|given)|absent)\b/i },
  { reason: 'reads a business document (invoice, résumé, receipt, contract, email)', weights: { extraction: 1, summarisation: 0.5 }, pattern: /\b(invoice|receipt|résumé|resume|contract|agreement|purchase order|order confirmation|medical record|clinical note|bill of lading|bank statement|w-?2|payslip)\b/i },
  { reason: 'JSON mode (structured output)', weights: { extraction: 1.5, classification: 1 }, test: (facts) => facts.jsonMode === true },
  { reason: 'asks for a JSON object shaped like a record', weights: { extraction: 1, classification: 0.5 }, pattern: /\{\s*"\w{1,40}"\s*:\s*("?(string|number|<[^>]+>|\[)|\[)|\{\s*\w{1,40}\s*,\s*\w{1,40}(\s*,\s*\w{1,40}){0,12}\s*\}/i },

  // formatting
  { reason: 'asks to convert, format or normalise', weights: { formatting: 3 }, pattern: /\b(convert (this|the|these|each|every)?\s*[\w\s-]{0,30}\b(to|into) (an? |the )?(json|csv|yaml|toml|xml|html|markdown|table|plain text|bullet|iso|e\.164|([\w-]{1,40} ){1,3}(format|style|notation|case|units?))|reformat|pretty-print|re-format|normali[sz]e (each|every|the|all)|format (every|each|these|the following|them|it|this)\b|(turn|render|put|output|write) (it|them|the following|this|these|the [\w-]{1,40}( [\w-]{1,40})?)( below| above)? (into|as) (an? )?(clean |proper |valid )?([\w.-]{1,40} )?(html|markdown|json|json-ld|csv|tsv|yaml|xml|an? (markdown |html )?table))/i },
  { reason: 'names a target data format', weights: { formatting: 1 }, pattern: /\b(markdown table|plain-text|json array|json-ld|schema\.org|csv|yaml|toml|xml|html|vcard|icalendar|bibtex|front matter|mrkdwn|rfc 3339|screenplay format|e\.164|iso 8601|apa|mla|chicago style|bluebook|citation format|title case|upper-?case|lower-?case|one ([\w-]{1,40} )?per line)\b/i },
  { reason: 'rewrites data values (dates, numbers, addresses, units) into a standard form', weights: { formatting: 3 }, pattern: /\b(every|each|all( the)?) (dates?|numbers?|phone numbers?|addresses|amounts?|prices?|units?|timestamps?|names?)\b[^.\n]{0,40}\b(as|in|to) (iso|e\.164|yyyy|the (standard|same|usps|\w{1,40}) format|\w{1,40} format)/i },
  { reason: 'asks to strip or clean up markup and whitespace', weights: { formatting: 3 }, pattern: /\b(strip|remove) (all |any )?(the )?(html|markdown|formatting|tags|markup|emojis?|whitespace)\b|\bcollapse (repeated |extra )?(whitespace|spaces|blank lines)\b|\bclean(ed)?( up)? (the )?(text|data|output)\b/i },
  { reason: 'asks for a table or layout', weights: { formatting: 2 }, pattern: /\blay (it|them|the( [\w-]{1,40}){1,3}) out (in|as)\b|\bfixed-width\b|\b(right|left)-aligned\b|\bin (standard |the standard )?[\w-]{1,40} format\b|\b(lay (it |them |\w{1,40} )?out|present|arrange|put|render)\b[^.\n]{0,40}\bas an? (markdown |html )?(table|list|grid)\b|\b(one row per|columns? for)\b/i },
  { reason: 'forbids changing the content', weights: { formatting: 2, translation: 0.5 }, pattern: /\b(do not|don't|never) (add|drop|remove|change|alter|reword)(, (add|drop|remove|change|alter|reword)){0,3},? (or (add|drop|remove|change|alter|reword) )?(any|the)\b|\b(copy|keep) (every|each|all( the)?) (values?|wording|words|text) (unchanged|exactly)|\bkeep all the wording\b|\b(do not|don't|without) (change|changing|add, remove or reword|alter|altering|reword)[\w\s,]{0,30}\b(content|wording|text|meaning|values|words)\b|\bkeep the (original )?(order|key order|list order)\b|\bsame order as the input\b|\b(must|should) stay (exactly )?as (written|it is)\b|\bexactly as (written|given)\b|\b(leave|keep) (the |all |every )?([\w-]{1,40} ){0,2}(text|content|wording|body|values|data)( itself)? (untouched|unchanged|alone)\b|\bin the (original|same) order\b/i },
  { reason: 'gives conversion rules ("**bold** becomes *bold*")', weights: { formatting: 2 }, pattern: /\S{1,40} becomes \S{1,40}[,;.\n][^\n]{0,80}\S{1,40} become(s)? \S/i },
  { reason: 'sets typography or layout rules (style guide, numbering, bold, delimiters)', weights: { formatting: 2 }, pattern: /\b(house style|style guide|apply (our|the) [\w ]{0,15}style|number the \w{1,40}|in bold|bold (the|any)|italic(s|i[sz]e)?|indent(ation)?|delimiter|decimal separator|decimal places|(two|three|\d) decimals|tab-separated|quoted (text )?fields|heading levels?|add punctuation|capitali[sz]ation|on the (first|second|third|fourth|next) line|separate (the )?\w{1,40} with|separated by (commas|hyphens|dashes|tabs|semicolons|pipes|spaces)|renumber|paragraph breaks|reorder|to match the (pattern|template|format)|in the (pattern|format) ")/i },

  // summarisation
  { reason: 'asks for a summary', weights: { summarisation: 3 }, pattern: /\b(summari[sz]e|(a|an|the) (short |brief |one-paragraph |executive )?summary (of|for)|executive summary|tl;?dr|recap|condense|digest|brief overview|overview of the key points|key takeaways|main themes|gist|boil (it |this |\w{1,40} )?down|briefing|highlights|key points|in a nutshell|why it matters|what stands out|status update|snapshot|memo|bring (me|them|us|\w{1,40}) up to speed|catch (me|them|us) up|match report|(revision|study|lecture) notes|what (was|has been) (decided|tried|agreed)|what is still open|came up across|(the|its|the chapter's) (main |central )?argument|in plain words|(the )?(\w{1,10} )?points that matter( most)?|what (a|the) \w{1,40} (should|needs to) know|(keep it|fit it) (to|on) (one|a single) page|what shipped|where (things|it|the \w{1,40}) stands?|handover( note)?|pull together|explain in plain (terms|words|english)|what (it|this|the \w{1,40}) (would|will) change)\b/i },
  { reason: 'mentions a summary', weights: { summarisation: 1 }, pattern: /\bsummary\b/i },
  { reason: 'asks to group many items into recurring themes', weights: { summarisation: 2, classification: 1 }, pattern: /\b(cluster|group) (them|these|the \w{1,40}) into\b|\brecurring (themes|requests|issues|topics)\b|\bmost common (reasons|themes|issues|complaints|requests)\b/i },
  { reason: 'bounds the output to a few sentences, bullets or words', weights: { summarisation: 2, rewriting: 0.5 }, pattern: /\b(in|at most|under|no more than|maximum of|max\.?|around|about|roughly|approximately) (\d+|one|two|three|four|five|a few) (short )?(sentences|bullet points|bullets|words|paragraphs?|lines)\b|\b(be|keep it) (brief|short)\b|\bone (bullet|sentence|line) (each|per \w{1,40})\b|\bone-paragraph\b|\bunder \d+ words\b|\b(one|two|three|four|five|\d+)-(sentence|line|bullet)\b|\bone sentence (on|about|per|for each)\b|\b(\d+|one|two|three|four|five|six|seven|eight|ten) (short )?(lines|sentences|bullets|bullet points|words) (at most|max(imum)?|or (fewer|less))\b|\b(one|two|\d+)-page\b/i },
  { reason: 'the template input is a transcript, thread, minutes, comments or a history', weights: { summarisation: 1 }, pattern: placeholderNaming('transcript|thread|minutes|comments|chapter|timeline|history') },
  { reason: 'works on a transcript, conversation, thread or report', weights: { summarisation: 1 }, pattern: /\b(transcript|conversation|thread|meeting|timeline|reviews|paper|article|opinion|chat history|diff|minutes|interviews?|discussion|comments|chapter|play-by-play|notes|logs|(the )?last \d+ (hours|days|weeks))\b/i },

  // translation
  { reason: 'names a language with a region or as an equivalent (Spanish (Mexico), English equivalent)', weights: { translation: 3 }, pattern: new RegExp(`\\b(${languages}) \\((\\w{1,40} ?){1,2}\\)|\\b(${languages}) equivalents?\\b|\\bequivalent in (${languages})\\b|\\b(${languages})-(only|speaking)\\b|\\bfor (our|the) (${languages}|[a-z]+(an|ish|ese)) (audience|customers|market|users|readers)\\b`, 'i') },
  { reason: 'mentions a language by name', weights: { translation: 1 }, pattern: new RegExp(`\\b(${languages})\\b`, 'i') },
  { reason: 'asks to translate or localise', weights: { translation: 4 }, pattern: /\b(translat(e|ion|or)|locali[sz]e|tradu(is|z|c)|übersetze|traduci)\w{0,40}/i },
  { reason: 'names a target language', weights: { translation: 3 }, pattern: new RegExp(`\\b(in|into|to|from) (${languages}|brazilian portuguese)\\b|\\b(source|target|their|the \\w{1,40}'s) language\\b|\\{\\w{0,40}(lang(uage)?|locale)\\w{0,40}\\}|\\b(${languages}) (version|translation|rendering)s?\\b|\\b(${languages}) and (${languages})\\b`, 'i') },

  // rewriting
  { reason: 'asks to rewrite, rephrase or edit text', weights: { rewriting: 3 }, pattern: /\b(rewrite|re-write|rephrase|paraphrase|reword|proofread|polish|simplify|edit this|adjust the tone|make (this|it|the \w{1,40}) (sound |read )?(more|less|\w{3,12}er\b)|make (this|it|the|their|my|our) [\w\s-]{1,60}? (more|less) \w{3,20}\b|give it more (personality|warmth|energy|punch|clarity|life|character)|(should|must) (read|sound) like|redo (it|the \w{1,40})|improve (the )?(clarity|wording|flow|readability)|tighten|shorten|revise|rework|cut (the )?filler|write it again|soften|restructure|reorgani[sz]e|tone down|punch up|make it (sound|read)|(turn|adapt) (it|this|the) [\w\s-]{0,30}\binto an? [\w\s-]{0,50}\b(paragraph|post|email|article|announcement|message|copy|text|version|update|notice|letter))\b/i },
  { reason: 'the template input is a draft', weights: { rewriting: 2 }, pattern: placeholderNaming('draft') },
  { reason: 'works on a draft or note to improve', weights: { rewriting: 1 }, pattern: /\b(draft|the (following )?(text|paragraph|copy|note|post))(?![\w-])/i },
  { reason: 'criticises the current wording (dry, wordy, jargon, curt)', weights: { rewriting: 2 }, pattern: /\b(dry(?![ -]runs?\b)|wordy|clunky|curt|stiff|jargon|verbose|awkward|robotic|bland|reads like a|buzzwords|clichés|cliches|defensive|corporate)\b/i },
  { reason: 'sets tone, audience or style', weights: { rewriting: 2 }, pattern: /\b(tone|professional|polite|friendly|formal|casual|empathetic|plain language|gender-neutral|inclusive|reading level|\d+-year-old|(user|customer|client)-facing|for a (non-\w{1,40}|general) audience|for (shoppers|readers|customers|buyers|users|parents|patients)|(customers|users|readers|guests|patients|the public) (will|would|can) read|engaging|conversational|lead with|voice|courteous)\b/i },
  { reason: 'asks to fix grammar or spelling', weights: { rewriting: 2 }, pattern: /\b(grammar|spelling|typos|fix (the )?punctuation)\b/i },
  { reason: 'asks to keep the meaning or facts', weights: { rewriting: 1 }, pattern: /\b(without changing (its|the) meaning|keep(ing)? (every|all the|the) (facts|instructions?|details|meaning)|same length)\b/i },

  // code generation
  { reason: 'asks to write, generate or refactor code', weights: { 'code-generation': 3 }, pattern: new RegExp(`\\b(write|generate|create|implement|refactor|produce|build|i need|give me|define|port|scaffold)\\b[^.\\n]{0,40}\\b(${codeLanguages}|code|function|class|script|query|endpoint|unit tests?|tests for|workflow|migration|component|api|client|sdk|snippet|cli|handler|hook|structs?|interfaces?|enums?|middleware)\\b`, 'i') },
  { reason: 'names a programming language, library or code artefact', weights: { 'code-generation': 2 }, pattern: new RegExp(`\\b(${codeLanguages}|jest|pytest|fastapi|django|flask|spring|react|vue|angular|pandas|numpy|matplotlib|dbt|airflow|spark|swiftui|schema\.yml|subquer(y|ies)|(inner |left |outer )?join|index on|stored procedure|query plan|kubernetes|helm|ansible|github actions|type hints|schema:)\\b`, 'i') },
  // Go is a common word, so only its capitalised name after "in" or "using" counts.
  { reason: 'names Go as the language', weights: { 'code-generation': 2 }, pattern: /\b(in|using) Go\b/ },
  { reason: 'asks for a complete program or script', weights: { 'code-generation': 2 }, pattern: /\b(runnable|complete|full|working) (script|program|code|implementation|module)\b|\breturn (the )?(full|complete) (code|script)\b/i },
  { reason: 'contains or asks for a code block', weights: { 'code-generation': 2 }, pattern: /```|\bcode block\b|\breturn only the (new |updated |fixed |final )?(sql|code|query)\b|\b(select|insert|update)\b[^.\n]{0,40}\bfrom\b|\w{1,40}\([\w, ]+\)(\s*\n|,)/i },

  // multi-step reasoning
  { reason: 'asks for step-by-step reasoning', weights: { reasoning: 3 }, pattern: /\b(step by step|think (carefully|through)|reason (through|about)|work (it )?through|chain of thought|show your (work|calculations|reasoning)|explain (your|the) reasoning|deduce|work out (the(?! (order|sequence|schedule|timeline|plan)\b)|in which|whether|how|what|which)|one by one|explain why)\b/i },
  { reason: 'asks for an overall judgement or likelihood', weights: { reasoning: 2 }, pattern: /\b(judge?ment|is (this|it) likely|how likely|likelihood|with a probability|overall (verdict|assessment|judge?ment))\b/i },
  { reason: 'asks to analyse, evaluate, verify or diagnose', weights: { reasoning: 2 }, pattern: /\b(analy[sz]e|evaluate|assess|verify|determine (whether|the most likely)|root cause|diagnos(e|is)|prove|justify|justification|check (the|each|that|whether)|compare the|assess whether|does the (evidence|data) support|support or contradict|confounders?|selection (effects|bias)|could explain|be convinced|most plausibl[ey]|rank the (candidate |likely |possible )?causes|remains uncertain|(breaks?|violates?) (any|a|the) rules?|statistically significant|significance|follows? (logically )?from|gap between|did [\w ]{1,30} really)\b/i },
  { reason: 'asks to weigh evidence against criteria', weights: { reasoning: 2 }, pattern: /\b(score (each|every|the) \w{1,40} against|show (the|your) (scoring|working|math)|in order of likelihood|argues? (for|against)|best value|criteria|criterion|cite the evidence|evidence (for|against|in)|under [\w ]{1,20} law|would (a court )?likely|into account|depends on|could this|is (a|it) [\w ]{0,20}possible)\b/i },
  { reason: 'weighs alternatives, trade-offs or evidence', weights: { reasoning: 2 }, pattern: /\b(trade-?offs?|alternatives?|alternative explanations|rules? (\w{1,40} ){0,3}out|edge cases|assumptions|how confident|weigh|pros and cons|consider (each|the|alternative))\b/i },
  { reason: 'calls for a verdict or conclusion', weights: { reasoning: 1 }, pattern: /\b(conclusion|verdict|decide (whether|if)|which (option|design|approach)|recommendation|conclude|what (should|can) we (conclude|infer))\b/i },
  { reason: 'involves calculation or constraint solving', weights: { reasoning: 1 }, pattern: /\b(calculat(e|ion)s?|probability|constraints?|puzzle|revenue|margin|forecast|estimate (how|the)|how many \w{1,40} (will|would) (we|i|you) need|show how you (got|arrived|reached|counted|calculated)|showing the arithmetic|landed cost|discount rate)\b/i },

  // planning
  { reason: 'asks to map out or draw up work over time', weights: { planning: 3 }, pattern: /\b(map out|draw up|lay out (a|the|our) ([\w-]{1,40} )?(plan|schedule|work))\b|\bschedule (the|my|our|their) (work|tasks|time|weeks?|days?|prep(aration)?|revision|study)\b/i },
  { reason: 'counts down to a deadline or a date', weights: { planning: 2 }, pattern: /\b(weeks?|days|months) (until|before|left|to go)\b|\b(is|are) due\b|\bleaving time for\b|\bin (\d+|\{\{?\s*\w{1,40}\s*\}\}?|\$\{\w{1,40}\}) (days|weeks|months)\b|\bnext month\b|\bby \{\{?\s*\w{0,40}date\w{0,40}\s*\}\}?|\bby \$\{\w{0,40}[dD]ate\w{0,40}\}/i },
  { reason: 'sets target dates, owners or order of work', weights: { planning: 2 }, pattern: /\b(the sequence of|leading up to|what goes into which|in which (release|sprint|phase|week|month|quarter)|release trains?|sequence of work|what can be paralleli[sz]ed|on track|tackle first|to-do list|lead times|(propose|suggest) (a|the) (sequence|order)|what (i|we|you|they) should (do|work on|tackle|prepare)( \w{1,40})? when\b|when each (one )?(needs to|should|must|has to) (be done|happen|start|be ready)|target dates?|owner (team|for each)|an owner|order in which|in the order they|publication (week|date)|building towards|next quarter|per month|a month\b|the order (the|in which) \w{1,40} (should|must|will)|(is|are) waiting on|earliest (date|start)|critical path|run-of-show|run of show|first (30|60|90) days|(weekly|daily) cadence|checkpoints?|counting back from|who (handles|needs to be)|timetable|rota\b)/i },
  { reason: 'asks for a plan, schedule, itinerary or roadmap', weights: { planning: 3 }, pattern: /\b((create|build|design|draft|put together|outline|prepare)\b[^.\n]{0,40}\b(plan|programme|program|schedule|checklist|agenda|curriculum|timeline)|plan (a|the|for)|project plan|sprint plan|propose a \w{1,40} plan|itinerary|roadmap|(study|training|release|content) (schedule|programme|program|plan|calendar)|schedule for|runbook|migration strategy|rollout plan|rollback plan|launch plan|how (we|i) should (launch|roll out|migrate|organi[sz]e|approach))\b/i },
  { reason: 'assigns steps to time slots or owners', weights: { planning: 2 }, pattern: /\b(in which (week|month|phase)|what happens (in|on|each)|who is responsible|who (should|will|is going to) (own|handle|take|do|run)|which team is responsible|must be ready before|week \d+|over the next (week|month|quarter|year)|day \d+)\b/i },
  { reason: 'asks to break work into phases, tasks or milestones', weights: { planning: 2 }, pattern: /\b(phases|milestones|workstreams|break (the work|it|this) (down )?into|sequence (the|of) (steps|topics|tasks)|dependencies|deadlines|allocate|capacity|prioriti[sz]e)\b/i },
  { reason: 'the template input is a date, deadline or time span', weights: { planning: 1 }, pattern: placeholderNaming('date|deadline|weeks|months') },
  { reason: 'organises activities over time', weights: { planning: 1 }, pattern: /\b(\d+-(day|week|month)|per (day|week)|each (day|week|month)|for each (day|week)|month-by-month|week-by-week|day-by-day|next (two|\d+) weeks|from now until|timeline|owners?|in parallel)\b/i },

  // agentic tool use
  { reason: 'the call passes tools', weights: { agentic: 5 }, test: (facts) => facts.usesTools === true },
  { reason: 'describes tools or actions to call', weights: { agentic: 3 }, pattern: /\b(you have (access to )?(tools|a \w{1,40} tool)|tools (provided|available)|available (tools|actions|functions)|the tools? provided|(call|use|invoke) (the )?`?\w{1,40}_\w{1,40}`?( tool| function)?|(through|via|with) (these|the following|the) tools|functions?\b[^.\n]{0,20}\btools?\b|\bwith the tools\b|\w{1,40}_\w{1,40}\(\w{0,40}[,)]|\bthe \w{1,40}(, \w{1,40}){0,10} and \w{1,40} (tools|functions)\b)/i },
  { reason: 'asks to act in a loop until a goal is met', weights: { agentic: 2 }, pattern: /\b(keep working until|until the (task|test|request) (is|passes)|stop when|observe (each|the) result|thought\s*(\/|,)\s*action,?\s*(\/|and)\s*observation|autonomous|agent\b|act as the [\w\s]*agent|before acting|try again|escalate)\b/i },
  { reason: 'defines actions in call syntax (Search[query], Finish[answer])', weights: { agentic: 3 }, pattern: /\b[A-Z]\w{1,40}\[\w{1,40}\][^\n]{0,200}\n[^\n]{0,200}\b[A-Z]\w{1,40}\[\w{1,40}\]/ },
  { reason: 'operates on an environment (files, shell, browser, APIs)', weights: { agentic: 1 }, pattern: /\b(run (shell )?commands|edit files|read files|headless browser|navigate|click|download every|log in to|search the codebase|run the test suite)\b/i },
  { reason: 'numbered instructions with conditional actions', weights: { agentic: 1, planning: 0.5 }, pattern: /^\s*\d\.\s.*\b(if|only after|before)\b/im },

  // Output length from the call site.
  { reason: 'a short output cap (≤ 60 tokens)', weights: { classification: 1, extraction: 0.5 }, test: (facts) => facts.maxTokens !== undefined && facts.maxTokens > 20 && facts.maxTokens <= 60 },
  { reason: 'a long output cap (≥ 2,000 tokens)', weights: { 'code-generation': 1, reasoning: 1, planning: 1, rewriting: 0.5 }, test: (facts) => facts.maxTokens !== undefined && facts.maxTokens >= 2000 },
];

/** Classes whose score is within this share of the winner's are close enough to matter (see recommend). */
export const closeRunnerUpShare = 0.6;

/**
 * Prompts kept in source are often hard-wrapped, which splits phrases ("a Markdown⏎table"). A line that ends in a word
 * or comma and is followed by one starting in lower case is joined to it; the line-based features keep the original.
 */
function joinWrappedLines(prompt: string): string {
  return prompt.replace(/([\w,)])[ \t]*\r?\n[ \t]*(?=[a-z(])/g, '$1 ');
}

/** The task a prompt asks for, how sure the features are, and which features decided it. */
export function classifyTask(prompt: string, callSite: CallSiteFacts = {}): TaskClassification {
  const scores = Object.fromEntries(taskClasses.map((c) => [c, 0])) as Record<TaskClass, number>;
  const unwrapped = joinWrappedLines(prompt);
  const fired: Feature[] = [];
  for (const feature of features) {
    const hit = feature.pattern ? feature.pattern.test(prompt) || (unwrapped !== prompt && feature.pattern.test(unwrapped)) : feature.test!(callSite);
    if (!hit) continue;
    fired.push(feature);
    for (const [taskClass, weight] of Object.entries(feature.weights) as [TaskClass, number][]) scores[taskClass] += weight;
  }

  const ranked = [...taskClasses].sort((a, b) => scores[b] - scores[a]);
  const [top, second] = [ranked[0]!, ranked[1]!];
  if (scores[top] === 0) {
    // Nothing recognisable: assume the demanding case so that no cheaper tier is suggested on no evidence.
    return { taskClass: 'reasoning', confidence: 0, reasons: ['no task features found; treated as multi-step reasoning'], scores };
  }

  const margin = (scores[top] - scores[second]) / scores[top];
  const evidence = Math.min(1, scores[top] / 6);
  const confidence = Math.round((0.5 * margin + 0.5 * evidence) * 100) / 100;
  const reasons = fired
    .filter((feature) => (feature.weights[top] ?? 0) > 0)
    .sort((a, b) => (b.weights[top] ?? 0) - (a.weights[top] ?? 0))
    .map((feature) => `${feature.reason} (+${feature.weights[top]} ${taskClassNames[top]})`);
  if (scores[second] > 0) reasons.push(`runner-up: ${taskClassNames[second]} (${scores[second]} vs ${scores[top]})`);
  return { taskClass: top, confidence, reasons, scores };
}
