// Classifies what a prompt asks the model to do, from transparent features: phrases, output constraints, label
// lists, expected output length and the call's tools. Every feature that fires adds its weights to the classes it
// speaks for and leaves a reason, so a classification can always be explained and argued with.
import { taskClasses, taskClassNames, type TaskClass } from './tiers';
import { phrase, vocabulary, type Language, type WordPattern } from './vocabulary';

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
  /**
   * What marks the prompt as needing reasoning whatever its verb says (sources to reconcile, a figure to derive, a
   * cited article to comply with, …): while any is present, no smaller tier is recommended.
   */
  reasoningMarkers: string[];
}

interface Feature {
  reason: string;
  weights: Partial<Record<TaskClass, number>>;
  /** On the prompt text (and on it with hard-wrapped lines joined). */
  pattern?: WordPattern;
  /** On the call site. */
  test?: (facts: CallSiteFacts) => boolean;
  /** A second pattern that must match as well (a verb and its object, in any order). */
  requires?: WordPattern;
  /** The feature marks the prompt as needing reasoning (see TaskClassification.reasoningMarkers). */
  marksReasoning?: true;
}

const languageNames = [
  'english', 'german', 'french', 'spanish', 'italian', 'portuguese', 'dutch', 'polish', 'swedish', 'danish',
  'norwegian', 'finnish', 'russian', 'ukrainian', 'turkish', 'arabic', 'hebrew', 'hindi', 'chinese', 'mandarin',
  'japanese', 'korean', 'vietnamese', 'thai', 'indonesian', 'greek', 'czech', 'romanian', 'hungarian',
];
/** The common languages' names in each language (the vocabulary of translation prompts). */
const languageNamesIn: Record<Exclude<Language, 'en'>, string[]> = {
  de: ['englisch*', 'deutsch*', 'französisch*', 'spanisch*', 'italienisch*', 'portugiesisch*', 'japanisch*',
    'chinesisch*', 'koreanisch*', 'niederländisch*'],
  fr: ['anglais', 'allemand', 'français', 'espagnol', 'italien', 'portugais', 'japonais', 'chinois', 'coréen'],
  es: ['inglés', 'alemán', 'francés', 'español', 'italiano', 'portugués', 'japonés', 'chino', 'coreano'],
  pt: ['inglês', 'alemão', 'francês', 'espanhol', 'italiano', 'português', 'japonês', 'chinês', 'coreano'],
  it: ['inglese', 'tedesco', 'francese', 'spagnolo', 'italiano', 'portoghese', 'giapponese', 'cinese', 'coreano'],
  ja: ['英語', 'ドイツ語', 'フランス語', 'スペイン語', 'イタリア語', 'ポルトガル語', '中国語', '日本語', '韓国語'],
  zh: ['英文', '英语', '中文', '日文', '日语', '法语', '法文', '德语', '德文', '西班牙语', '韩语', '韩文'],
  ko: ['영어', '독일어', '프랑스어', '스페인어', '이탈리아어', '포르투갈어', '일본어', '중국어', '한국어'],
};
/** How each language says "into <language>". */
const intoLanguage: Record<Exclude<Language, 'en'>, (name: string) => string[]> = {
  de: (name) => [`ins ${name}`, `auf ${name}`],
  fr: (name) => [`en ${name}`],
  es: (name) => [`al ${name}`, `en ${name}`],
  pt: (name) => [`para o ${name}`, `em ${name}`],
  it: (name) => [`in ${name}`],
  ja: (name) => [`${name}に`, `${name}へ`],
  zh: (name) => [`成${name}`, `为${name}`],
  ko: (name) => [`${name}로`],
};
const targetLanguagePhrases = Object.fromEntries(
  (Object.keys(intoLanguage) as Exclude<Language, 'en'>[]).map((language) => [
    language,
    languageNamesIn[language].flatMap(intoLanguage[language]),
  ]),
);
const codeLanguages = [
  'python', 'typescript', 'javascript', 'java', 'kotlin', 'swift', 'golang', 'go client', 'go module', 'go program',
  'go code', 'go service', 'go function', 'rust', 'ruby', 'php', 'c++', 'c#', 'scala', 'sql', 'postgresql', 'mysql',
  'bash', 'shell', 'powershell', 'terraform', 'dockerfile', 'regex', 'regular expression', 'excel formula',
  'sheets formula', 'formula', 'vba', 'apps script', 'openapi', 'graphql',
];
const codeArtefacts = [
  'code', 'function', 'class', 'script', 'query', 'endpoint', 'unit test', 'unit tests', 'tests for', 'workflow',
  'migration', 'component', 'api', 'client', 'sdk', 'snippet', 'cli', 'handler', 'hook', 'struct', 'structs',
  'interface', 'interfaces', 'enum', 'enums', 'middleware',
];
const codeTools = [
  'jest', 'pytest', 'fastapi', 'django', 'flask', 'spring', 'react', 'vue', 'angular', 'pandas', 'numpy',
  'matplotlib', 'dbt', 'airflow', 'spark', 'swiftui', 'schema.yml', 'subquery', 'subqueries', 'join', 'inner join',
  'left join', 'outer join', 'index on', 'stored procedure', 'query plan', 'kubernetes', 'helm', 'ansible',
  'github actions', 'type hints', 'schema:',
];
/** What a label-only answer is called ("only output the category"). */
const verdictNouns = ['category', 'label', 'class', 'rating', 'department', 'intent', 'team', 'priority'];
/** Verbs that open a list of fields to return. */
const fieldListVerbs = [
  'return', 'give', 'give me', 'give back', 'give me back', 'provide', 'capture', 'output', 'report', 'i need',
  'details', 'identify', 'get', 'record', 'note', 'state',
];
/** What a short extraction prompt asks to get ("Get the order number from this email"). */
const extractedValues = [
  'number', 'date', 'name', 'address', 'amount', 'id', 'email', 'phone', 'total', 'value', 'url', 'price',
  'reference', 'code', 'city', 'country',
];
const conversionTargets = [
  'json', 'csv', 'yaml', 'toml', 'xml', 'html', 'markdown', 'table', 'plain text', 'bullet', 'iso', 'e.164',
];
const writtenPieces = [
  'paragraph', 'post', 'email', 'article', 'announcement', 'message', 'copy', 'text', 'version', 'update', 'notice',
  'letter',
];

/** A template placeholder ({{name}}, ${name}, {name}) whose name contains one of `words`: what the input is. */
function placeholderNaming(words: readonly string[]): RegExp {
  return new RegExp(String.raw`(\{\{\s*|\$\{|\{)[\w.]{0,40}(${words.join('|')})[\w.]{0,40}(\s*\}\}|\})`, 'i');
}

// Weights: 3 for a phrase that names the task outright, 2 for a strong hint, 1 for a weak one.
const features: Feature[] = [
  // classification
  {
    reason: 'asks to classify, categorise or label',
    weights: { classification: 3 },
    pattern: vocabulary({
      en: [
        'classify', 'classification', /\bcategori[sz]e\b/, /\bcategori[sz]ation\b/,
        /\bassign (exactly )?(one|a) (category|label|class)\b/, /\btag (it|this|the \w{1,40}) (as|with)\b/,
      ],
      de: ['klassifizier*', 'kategorisier*', 'ordne … kategorie* zu', 'ordne … zu', 'einordn*'],
      fr: ['classe …  catégorie*', 'classifi*', 'catégoris*'],
      es: ['clasific*', 'categoriz*', 'etiquet*'],
      pt: ['classifi*', 'categoriz*', 'rotul*'],
      it: ['classific*', 'categorizz*', 'assegna … categoria'],
      ja: ['分類', 'カテゴリ', 'ラベルを付け'],
      zh: ['分类', '归类', '类别'],
      ko: ['분류', '카테고리'],
    }),
  },
  {
    reason: 'asks for sentiment, intent or a rating class',
    weights: { classification: 3 },
    pattern: vocabulary({
      en: [
        'sentiment', 'intent', /\brate (this|the) \w{1,40} as\b/, /\bscore (it|this) as\b/, 'positive, negative',
        'positive or negative', 'negative or neutral',
      ],
      de: ['positiv, negativ', 'positiv oder negativ', 'Stimmung*', 'Absicht'],
      fr: ['positif, négatif', 'positif ou négatif', 'positive ou négative'],
      es: ['positivo, negativo', 'positivo o negativo', 'sentimiento*'],
      pt: ['positivo, negativo', 'positivo ou negativo', 'sentimento*'],
      it: ['positivo, negativo', 'positivo o negativo'],
      ja: ['肯定', '否定', 'ポジティブ', 'ネガティブ', '感情'],
      zh: ['正面', '负面', '情感', '情绪', '意图'],
      ko: ['긍정', '부정', '감정', '의도'],
    }),
  },
  {
    reason: 'gives a closed set of labels',
    weights: { classification: 2 },
    pattern: vocabulary({
      en: [
        /\b(categories|labels|classes|intents|codes|taxonomy)\s*:/,
        /\b(the following|these|possible|allowed|available) (values|labels|intents|categories|classes|codes)/,
        /\boptions are/, /\bone of\s*:/, /\b(choose|pick|select)( one)?\s*:\s*[\w-]{1,40}, [\w-]{1,40}/,
        /(\b[\w-]{1,40}\b\s*(,|\bor\b)\s*){2,10}\b[\w-]{1,40}\b\s*\.?\s*(only )?output (just|only) the/,
        /\b(reply|respond|answer) with (one|only one|exactly one|a single) (of|word|label)/,
      ],
    }),
  },
  {
    reason: 'expects a yes/no or single-word verdict',
    weights: { classification: 3 },
    pattern: vocabulary({
      en: [
        /\b(answer|reply|respond|output)\s+(with\s+)?"?yes"?\s+or\s+"?no"?/,
        /\b(answer|reply|respond|output)\s+(with\s+)?"?true"?\s+or\s+"?false"?/,
        /\b(answer|reply|respond|output)\s+(with\s+)?"?[A-Z]{3,12}"?\s+or\s+"?[A-Z]{3,12}"?/,
        phrase(String.raw`\b(only|just) (output|return|respond with|reply with) the `, verdictNouns),
        /\b(category|label|department|rating|code|class|tool|team|intent) (name )?only\b/,
        /output just the \w{1,40}\.?$/,
        /\b(one|a single) word\.?$/,
      ],
      de: ['antworte nur mit', 'nur mit … antworten', 'gib nur das wort', 'nur das wort', 'ja oder nein',
        'nur die kategorie', 'nur mit der kategorie'],
      fr: ['réponds uniquement par', 'réponds seulement par', 'réponds par oui ou non', 'oui ou non',
        'uniquement la catégorie', 'seulement la catégorie'],
      es: ['responde solo con', 'responde solamente con', 'responde únicamente con', 'sí o no', 'solo la etiqueta',
        'solo con una palabra', 'solo la categoría'],
      pt: ['responda apenas com', 'responda só com', 'responda somente com', 'sim ou não', 'apenas a categoria'],
      it: ['rispondi solo', 'rispondi soltanto', 'sì o no', 'solo la categoria', 'solo con'],
      ja: ['のみを出力', 'のみ出力', 'だけで答え', 'のみで答え', 'だけを出力', 'はい」か「いいえ'],
      zh: ['只输出', '只回答', '只返回', '仅输出', '仅回答'],
      ko: ['만 답하', '으로만 답', '로만 답', '만 출력', '만 반환'],
    }, { multiline: true }),
  },
  {
    reason: 'asks for one of a few listed answers',
    weights: { classification: 2 },
    pattern: vocabulary({
      en: [
        phrase(
          String.raw`\b(say|tell( me)?|state|decide) whether (it|this) is `,
          String.raw`(a |an )?[\w-]{1,40}(, (a |an )?[\w-]{1,40}){0,10},? or (a |an )?[\w-]{1,40}`,
        ),
        /\b(respond|reply|answer|return|output)( only)? with [\w-]{1,40}, [\w-]{1,40},? or [\w-]{1,40}\b/,
        /\b(reply|respond|answer|output|return)\b[^.\n]{0,40}\band nothing (more|else)\b/,
      ],
    }),
  },
  {
    reason: 'examples map inputs to one-word labels',
    weights: { classification: 2 },
    pattern: vocabulary({
      en: [
        /(->|=>|→)\s*"?[\w-]{1,40}"?\s*\n[^\n]*(->|=>|→)\s*"?[\w-]{1,40}"?\s*$/,
        phrase(
          String.raw`^\s*(output|label|answer|category|intent|sentiment)\s*:\s*"?[\w-]{1,20}"?\s*\n(?:.*\n){0,6}?`,
          String.raw`\s*(output|label|answer|category|intent|sentiment)\s*:\s*"?[\w-]{1,20}"?\s*$`,
        ),
      ],
    }, { multiline: true }),
  },
  {
    reason: 'asks to detect a property of the input (language, risk, topic)',
    weights: { classification: 2 },
    pattern: vocabulary({
      en: [
        /\b(detect|identify|determine) the (language|topic|risk|type|kind|tone|emotion)\b/, /\bat risk of\b/,
        /\bwhat (type|kind) of \w{1,40} is (this|it)\b/,
      ],
      de: ['erkenne die sprache', 'bestimme die sprache'],
      fr: ['détecte la langue', 'identifie la langue'],
      es: ['detecta el idioma', 'identifica el idioma'],
      pt: ['detecte o idioma', 'identifique o idioma'],
      it: ['rileva la lingua', 'identifica la lingua'],
      ja: ['言語を判定', '言語を特定'],
      zh: ['识别语言', '判断语言'],
      ko: ['언어를 감지', '언어를 판별'],
    }),
  },
  {
    reason: 'asks which bucket an item belongs to',
    weights: { classification: 2 },
    pattern: vocabulary({
      en: [
        /\bwhich (department|team|queue|category|bucket) (should|does|it)/, /\bbelongs? to/, /\bdecide whether/,
        /\b(pick|choose|select) (the|one|exactly one|a single) (\w{1,40} )?(label|category|class|option|primary)/,
        /\bis (the following|this) [\w\s-]{0,30}\b(a |an )?(scam|spam|toxic|offensive|phishing)/,
      ],
      de: ['welche abteilung', 'welche kategorie', 'gehört zu'],
      fr: ['quel service', 'quelle catégorie', 'appartient'],
      es: ['qué departamento', 'qué categoría', 'pertenece'],
      pt: ['qual departamento', 'qual categoria', 'pertence'],
      it: ['quale reparto', 'quale categoria', 'appartiene'],
      ja: ['どの部署', 'どのカテゴリ', 'いずれかに', 'のどれか'],
      zh: ['哪个部门', '哪一类', '属于哪'],
      ko: ['어느 부서', '중 하나로', '중 하나를'],
    }),
  },
  {
    reason: 'maps codes or labels to definitions ("use S1 for …, S2 for …")',
    weights: { classification: 2 },
    pattern: vocabulary({
      en: [
        /(use|answer|output|return) "?[\w-]{1,12}"? (for|when|if) [^.;\n]{3,80}[,;] "?[\w-]{1,12}"? (for|when|if)\b/,
      ],
    }),
  },
  {
    reason: 'asks to set a severity, priority or level',
    weights: { classification: 2 },
    pattern: vocabulary({
      en: [
        /\b(set|assign|determine|give) (its|the|a) (severity|priority|risk level|urgency|tier)\b/,
      ],
      de: ['Priorität', 'Dringlichkeit', 'Schweregrad'],
      fr: ['priorité', 'urgence', 'gravité'],
      es: ['prioridad', 'urgencia', 'gravedad'],
      pt: ['prioridade', 'urgência', 'gravidade'],
      it: ['priorità', 'urgenza', 'gravità'],
      ja: ['優先度', '緊急度', '重大度'],
      zh: ['优先级', '紧急程度', '严重程度'],
      ko: ['우선순위', '긴급도', '심각도'],
    }),
  },
  {
    reason: 'a question followed by four or more short options',
    weights: { classification: 2 },
    pattern: vocabulary({
      en: [
        /\?\s*([\w-]{2,20}, ){3,12}[\w-]{2,20},? or [\w-]{2,20}\.?\s*$/,
      ],
    }, { multiline: true }),
  },
  {
    reason: 'a list of short options to choose from',
    weights: { classification: 1 },
    pattern: vocabulary({
      en: [
        /:\s*([\w-]{2,20}, ){2,10}[\w-]{2,20},? (or|and) [\w-]{2,20}\.?\s*$/,
      ],
    }, { multiline: true }),
  },
  {
    reason: 'moderation, triage or routing task',
    weights: { classification: 2 },
    pattern: vocabulary({
      en: [
        'triage', /\bmoderat(e|ion)\b/, /\broute (it|this|the \w{1,40}) to\b/, 'routing', 'spam', /\bviolat(es|ion)\b/,
        /\bpriority (low|medium|high)\b/,
      ],
      de: ['Spam*'],
      fr: ['indésirable*'],
      es: ['Spam'],
      pt: ['Spam'],
      it: ['Spam'],
      ja: ['スパム', '迷惑メール'],
      zh: ['垃圾邮件', '垃圾信息'],
      ko: ['스팸'],
    }),
  },
  {
    reason: 'a very short output cap (≤ 20 tokens)',
    weights: { classification: 3 },
    test: (facts) => facts.maxTokens !== undefined && facts.maxTokens <= 20,
  },

  // extraction
  {
    reason: 'asks to extract or pull out data',
    weights: { extraction: 3 },
    pattern: vocabulary({
      en: [
        'extract', 'pull out', 'pick out', 'capture the', 'get the following',
        /\breturn the (number|count|amount|date|name|value)s? of\b/, /\bparse (the|this) (following )?\w{1,40}\b/,
        /\bfind the key (terms|fields|facts|dates)\b/,
        /\bidentify the (\w{1,40} )?(number|date|fields|entities|amount|address)\b/, 'named entities',
      ],
      de: ['extrahier*', 'entnimm', 'entnehm*', 'heraussuch*', 'herausschreib*'],
      fr: ['extrai*', 'récupère*', 'relève*'],
      es: ['extrae', 'extraiga*', 'extraer', 'saca* … de', 'obtén'],
      pt: ['extraia*', 'extrair', 'obtenha'],
      it: ['estrai', 'estrarre', 'estratt*', 'ricava*'],
      ja: ['抽出', '抜き出', '取り出'],
      zh: ['提取', '抽取', '找出'],
      ko: ['추출', '뽑아'],
    }),
  },
  {
    reason: 'asks to get a value out of the input',
    weights: { extraction: 3 },
    pattern: vocabulary({
      en: [
        phrase(
          String.raw`\b(get|grab|fetch|pull|take|find|read) (me )?(the|all|every|each|any) ([\w-]{1,20} ){0,3}`,
          extractedValues, String.raw`s?\b[^.\n]{0,20}\b(from|out of|in)\b`,
        ),
      ],
    }),
  },
  {
    reason: 'asks for a few named values as JSON',
    weights: { extraction: 2 },
    pattern: vocabulary({
      en: [
        phrase(
          String.raw`\b(return|give( me)?|provide|output)\b `,
          String.raw`(the )?[\w -]{1,40}(, [\w -]{1,40}){1,10},? and [\w -]{1,40}`,
          String.raw`\b[^.\n]{0,20}\b(as|in) json\b`,
        ),
      ],
    }),
  },
  {
    reason: 'fills one named function from the input (structured output, not a tool loop)',
    weights: { extraction: 6, agentic: -4 },
    pattern: vocabulary({
      en: [/\b(call|use) the `?\w{1,40}_\w{1,40}`? (function|tool) (with|to (store|save|record|log|capture))\b/],
    }),
  },
  {
    reason: 'names fields to fill',
    weights: { extraction: 2 },
    pattern: vocabulary({
      en: [
        /\b(fields?|keys?)\b[^.\n]{0,40}(:|\bfrom\b|\bwith the keys\b)/, /with (the )?keys\b/,
        /if a (field|value) is (not present|missing|not (found|stated|given))/,
        /use (null|"unknown"|unknown) (for|if|when)/, /\bjson with the keys\b/,
      ],
      de: ['setze null', 'fehlt ein wert'],
      fr: ['mets null', 'si un champ'],
      es: ['usa null', 'si falta un dato', 'si falta un campo'],
      pt: ['use null', 'se algum campo'],
      it: ['usa null', 'se un campo manca'],
      ja: ['nullに', 'nullを'],
      zh: ['字段', '为空'],
      ko: ['null로'],
    }),
  },
  {
    reason: 'asks to list every item of a kind found in a document',
    weights: { extraction: 3 },
    pattern: vocabulary({
      en: [
        phrase(
          String.raw`\b(list|find|identify|collect|gather) (every|each|all) (\w{1,40} ){0,2}`,
          String.raw`((it |they |the \w{1,40} )?(uses|mentions|cites|contains|references)`,
          String.raw`|mentioned|named|found|that appear|in the)\b`,
        ),
        /\bquote the sentence\b/, /\b(note|write) down (every|each|all)\b/, /\b(the )?exact words\b/, /\bverbatim\b/,
        /\bevery \w{1,40} (the \w{1,40} )?(mentions|names|refers to)\b/,
      ],
    }),
  },
  {
    reason: 'enumerates four or more fields to return',
    weights: { extraction: 2 },
    pattern: vocabulary({
      en: [
        phrase(
          String.raw`\b`, fieldListVerbs, String.raw`\b:? (the )?([\w-]{1,40} ){0,2}[\w-]{1,40}( \([^()\n]{0,80}\))?`,
          String.raw`(, (the )?([\w-]{1,40} ){0,2}[\w-]{1,40}( \([^()\n]{0,80}\))?){3,12}`,
        ),
      ],
    }),
  },
  {
    reason: 'says what to do with values that are missing or unreadable',
    weights: { extraction: 2 },
    pattern: vocabulary({
      en: [
        /\b(missing|absent|unreadable) values? (should be|as|to) null\b/, /\bnot (reported|stated|mentioned|given)\b/,
        /\b(where|when|if) (the \w{1,40} |it )?(does not|doesn't|do not|don't) (say|state|mention|show|give|specify)\b/,
        /\b(cannot|can't|could not) (read|find|determine)\b[^.\n]{0,25}\bnull\b/,
        /\bnull\b[^.\n]{0,25}\b(missing|not (present|found|shown|given)|absent)\b/,
      ],
    }),
  },
  {
    reason: 'reads a business document (invoice, résumé, receipt, contract, email)',
    weights: { extraction: 1, summarisation: 0.5 },
    pattern: vocabulary({
      en: [
        'invoice', 'receipt', 'résumé', 'resume', 'contract', 'agreement', 'purchase order', 'order confirmation',
        'medical record', 'clinical note', 'bill of lading', 'bank statement', /\bw-?2\b/, 'payslip',
      ],
      de: ['Rechnung*', 'Quittung*', 'Lebenslauf*', 'Beleg*', 'Nachricht'],
      fr: ['facture*', 'reçu*', 'courriel*', 'CV', 'bon de commande'],
      es: ['factura*', 'recibo*', 'correo', 'currículum', 'formulario*'],
      pt: ['nota fiscal', 'recibo*', 'currículo*'],
      it: ['fattura*', 'ricevuta*', 'cv'],
      ja: ['請求書', '領収書', 'メール', '履歴書', '注文'],
      zh: ['发票', '收据', '邮件', '简历', '订单'],
      ko: ['송장', '영수증', '이메일', '이력서', '주문'],
    }),
  },
  {
    reason: 'JSON mode (structured output)',
    weights: { extraction: 1.5, classification: 1 },
    test: (facts) => facts.jsonMode === true,
  },
  {
    reason: 'asks for a JSON object shaped like a record',
    weights: { extraction: 1, classification: 0.5 },
    pattern: vocabulary({
      en: [
        /\{\s*"\w{1,40}"\s*:\s*("?(string|number|<[^>]+>|\[)|\[)/,
        /\{\s*\w{1,40}\s*,\s*\w{1,40}(\s*,\s*\w{1,40}){0,12}\s*\}/,
      ],
    }),
  },

  // formatting
  {
    reason: 'asks to convert, format or normalise',
    weights: { formatting: 3 },
    pattern: vocabulary({
      en: [
        phrase(
          String.raw`\bconvert (this|the|these|each|every)?\s*[\w\s-]{0,30}\b(to|into) (an? |the )?`,
          '(', conversionTargets, String.raw`|([\w-]{1,40} ){1,3}(format|style|notation|case|units?))`,
        ),
        /\breformat/, /\bpretty-print/, /\bre-format/, /\bnormali[sz]e (each|every|the|all)/,
        /\bformat (every|each|these|the following|them|it|this)\b/,
        phrase(
          String.raw`\b(turn|render|put|output|write) `,
          String.raw`(it|them|the following|this|these|the [\w-]{1,40}( [\w-]{1,40})?)`,
          String.raw`( below| above)? (into|as) (an? )?(clean |proper |valid )?([\w.-]{1,40} )?`,
          String.raw`(html|markdown|json|json-ld|csv|tsv|yaml|xml|an? (markdown |html )?table`,
          String.raw`|an? (bullet(ed)? |numbered )?list)`,
        ),
      ],
      de: ['wandle … um', 'umwandel*', 'konvertier*', 'formatier*'],
      fr: ['convertis*', 'mets … au format', 'formate*'],
      es: ['convierte*', 'convertir', 'formatea*'],
      pt: ['converta*', 'converter', 'formate*'],
      it: ['converti*', 'formatta*'],
      ja: ['形式に', '形式で', '変換', 'フォーマット'],
      zh: ['转换为', '转换成', '改成', '格式'],
      ko: ['형식으로', '변환', '바꿔'],
    }),
  },
  {
    reason: 'names a target data format',
    weights: { formatting: 1 },
    pattern: vocabulary({
      en: [
        'markdown table', 'bulleted list', 'bullet list', 'numbered list', 'plain-text', 'json array', 'json-ld',
        /\bschema\.org\b/, 'csv', 'yaml', 'toml', 'xml',
        'html', 'vcard', 'icalendar', 'bibtex', 'front matter', 'mrkdwn', 'rfc 3339', 'screenplay format',
        /\be\.164\b/, 'iso 8601', 'apa', 'mla', 'chicago style', 'bluebook', 'citation format', 'title case',
        /\bupper-?case\b/, /\blower-?case\b/, /\bone ([\w-]{1,40} )?per line\b/,
      ],
    }),
  },
  {
    reason: 'rewrites data values (dates, numbers, addresses, units) into a standard form',
    weights: { formatting: 3 },
    pattern: vocabulary({
      en: [
        phrase(
          String.raw`\b(every|each|all( the)?) (dates?|numbers?|phone numbers?|addresses|amounts?|prices?|units?`,
          String.raw`|timestamps?|names?)\b[^.\n]{0,40}\b(as|in|to) `,
          String.raw`(iso|e\.164|yyyy|the (standard|same|usps|\w{1,40}) format|\w{1,40} format)`,
        ),
      ],
    }),
  },
  {
    reason: 'asks to strip or clean up markup and whitespace',
    weights: { formatting: 3 },
    pattern: vocabulary({
      en: [
        /\b(strip|remove) (all |any )?(the )?(html|markdown|formatting|tags|markup|emojis?|whitespace)\b/,
        /\bcollapse (repeated |extra )?(whitespace|spaces|blank lines)\b/,
        /\bclean(ed)?( up)? (the )?(text|data|output)\b/,
      ],
    }),
  },
  {
    reason: 'asks for a table or layout',
    weights: { formatting: 2 },
    pattern: vocabulary({
      en: [
        /\blay (it|them|the( [\w-]{1,40}){1,3}) out (in|as)\b/, /\bfixed-width\b/, /\bright-aligned\b/,
        /\bleft-aligned\b/, /\bin (standard |the standard )?[\w-]{1,40} format\b/,
        phrase(
          String.raw`\b(lay (it |them |\w{1,40} )?out|present|arrange|put|render)\b[^.\n]{0,40}`,
          String.raw`\bas an? (markdown |html )?(table|list|grid)\b`,
        ),
        'one row per', /\bcolumns? for\b/,
      ],
      de: ['Tabelle', 'Spalten', 'eine Zeile pro'],
      fr: ['tableau', 'colonnes'],
      es: ['tabla', 'columnas'],
      pt: ['tabela', 'colunas'],
      it: ['tabella', 'colonne', 'uno per riga'],
      ja: ['表にし', '表形式', '1行に1つ'],
      zh: ['表格', '列为', '每行一个'],
      ko: ['표로', '한 줄에 하나'],
    }),
  },
  {
    reason: 'forbids changing the content',
    weights: { formatting: 2, translation: 0.5 },
    pattern: vocabulary({
      en: [
        phrase(
          String.raw`\b(do not|don't|never) (add|drop|remove|change|alter|reword)`,
          String.raw`(, (add|drop|remove|change|alter|reword)){0,3}`,
          String.raw`,? (or (add|drop|remove|change|alter|reword) )?(any|the)\b`,
        ),
        /\b(copy|keep) (every|each|all( the)?) (values?|wording|words|text) (unchanged|exactly)/,
        /\bkeep all the wording\b/,
        phrase(
          String.raw`\b(do not|don't|without) `,
          String.raw`(change|changing|add, remove or reword|alter|altering|reword)[\w\s,]{0,30}`,
          String.raw`\b(content|wording|text|meaning|values|words)\b`,
        ),
        /\bkeep the (original )?(order|key order|list order)\b/, /\bsame order as the input\b/,
        /\b(must|should) stay (exactly )?as (written|it is)\b/, /\bexactly as (written|given)\b/,
        phrase(
          String.raw`\b(leave|keep) (the |all |every )?([\w-]{1,40} ){0,2}(text|content|wording|body|values|data)`,
          String.raw`( itself)? (untouched|unchanged|alone)\b`,
        ),
        /\bin the (original|same) order\b/,
      ],
      de: ['ändere keine', 'ändere nichts', 'ohne … zu ändern', 'nichts weiter ändern'],
      fr: ['ne modifie pas', 'ne change pas', 'sans modifier', 'sans changer'],
      es: ['sin cambiar', 'no cambies', 'no modifiques', 'sin modificar'],
      pt: ['não altere', 'não mude', 'sem alterar', 'sem mudar'],
      it: ['senza cambiare', 'senza modificare', 'non cambiare', 'non modificare'],
      ja: ['変更しない', '変えない', '変更せず'],
      zh: ['不要修改', '不要改', '不要更改', '保持不变'],
      ko: ['바꾸지 마', '변경하지 마', '수정하지 마'],
    }),
  },
  {
    reason: 'gives conversion rules ("**bold** becomes *bold*")',
    weights: { formatting: 2 },
    pattern: vocabulary({
      en: [
        /\S{1,40} becomes \S{1,40}[,;.\n][^\n]{0,80}\S{1,40} become(s)? \S/,
      ],
    }),
  },
  {
    reason: 'sets typography or layout rules (style guide, numbering, bold, delimiters)',
    weights: { formatting: 2 },
    pattern: vocabulary({
      en: [
        /\bhouse style/, /\bstyle guide/, /\bapply (our|the) [\w ]{0,15}style/, /\bnumber the \w{1,40}/, /\bin bold/,
        /\bbold (the|any)/, /\bitalic(s|i[sz]e)?/, /\bindent(ation)?/, /\bdelimiter/, /\bdecimal separator/,
        /\bdecimal places/, /\b(two|three|\d) decimals/, /\btab-separated/, /\bquoted (text )?fields/,
        /\bheading levels?/, /\badd punctuation/, /\bcapitali[sz]ation/,
        /\bon the (first|second|third|fourth|next) line/, /\bseparate (the )?\w{1,40} with/,
        /\bseparated by (commas|hyphens|dashes|tabs|semicolons|pipes|spaces)/, /\brenumber/, /\bparagraph breaks/,
        /\breorder/, /\bto match the (pattern|template|format)/, /\bin the (pattern|format) "/,
      ],
    }),
  },

  // summarisation
  {
    reason: 'asks for a summary',
    weights: { summarisation: 3 },
    pattern: vocabulary({
      en: [
        /\bsummari[sz]e\b/, /\b(a|an|the) (short |brief |one-paragraph |executive )?summary (of|for)\b/,
        'executive summary', /\btl;?dr\b/, 'recap', 'condense', 'digest', 'brief overview',
        'overview of the key points', 'key takeaways', 'main themes', 'gist', /\bboil (it |this |\w{1,40} )?down\b/,
        'briefing', 'highlights', 'key points', 'in a nutshell', 'why it matters', 'what stands out', 'status update',
        'snapshot', 'memo', /\bbring (me|them|us|\w{1,40}) up to speed\b/, /\bcatch (me|them|us) up\b/, 'match report',
        /\b(revision|study|lecture) notes\b/, /\bwhat (was|has been) (decided|tried|agreed)\b/, 'what is still open',
        'came up across', /\b(the|its|the chapter's) (main |central )?argument\b/, 'in plain words',
        /\b(the )?(\w{1,10} )?points that matter( most)?\b/, /\bwhat (a|the) \w{1,40} (should|needs to) know\b/,
        /\b(keep it|fit it) (to|on) (one|a single) page\b/, 'what shipped',
        /\bwhere (things|it|the \w{1,40}) stands?\b/, /\bhandover( note)?\b/, 'pull together',
        /\bexplain in plain (terms|words|english)\b/, /\bwhat (it|this|the \w{1,40}) (would|will) change\b/,
      ],
      de: ['zusammenfass*', 'fass* … zusammen', 'Zusammenfassung*', 'Kernaussagen', 'Überblick'],
      fr: ['résume', 'résumez', 'résumer', 'synthèse', 'synthétise*', 'points clés'],
      es: ['resume la', 'resume el', 'resume los', 'resume las', 'resume este', 'resume esta', 'resumen', 'resumir',
        'puntos clave'],
      pt: ['resuma', 'resumir', 'resumo', 'pontos principais'],
      it: ['riassum*', 'riassunto', 'sintesi', 'sintetizza*', 'punti chiave'],
      ja: ['要約', 'まとめて', '要点'],
      zh: ['总结', '概括', '摘要', '要点'],
      ko: ['요약', '정리해', '핵심'],
    }),
  },
  {
    reason: 'mentions a summary',
    weights: { summarisation: 1 },
    pattern: vocabulary({
      en: [
        /\bsummary\b/,
      ],
    }),
  },
  {
    reason: 'asks to group many items into recurring themes',
    weights: { summarisation: 2, classification: 1 },
    pattern: vocabulary({
      en: [
        /\b(cluster|group) (them|these|the \w{1,40}) into\b/, /\brecurring (themes|requests|issues|topics)\b/,
        /\bmost common (reasons|themes|issues|complaints|requests)\b/,
      ],
    }),
  },
  {
    reason: 'bounds the output to a few sentences, bullets or words',
    weights: { summarisation: 2, rewriting: 0.5 },
    pattern: vocabulary({
      en: [
        phrase(
          String.raw`\b(in|at most|under|no more than|maximum of|max\.?|around|about|roughly|approximately) `,
          String.raw`(\d+|one|two|three|four|five|a few) (short )?`,
          String.raw`(sentences|bullet points|bullets|words|paragraphs?|lines)\b`,
        ),
        /\b(be|keep it) (brief|short)\b/, /\bone (bullet|sentence|line) (each|per \w{1,40})\b/, /\bone-paragraph\b/,
        /\bunder \d+ words\b/, /\b(one|two|three|four|five|\d+)-(sentence|line|bullet)\b/,
        /\bone sentence (on|about|per|for each)\b/,
        phrase(
          String.raw`\b(\d+|one|two|three|four|five|six|seven|eight|ten) `,
          String.raw`(short )?(lines|sentences|bullets|bullet points|words)`,
          String.raw` (at most|max(imum)?|or (fewer|less))\b`,
        ),
        /\bone-page\b/, /\btwo-page\b/, /\b\d+-page\b/,
      ],
      de: [
        phrase(
          String.raw`\b(in|höchstens|maximal|max\.?) (\d+|einem|zwei|drei|vier|fünf) (kurzen )?`,
          ['Sätzen', 'Stichpunkten', 'Absatz', 'Zeilen', 'Wörtern'], String.raw`\b`,
        ),
      ],
      fr: [/\b(en|maximum|au plus) (\d+|une|deux|trois|quatre|cinq) (phrases?|points|lignes|mots|paragraphes?)\b/],
      es: [/\b(en|máximo|como máximo) (\d+|una|dos|tres|cuatro|cinco) (frases|oraciones|puntos|líneas|palabras)\b/],
      pt: [/\b(em|até|no máximo) (\d+|uma|duas|três|quatro|cinco) (frases|tópicos|linhas|palavras|pontos)\b/,
        'em um parágrafo'],
      it: [/\b(in|massimo|al massimo) (\d+|una|due|tre|quattro|cinque) (frasi|punti|righe|parole)\b/, 'in un paragrafo',
        'massimo'],
      ja: [/[0-9０-９一二三四五]+(行|文|つの要点|点)で/, '簡潔に'],
      zh: [/[0-9一二三四五]+(句话|句|点|行)/, '简要'],
      ko: [/(\d+|한|두|세|네|다섯) ?(문장|줄|가지)/, '간단히'],
    }),
  },
  {
    reason: 'the template input is a transcript, thread, minutes, comments or a history',
    weights: { summarisation: 1 },
    pattern: placeholderNaming(['transcript', 'thread', 'minutes', 'comments', 'chapter', 'timeline', 'history']),
  },
  {
    reason: 'works on a transcript, conversation, thread or report',
    weights: { summarisation: 1 },
    pattern: vocabulary({
      en: [
        'transcript', 'conversation', 'thread', 'meeting', 'timeline', 'reviews', 'paper', 'article', 'opinion',
        'chat history', 'diff', 'minutes', /\binterviews?\b/, 'discussion', 'comments', 'chapter', 'play-by-play',
        'notes', 'logs', /\b(the )?last \d+ (hours|days|weeks)\b/,
      ],
      de: ['Protokoll*', 'Besprechung*', 'Artikel*', 'Gespräch*', 'Bericht*'],
      fr: ['article*', 'conversation*', 'fil de discussion', 'réunion*', 'rapport*', 'procès-verbal', 'avis'],
      es: ['conversación', 'artículo*', 'reunión', 'informe', 'informes', 'hilo'],
      pt: ['avaliações', 'relatório*', 'conversa*', 'reunião', 'artigo*'],
      it: ['verbale', 'riunione', 'articolo', 'conversazione', 'rapporto'],
      ja: ['議事録', '会議', '記事', 'チャット', 'やり取り', 'レポート'],
      zh: ['新闻', '会议', '文章', '对话', '聊天记录', '报告'],
      ko: ['기사', '회의록', '회의', '대화', '보고서'],
    }),
  },

  // translation
  {
    reason: 'names a language with a region or as an equivalent (Spanish (Mexico), English equivalent)',
    weights: { translation: 3 },
    pattern: vocabulary({
      en: [
        phrase(String.raw`\b`, languageNames, String.raw` \((\w{1,40} ?){1,2}\)`),
        phrase(String.raw`\b`, languageNames, String.raw` equivalents?\b`),
        phrase(String.raw`\bequivalent in `, languageNames, String.raw`\b`),
        phrase(String.raw`\b`, languageNames, String.raw`-(only|speaking)\b`),
        phrase(String.raw`\bfor (our|the) (`, languageNames, String.raw`|[a-z]+(an|ish|ese)) `),
      ],
    }),
  },
  {
    reason: 'mentions a language by name',
    weights: { translation: 1 },
    pattern: vocabulary({ en: languageNames, ...languageNamesIn }),
  },
  {
    // A hint, not the task: "answer the question in {language}" sets the reply's language for any task.
    reason: 'the template input is a language or locale',
    weights: { translation: 2 },
    pattern: placeholderNaming(['lang', 'locale']),
  },
  {
    reason: 'asks to translate or localise',
    weights: { translation: 4 },
    pattern: vocabulary({
      en: [/\btranslat(e|ion|or)\w{0,40}/, /\blocali[sz]e\w{0,40}/],
      de: ['übersetz*', 'Übersetzung*', 'lokalisier*'],
      fr: ['tradui*', 'traduction*', 'localis*'],
      es: ['traduc*', 'traduzca*', 'localiz*'],
      pt: ['traduz*', 'tradução', 'traduções', 'localiz*'],
      it: ['tradu*', 'localizz*'],
      ja: ['翻訳', '訳して', '訳す'],
      zh: ['翻译', '译成', '译为', '译文'],
      ko: ['번역'],
    }),
  },
  {
    reason: 'names a target language',
    weights: { translation: 3 },
    pattern: vocabulary({
      en: [
        phrase(String.raw`\b(in|into|to|from) `, [...languageNames, 'brazilian portuguese'], String.raw`\b`),
        /\b(source|target|their|the \w{1,40}'s) language\b/,
        phrase(String.raw`\b`, languageNames, String.raw` (version|translation|rendering)s?\b`),
        phrase(String.raw`\b`, languageNames, ' and ', languageNames, String.raw`\b`),
      ],
      ...targetLanguagePhrases,
    }),
  },

  // rewriting
  {
    reason: 'asks to rewrite, rephrase or edit text',
    weights: { rewriting: 3 },
    pattern: vocabulary({
      en: [
        'rewrite', 're-write', 'rephrase', 'paraphrase', 'reword', 'proofread', 'polish', 'simplify', 'edit this',
        'adjust the tone', /\b(fix|correct) (the |any |all )?(typos|spelling|grammar|grammatical errors)\b/,
        /\bmake (this|it|the \w{1,40}) (sound |read )?(more|less|\w{3,12}er\b)\b/,
        /\bmake (this|it|the|their|my|our) [\w\s-]{1,60}? (more|less) \w{3,20}\b/,
        /\bgive it more (personality|warmth|energy|punch|clarity|life|character)\b/,
        /\b(should|must) (read|sound) like\b/, /\bredo (it|the \w{1,40})\b/,
        /\bimprove (the )?(clarity|wording|flow|readability)\b/, 'tighten', 'shorten', 'revise', 'rework',
        /\bcut (the )?filler\b/, 'write it again', 'soften', 'restructure', /\breorgani[sz]e\b/, 'tone down',
        'punch up', /\bmake it (sound|read)\b/,
        phrase(
          String.raw`\b(turn|adapt) (it|this|the) [\w\s-]{0,30}\binto an? [\w\s-]{0,50}\b`,
          writtenPieces, String.raw`\b`,
        ),
      ],
      de: ['formulier* … um', 'umformulier*', 'schreib* … um', 'umschreib*', 'überarbeit*', 'korrigier*'],
      fr: ['réécri*', 'reformul*', 'corrige*', 'améliore*'],
      es: ['reescrib*', 'reformul*', 'corrige*', 'mejora*'],
      pt: ['reescrev*', 'reformul*', 'corrija*'],
      it: ['riscriv*', 'riformula*', 'correggi*', 'migliora*'],
      ja: ['書き直', '言い換え', '添削', '推敲'],
      zh: ['改写', '润色', '重写', '改得'],
      ko: ['다시 써', '고쳐 써', '다듬어', '수정해'],
    }),
  },
  { reason: 'the template input is a draft', weights: { rewriting: 2 }, pattern: placeholderNaming(['draft']) },
  {
    reason: 'works on a draft or note to improve',
    weights: { rewriting: 1 },
    pattern: vocabulary({
      en: [
        /\bdraft(?![\w-])/, /\bthe (following )?(text|paragraph|copy|note|post)(?![\w-])/,
      ],
    }),
  },
  {
    reason: 'criticises the current wording (dry, wordy, jargon, curt)',
    weights: { rewriting: 2 },
    pattern: vocabulary({
      en: [
        /\bdry(?![ -]runs?\b)\b/, 'wordy', 'clunky', 'curt', 'stiff', 'jargon', 'verbose', 'awkward', 'robotic',
        'bland', 'reads like a', 'buzzwords', 'clichés', 'cliches', 'defensive', 'corporate',
      ],
    }),
  },
  {
    reason: 'sets tone, audience or style',
    weights: { rewriting: 2 },
    pattern: vocabulary({
      en: [
        'tone', 'professional', 'polite', 'friendly', 'formal', 'casual', 'empathetic', 'plain language',
        'gender-neutral', 'inclusive', 'reading level', /\b\d+-year-old\b/, /\b(user|customer|client)-facing\b/,
        /\bfor a (non-\w{1,40}|general) audience\b/,
        /\bfor (shoppers|readers|customers|buyers|users|parents|patients)\b/,
        /\b(customers|users|readers|guests|patients|the public) (will|would|can) read\b/, 'engaging', 'conversational',
        'lead with', 'voice', 'courteous',
      ],
      de: ['höflich*', 'freundlich*', 'förmlich*', 'professionell*', 'Ton', 'Tonfall'],
      fr: ['poli', 'polie', 'professionnel*', 'ton', 'style plus', 'informel'],
      es: ['tono', 'cortés', 'profesional', 'amable', 'estilo'],
      pt: ['um tom', 'o tom', 'profissional', 'educad*', 'amigável'],
      it: ['tono', 'professionale', 'cortese', 'accattivante', 'in modo più'],
      ja: ['丁寧', '敬語', 'カジュアル', '口調', 'トーン'],
      zh: ['礼貌', '正式', '简洁', '语气', '口吻'],
      ko: ['말투', '친절한', '공손', '정중', '어조'],
    }),
  },
  {
    reason: 'asks to fix grammar or spelling',
    weights: { rewriting: 2 },
    pattern: vocabulary({
      en: [
        'grammar', 'spelling', 'typos', /\bfix (the )?punctuation\b/,
      ],
      de: ['Rechtschreibung', 'Grammatik', 'Tippfehler'],
      fr: ['orthographe', 'grammaire', 'fautes'],
      es: ['ortografía', 'gramática', 'erratas'],
      pt: ['ortografia', 'gramática', 'erros de digitação'],
      it: ['ortografia', 'grammatica', 'refusi'],
      ja: ['誤字', '文法', '脱字'],
      zh: ['错别字', '语法', '拼写'],
      ko: ['맞춤법', '문법', '오타'],
    }),
  },
  {
    reason: 'asks to keep the meaning or facts',
    weights: { rewriting: 1 },
    pattern: vocabulary({
      en: [
        /\bwithout changing (its|the) meaning\b/,
        /\bkeep(ing)? (every|all the|the) (facts|instructions?|details|meaning)\b/, 'same length',
      ],
      de: ['ohne den inhalt zu ändern', 'den inhalt beibehalten'],
      fr: ['sans changer le sens', 'garde le sens'],
      es: ['sin cambiar el sentido', 'sin cambiar el estilo', 'sin cambiar el significado'],
      pt: ['sem mudar o sentido', 'sem alterar o sentido'],
      it: ['senza cambiare il senso', 'senza cambiare il significato'],
      ja: ['意味を変えず', '内容を変えず'],
      zh: ['不改变意思', '保持原意'],
      ko: ['의미를 바꾸지', '내용은 유지'],
    }),
  },

  // code generation
  {
    reason: 'asks to write, generate or refactor code',
    weights: { 'code-generation': 3 },
    pattern: vocabulary({
      en: [
        phrase(
          String.raw`\b(write|generate|create|implement|refactor|produce|build|i need|give me|define|port|scaffold)\b`,
          String.raw`[^.\n]{0,40}\b`, [...codeLanguages, ...codeArtefacts], String.raw`\b`,
        ),
      ],
      de: ['schreib* … funktion*', 'schreib* … skript*', 'schreib* … abfrage*', 'schreib* … code', 'schreib* … klasse*',
        'erstell* … funktion*', 'erstell* … skript*', 'implementier*', 'programmier*'],
      fr: ['écri* … fonction*', 'écri* … script*', 'écri* … requête*', 'écri* … code', 'génère* … code',
        'génère* … requête*', 'implémente*'],
      es: ['escrib* … función', 'escrib* … funciones', 'escrib* … script*', 'escrib* … consulta*', 'escrib* … código',
        'genera* … consulta*', 'genera* … código', 'genera* … función', 'implementa*'],
      pt: ['escrev* … função', 'escrev* … script*', 'escrev* … consulta*', 'escrev* … código', 'ger* … código',
        'cri* … função', 'implemente*'],
      it: ['scriv* … funzion*', 'scriv* … script*', 'scriv* … query', 'scriv* … codice', 'genera* … codice',
        'implementa*'],
      ja: ['関数', 'スクリプト', 'コードを', 'プログラムを', 'クエリを', '実装して'],
      zh: ['函数', '脚本', '写一个', '编写', '代码', '接口并'],
      ko: ['스크립트', '함수', '코드를', '작성해', '구현'],
    }),
  },
  {
    reason: 'names a programming language, library or code artefact',
    weights: { 'code-generation': 2 },
    pattern: vocabulary({
      en: [phrase(String.raw`\b`, [...codeLanguages, ...codeTools], String.raw`(?!\w)`), /\bsubquer(y|ies)\b/],
    }),
  },
  // Go is a common word, so only its capitalised name after "in" or "using" counts.
  {
    reason: 'names Go as the language',
    weights: { 'code-generation': 2 },
    pattern: vocabulary({
      en: [
        /\bin Go\b/, /\busing Go\b/,
      ],
    }, { caseSensitive: true }),
  },
  {
    reason: 'asks for a complete program or script',
    weights: { 'code-generation': 2 },
    pattern: vocabulary({
      en: [
        /\b(runnable|complete|full|working) (script|program|code|implementation|module)\b/,
        /\breturn (the )?(full|complete) (code|script)\b/,
      ],
    }),
  },
  {
    reason: 'contains or asks for a code block',
    weights: { 'code-generation': 2 },
    pattern: vocabulary({
      en: [
        /```/, /\bcode block\b/, /\breturn only the (new |updated |fixed |final )?(sql|code|query)\b/,
        /\b(select|insert|update)\b[^.\n]{0,40}\bfrom\b/, /\w{1,40}\([\w, ]+\)(\s*\n|,)/,
      ],
    }),
  },

  // multi-step reasoning
  {
    reason: 'asks for step-by-step reasoning',
    weights: { reasoning: 3 },
    pattern: vocabulary({
      en: [
        'step by step', /\bthink (carefully|through)\b/, /\breason (through|about)\b/, /\bwork (it )?through\b/,
        'chain of thought', /\bshow your (work|calculations|reasoning)\b/, /\bexplain (your|the) reasoning\b/,
        'deduce', /\bwork out (the(?! (order|sequence|schedule|timeline|plan)\b)|in which|whether|how|what|which)\b/,
        'one by one', 'explain why',
      ],
      de: ['schritt für schritt', 'begründe*', 'begründung'],
      fr: ['étape par étape', 'justifie*', 'explique pourquoi', 'explique, étape par étape'],
      es: ['paso a paso', 'justifica*', 'explica por qué'],
      pt: ['passo a passo', 'justifique*', 'explique por que', 'explique o raciocínio'],
      it: ['passo dopo passo', 'passo passo', 'giustifica*', 'spiega perché', 'spiega quali'],
      ja: ['段階的', 'ステップごと', '理由を説明', 'なぜ'],
      zh: ['一步一步', '逐步', '说明理由', '为什么'],
      ko: ['단계별', '단계적으로', '이유를 설명', '왜'],
    }),
  },
  {
    reason: 'asks for an overall judgement or likelihood',
    weights: { reasoning: 2 },
    pattern: vocabulary({
      en: [
        /\bjudge?ment\b/, /\bis (this|it) likely\b/, 'how likely', 'likelihood', 'with a probability',
        /\boverall (verdict|assessment|judge?ment)\b/,
      ],
    }),
  },
  {
    reason: 'asks to analyse, evaluate, verify or diagnose',
    weights: { reasoning: 2 },
    pattern: vocabulary({
      en: [
        /\banaly[sz]e\b/, 'evaluate', 'assess', 'verify', /\bdetermine (whether|the most likely)\b/, 'root cause',
        /\bdiagnos(e|is)\b/, 'prove', 'justify', 'justification', /\bcheck (the|each|that|whether)\b/, 'compare the',
        'assess whether', /\bdoes the (evidence|data) support\b/, 'support or contradict', /\bconfounders?\b/,
        /\bselection (effects|bias)\b/, 'could explain', 'be convinced', /\bmost plausibl[ey]\b/,
        /\brank the (candidate |likely |possible )?causes\b/, 'remains uncertain',
        /\b(breaks?|violates?) (any|a|the) rules?\b/, 'statistically significant', 'significance',
        /\bfollows? (logically )?from\b/, 'gap between', /\bdid [\w ]{1,30} really\b/,
      ],
      de: ['analysier*', 'beurteil*', 'bewerte*', 'prüfe*', 'überprüf*', 'abwäg*', 'wäge*'],
      fr: ['analyse*', 'évalue*', 'vérifie*', 'détermine si', 'indique lequel'],
      es: ['analiza*', 'evalúa*', 'verifica*', 'determina si', 'determina cuál'],
      pt: ['analis*', 'avali*', 'verifique*', 'verificando', 'determine se'],
      it: ['analizz*', 'valuta*', 'verific*', 'stabilisci se', 'stabilire se'],
      ja: ['分析', '評価', '検討', '判断して'],
      zh: ['分析', '评估', '推算', '核实', '判断公司'],
      ko: ['분석', '평가', '검토', '비교하고', '판단하세요'],
    }),
  },
  {
    reason: 'asks to weigh evidence against criteria',
    weights: { reasoning: 2 },
    pattern: vocabulary({
      en: [
        /\bscore (each|every|the) \w{1,40} against\b/, /\bshow (the|your) (scoring|working|math)\b/,
        'in order of likelihood', /\bargues? (for|against)\b/, 'best value', 'criteria', 'criterion',
        'cite the evidence', /\bevidence (for|against|in)\b/, /\bunder [\w ]{1,20} law\b/,
        /\bwould (a court )?likely\b/, 'into account', 'depends on', 'could this', /\bis (a|it) [\w ]{0,20}possible\b/,
      ],
    }),
  },
  {
    reason: 'weighs alternatives, trade-offs or evidence',
    weights: { reasoning: 2 },
    pattern: vocabulary({
      en: [
        /\btrade-?offs?\b/, /\balternatives?\b/, 'alternative explanations', /\brules? (\w{1,40} ){0,3}out\b/,
        'edge cases', 'assumptions', 'how confident', 'weigh', 'pros and cons', /\bconsider (each|the|alternative)\b/,
      ],
      de: ['vor- und nachteile', 'abwägen'],
      fr: ['avantages et inconvénients', 'le plus crédible'],
      es: ['ventajas y desventajas', 'pros y contras'],
      pt: ['vantagens e desvantagens', 'prós e contras'],
      it: ['vantaggi e svantaggi', 'pro e contro'],
      ja: ['長所と短所', 'メリットとデメリット', '比較し'],
      zh: ['优缺点', '利弊', '比较'],
      ko: ['장단점', '비교'],
    }),
  },
  {
    reason: 'calls for a verdict or conclusion',
    weights: { reasoning: 1 },
    pattern: vocabulary({
      en: [
        'conclusion', 'verdict', /\bdecide (whether|if)\b/, /\bwhich (option|design|approach)\b/, 'recommendation',
        'conclude', /\bwhat (should|can) we (conclude|infer)\b/,
      ],
    }),
  },
  {
    reason: 'involves calculation or constraint solving',
    weights: { reasoning: 1 },
    pattern: vocabulary({
      en: [
        /\bcalculat(e|ion)s?\b/, 'probability', /\bconstraints?\b/, 'puzzle', 'revenue', 'margin', 'forecast',
        /\bestimate (how|the)\b/, /\bhow many \w{1,40} (will|would) (we|i|you) need\b/,
        /\bshow how you (got|arrived|reached|counted|calculated)\b/, 'showing the arithmetic', 'landed cost',
        'discount rate',
      ],
    }),
  },

  // Reasoning markers: whatever the verb (classify, extract, summarise, rewrite), these need judgement.
  {
    reason: 'sources contradict each other or must be reconciled',
    weights: { reasoning: 3 },
    marksReasoning: true,
    pattern: vocabulary({
      en: [
        /\bcontradict\w*/, /\breconcil\w*/, /\bdiscrepanc\w*/, /\binconsisten\w*/,
        /\b(where|when|if) (they|the \w{1,40}|these|both) (conflict|disagree|differ)\b/,
        /\bconflicting (reports|sources|accounts|statements|figures|evidence|testimony)\b/,
      ],
      de: ['widersp*'],
      fr: ['contredi*', 'contradict*'],
      es: ['contradic*', 'contradig*'],
      pt: ['contradi*', 'contradig*'],
      it: ['contraddi*'],
      ja: ['矛盾', '食い違'],
      zh: ['矛盾', '不一致', '相冲突'],
      ko: ['모순', '상충', '불일치'],
    }),
  },
  {
    reason: 'a figure the input does not state must be derived',
    weights: { reasoning: 3 },
    marksReasoning: true,
    pattern: vocabulary({
      en: [
        phrase(
          String.raw`\b(is not|isn't|not) (directly )?(stated|given|shown|listed)\b[^\n]{0,60}`,
          String.raw`\b(derive|compute|calculate|work (it )?out)`,
        ),
        /\b(derive|compute|calculate) (it|them|the \w{1,40}) from\b/,
      ],
      de: ['nicht angegeben', 'nicht genannt … berechne*', 'leite … ab', 'herleit*'],
      fr: ["n'est pas indiqué", "n'est pas précisé", 'calcule-le', 'calcule-la', 'qui en découle'],
      es: ['no lo indica', 'no se indica', 'no está indicado', 'hay que aplicar'],
      pt: ['não está indicado', 'não é informado', 'não consta'],
      it: ['non è indicato', 'non è riportato', 'va calcolat*'],
      ja: ['記載されていない', '明記されていない', '書かれていない'],
      zh: ['没有直接写明', '未写明', '未注明', '推算'],
      ko: ['적혀 있지 않', '명시되어 있지 않', '계산해야'],
    }),
  },
  {
    reason: 'cites an article of a law or standard to comply with',
    weights: { reasoning: 3 },
    marksReasoning: true,
    pattern: vocabulary({
      en: [/\barticle \d+/, /§\s*\d+/, /\bart\. \d+/, /\b(complies|comply|complied|compliance|compliant) with\b/],
      de: [/\bArtikel \d+/, 'BGB', 'HGB', 'DSGVO'],
      fr: [/\barticle \d+/, 'conformité', 'conforme à la loi'],
      es: [/\bartículo \d+/, 'Ley de', 'conforme a la ley'],
      pt: [/\bartigo \d+/, 'conformidade com', 'legislação'],
      it: [/\barticolo \d+/, 'conformità', 'giurisprudenza'],
      ja: [/第[0-9０-９一二三四五六七八九十百]+条/, '法第', '準拠'],
      zh: [/第[0-9一二三四五六七八九十百]+条/, '准则', '法典', '合规'],
      ko: [/제\d+조/, '회계기준', '위반 여부'],
    }),
  },
  {
    reason: 'applies the law or rules of more than one jurisdiction',
    weights: { reasoning: 3 },
    marksReasoning: true,
    pattern: vocabulary({
      en: [
        /\bjurisdictions?\b/, /\bcross-border\b/, /\bdouble taxation\b/,
        /\b\w{2,20} and \w{2,20} (law|laws|rules|courts|regulations|tax rules)\b/, /\bin both \w{2,20} and \w{2,20}\b/,
      ],
      de: [/\b\w{3,20}em und \w{3,20}em Recht\b/],
      fr: [/\b(taux|droits?|lois?) \w{3,20} et \w{3,20}/],
      es: [/\b(leyes|normas|derechos?) \w{3,20} y \w{3,20}/],
      pt: [/\blegislação [^.\n]{0,40}\bde \w{3,20}[^.\n]{0,20} e d[oa] \w{3,20}/],
      it: [/\b(leggi|norme|diritti?) \w{3,20} e \w{3,20}/],
      ja: ['州法', '法と', '準拠法'],
      zh: ['和内地', '两地法律', '适用法律'],
      ko: ['준거법'],
    }),
  },
  {
    reason: 'a legal, medical, tax or accounting judgement',
    weights: { reasoning: 2 },
    marksReasoning: true,
    pattern: vocabulary({
      en: [
        /\bjudge\b/, /\bassess\w*/, /\bdetermine (whether|if)\b/, /\bdecide (whether|if|which)\b/, /\bweigh\w*/,
        /\bevaluate\w*/, /\bconsidering\b/, /\btaking into account\b/, /\bapply(ing)?\b/, /\bjustif\w*/,
        /\bexplain (the|your|why)\b/,
      ],
      de: ['beurteil*', 'prüfe*', 'bewerte*', 'berücksichtig*', 'abwäg*', 'wäge*', 'begründe*', 'entscheide*'],
      fr: ['détermine*', 'évalue*', 'juge*', 'apprécie*', 'en tenant compte', 'appliquant', 'indique lequel'],
      es: ['determina*', 'evalúa*', 'juzga*', 'teniendo en cuenta', 'aplicar', 'aplicando'],
      pt: ['determine*', 'avali*', 'julgue*', 'considere*', 'considerando', 'verificando'],
      it: ['stabilisci*', 'valuta*', 'giudica*', 'tenendo conto', 'applicando'],
      ja: ['判断', '検討', '評価', '考慮'],
      zh: ['判断', '评估', '考虑', '根据'],
      ko: ['판단', '검토', '평가', '고려', '적용'],
    }),
    requires: vocabulary({
      en: [
        'law', 'laws', 'legal', 'lawful', 'court', 'courts', 'case law', 'statute', 'regulation', 'tax', 'taxation',
        'vat', 'deductible', 'liable', 'liability',
        /\b(covered|coverage|exclusions|endorsements|policy wording|clinical|medical|diagnos\w*|symptoms)\b/,
        /\b(medications?|lab values|patient|audit\w*|accounting|revenue recognition|complian\w*)\b/,
      ],
      de: ['Recht', 'Rechts*', 'Gesetz*', 'Gericht*', 'Vertrag*', 'Haftung', 'Steuer*', 'medizin*', 'Diagnose*',
        'Gutachten', 'AGB', 'Kündigung*'],
      fr: ['droit', 'loi', 'juridique*', 'tribunal', 'contrat*', 'fiscal*', 'TVA', 'impôt*', 'médical*', 'diagnostic*',
        'sinistre', 'indemnisation', 'franchise*'],
      es: ['ley', 'derecho', 'jurídic*', 'tribunal*', 'contrato*', 'fiscal*', 'impuesto*', 'IVA', 'médic*',
        'diagnóstic*', 'inquilino', 'arrendamiento*', 'baja laboral'],
      pt: ['lei', 'direito', 'jurídic*', 'contrato*', 'fiscal', 'imposto*', 'dedutível', 'médic*', 'diagnóstic*',
        'ICMS', 'alíquota', 'Receita Federal'],
      it: ['legge', 'diritto', 'giuridic*', 'contratto', 'fiscale', 'imposta', 'medic*', 'diagnos*', 'referti',
        'perizi*', 'bilancio', 'IMU'],
      ja: ['法', '契約', '税', '医師', '診断', '会計', '監査'],
      zh: ['法律', '合同', '税', '医疗', '诊断', '审计', '会计', '收入确认', '违约'],
      ko: ['법', '계약', '세금', '진단', '회계', '재무제표', '임대차'],
    }),
  },
  {
    reason: 'asks to calculate or derive a figure',
    weights: { reasoning: 2 },
    marksReasoning: true,
    pattern: vocabulary({
      en: [/\bcalculat(e|ing)\b/, /\bcompute\b/, /\bderive\b/, /\bwork out (the|how much|how many)\b/],
      de: ['berechne*', 'ausrechn*'],
      fr: ['calcule*'],
      es: ['calcula*', 'prorratea*'],
      pt: ['calcule*', 'calcular', 'calculando'],
      it: ['calcola*', 'calcolato'],
      ja: ['計算', '算出', '試算'],
      zh: ['计算', '核算'],
      ko: ['계산', '산출'],
    }),
  },

  {
    reason: 'plans around dependencies or capacity',
    weights: { planning: 1, reasoning: 1 },
    marksReasoning: true,
    pattern: vocabulary({
      en: [
        // Not "constraints": prompts head their rules "Constraints:" whatever the task.
        /\bdependenc(y|ies)\b/, /\bcapacity\b/, /\bcritical path\b/, /\bfreeze (window|period)\b/, /\brollback\b/,
        /\bblocked by\b/,
      ],
      de: ['Abhängigkeit*', 'Kapazität*'],
      fr: ['dépendances', 'capacité'],
      es: ['dependencias', 'capacidad'],
      pt: ['dependências', 'capacidade'],
      it: ['dipendenze', 'capacità'],
      ja: ['依存関係'],
      zh: ['依赖关系', '产能'],
      ko: ['의존성'],
    }),
  },

  // planning
  {
    reason: 'asks to map out or draw up work over time',
    weights: { planning: 3 },
    pattern: vocabulary({
      en: [
        'map out', 'draw up', /\blay out (a|the|our) ([\w-]{1,40} )?(plan|schedule|work)\b/,
        /\bschedule (the|my|our|their) (work|tasks|time|weeks?|days?|prep(aration)?|revision|study)\b/,
      ],
    }),
  },
  {
    reason: 'counts down to a deadline or a date',
    weights: { planning: 2 },
    pattern: vocabulary({
      en: [
        /\b(weeks?|days|months) (until|before|left|to go)\b/, /\bis due\b/, /\bare due\b/, /\bleaving time for\b/,
        /\bin (\d+|\{\{?\s*\w{1,40}\s*\}\}?|\$\{\w{1,40}\}) (days|weeks|months)\b/, /\bnext month\b/,
        /\bby \{\{?\s*\w{0,40}date\w{0,40}\s*\}\}?/, /\bby \$\{\w{0,40}[dD]ate\w{0,40}\}/,
      ],
    }),
  },
  {
    reason: 'sets target dates, owners or order of work',
    weights: { planning: 2 },
    pattern: vocabulary({
      en: [
        /\bthe sequence of/, /\bleading up to/, /\bwhat goes into which/,
        /\bin which (release|sprint|phase|week|month|quarter)/, /\brelease trains?/, /\bsequence of work/,
        /\bwhat can be paralleli[sz]ed/, /\bon track/, /\btackle first/, /\bto-do list/, /\blead times/,
        /\b(propose|suggest) (a|the) (sequence|order)/,
        /\bwhat (i|we|you|they) should (do|work on|tackle|prepare)( \w{1,40})? when\b/,
        /\bwhen each (one )?(needs to|should|must|has to) (be done|happen|start|be ready)/, /\btarget dates?/,
        /\bowner (team|for each)/, /\ban owner/, /\border in which/, /\bin the order they/,
        /\bpublication (week|date)/, /\bbuilding towards/, /\bnext quarter/, /\bper month/, /\ba month\b/,
        /\bthe order (the|in which) \w{1,40} (should|must|will)/, /\b(is|are) waiting on/, /\bearliest (date|start)/,
        /\bcritical path/, /\brun-of-show/, /\brun of show/, /\bfirst (30|60|90) days/, /\b(weekly|daily) cadence/,
        /\bcheckpoints?/, /\bcounting back from/, /\bwho (handles|needs to be)/, /\btimetable/, /\brota\b/,
      ],
    }),
  },
  {
    reason: 'asks for a plan, schedule, itinerary or roadmap',
    weights: { planning: 3 },
    pattern: vocabulary({
      en: [
        phrase(
          String.raw`\b(create|build|design|draft|put together|outline|prepare)\b[^.\n]{0,40}`,
          String.raw`\b(plan|programme|program|schedule|checklist|agenda|curriculum|timeline)\b`,
        ),
        /\bplan (a|the|for)\b/, 'project plan', 'sprint plan', /\bpropose a \w{1,40} plan\b/, 'itinerary', 'roadmap',
        /\b(study|training|release|content) (schedule|programme|program|plan|calendar)\b/, 'schedule for', 'runbook',
        'migration strategy', 'rollout plan', 'rollback plan', 'launch plan',
        /\bhow (we|i) should (launch|roll out|migrate|organi[sz]e|approach)\b/,
      ],
      de: ['Wochenplan*', 'Zeitplan*', 'Dienstplan*', 'Stundenplan*', 'Plan für', 'erstell* … plan*', 'planen',
        'Planung'],
      fr: ['planning', 'calendrier', 'emploi du temps', 'programme de', 'prépare … plan*', 'planifie*'],
      es: ['calendario', 'cronograma', 'planifica*', 'organiza … calendario', 'plan de'],
      pt: ['plano de', 'cronograma', 'calendário', 'planej*'],
      it: ['pianifica*', 'calendario', 'programma di', 'piano di'],
      ja: ['スケジュール', '計画', '予定を', '日程'],
      zh: ['计划', '安排', '日程', '时间表'],
      ko: ['일정', '계획', '스케줄'],
    }),
  },
  {
    reason: 'assigns steps to time slots or owners',
    weights: { planning: 2 },
    pattern: vocabulary({
      en: [
        /\bin which (week|month|phase)\b/, /\bwhat happens (in|on|each)\b/, 'who is responsible',
        /\bwho (should|will|is going to) (own|handle|take|do|run)\b/, 'which team is responsible',
        'must be ready before', /\bweek \d+\b/, /\bover the next (week|month|quarter|year)\b/, /\bday \d+\b/,
      ],
    }),
  },
  {
    reason: 'asks to break work into phases, tasks or milestones',
    weights: { planning: 2 },
    pattern: vocabulary({
      en: [
        'phases', 'milestones', 'workstreams', /\bbreak (the work|it|this) (down )?into\b/,
        /\bsequence (the|of) (steps|topics|tasks)\b/, 'dependencies', 'deadlines', 'allocate', 'capacity',
        /\bprioriti[sz]e\b/,
      ],
    }),
  },
  {
    reason: 'the template input is a date, deadline or time span',
    weights: { planning: 1 },
    pattern: placeholderNaming(['date', 'deadline', 'weeks', 'months']),
  },
  {
    reason: 'organises activities over time',
    weights: { planning: 1 },
    pattern: vocabulary({
      en: [
        /\b\d+-(day|week|month)\b/, /\bper (day|week)\b/, /\beach (day|week|month)\b/, /\bfor each (day|week)\b/,
        'month-by-month', 'week-by-week', 'day-by-day', /\bnext (two|\d+) weeks\b/, 'from now until', 'timeline',
        /\bowners?\b/, 'in parallel',
      ],
      de: ['pro Woche', 'jede Woche', 'an welchem Tag', 'Montag*', 'Wochen'],
      fr: ['par semaine', 'chaque semaine', 'lundi', 'semaines'],
      es: ['por semana', 'cada semana', 'al día', 'lunes', 'próximas … semanas'],
      pt: ['por semana', 'cada semana', 'semanas', 'segunda-feira'],
      it: ['a settimana', 'ogni settimana', 'lunedì', 'settimane'],
      ja: ['毎週', '月曜', '午前と午後', '来週', '週間'],
      zh: ['每周', '周一', '下周', '每天', '周末'],
      ko: ['매주', '월요일', '금요일', '다음 달', '다음 주'],
    }),
  },

  // agentic tool use
  { reason: 'the call passes tools', weights: { agentic: 5 }, test: (facts) => facts.usesTools === true },
  {
    reason: 'describes tools or actions to call',
    weights: { agentic: 3 },
    pattern: vocabulary({
      en: [
        /\byou have (access to )?(tools|a \w{1,40} tool)/, /\btools (provided|available)/,
        /\bavailable (tools|actions|functions)/, /\bthe tools? provided/,
        /\b(call|use|invoke) (the )?`?\w{1,40}_\w{1,40}`?( tool| function)?/,
        /\b(through|via|with) (these|the following|the) tools/, /\bfunctions?\b[^.\n]{0,20}\btools?\b/,
        /\bwith the tools\b/, /\b\w{1,40}_\w{1,40}\(\w{0,40}[,)]/,
        /\bthe \w{1,40}(, \w{1,40}){0,10} and \w{1,40} (tools|functions)\b/,
      ],
      de: ['Werkzeuge'],
      fr: ['outils'],
      es: ['herramientas'],
      pt: ['ferramentas'],
      it: ['strumenti'],
      ja: ['ツールを使', 'ツール'],
      zh: ['调用', '工具'],
      ko: ['도구', '툴'],
    }),
  },
  {
    reason: 'asks to act in a loop until a goal is met',
    weights: { agentic: 2 },
    pattern: vocabulary({
      en: [
        'keep working until', /\buntil the (task|test|request) (is|passes)\b/, 'stop when',
        /\bobserve (each|the) result\b/, /\bthought\s*(\/|,)\s*action,?\s*(\/|and)\s*observation\b/, 'autonomous',
        /\bagent\b/, /\bact as the [\w\s]*agent\b/, 'before acting', 'try again', 'escalate',
      ],
      de: ['bis … erledigt', 'bis … gelöst'],
      fr: ["jusqu'à ce que", 'agent'],
      es: ['hasta completar', 'hasta que', 'agente'],
      pt: ['até que', 'até concluir', 'agente'],
      it: ['finché', 'fino a quando', 'agente'],
      ja: ['まで繰り返', 'エージェント'],
      zh: ['直到', '代理'],
      ko: ['까지 반복', '에이전트'],
    }),
  },
  {
    reason: 'defines actions in call syntax (Search[query], Finish[answer])',
    weights: { agentic: 3 },
    pattern: vocabulary({
      en: [
        /\b[A-Z]\w{1,40}\[\w{1,40}\][^\n]{0,200}\n[^\n]{0,200}\b[A-Z]\w{1,40}\[\w{1,40}\]/,
      ],
    }, { caseSensitive: true }),
  },
  {
    reason: 'operates on an environment (files, shell, browser, APIs)',
    weights: { agentic: 1 },
    pattern: vocabulary({
      en: [
        /\brun (shell )?commands\b/, 'edit files', 'read files', 'headless browser', 'navigate', 'click',
        'download every', 'log in to', 'search the codebase', 'run the test suite',
      ],
    }),
  },
  {
    reason: 'numbered instructions with conditional actions',
    weights: { agentic: 1, planning: 0.5 },
    pattern: vocabulary({
      en: [
        /^\s*\d\.\s.*\b(if|only after|before)\b/,
      ],
    }, { multiline: true }),
  },

  // Output length from the call site.
  {
    reason: 'a short output cap (≤ 60 tokens)',
    weights: { classification: 1, extraction: 0.5 },
    test: (facts) => facts.maxTokens !== undefined && facts.maxTokens > 20 && facts.maxTokens <= 60,
  },
  {
    reason: 'a long output cap (≥ 2,000 tokens)',
    weights: { 'code-generation': 1, reasoning: 1, planning: 1, rewriting: 0.5 },
    test: (facts) => facts.maxTokens !== undefined && facts.maxTokens >= 2000,
  },
];

/** Classes whose score is within this share of the winner's are close enough to matter (see recommend). */
export const closeRunnerUpShare = 0.6;
/** Tasks whose verbs ("classify", "extract", "summarise") often front a task that needs reasoning. */
const simpleSurface: ReadonlySet<TaskClass> = new Set([
  'classification', 'extraction', 'formatting', 'summarisation', 'translation', 'rewriting',
]);

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
  const matches = (pattern: WordPattern) => pattern.test(prompt) || (unwrapped !== prompt && pattern.test(unwrapped));
  const fired: Feature[] = [];
  for (const feature of features) {
    const hit = feature.pattern
      ? matches(feature.pattern) && (!feature.requires || matches(feature.requires))
      : feature.test!(callSite);
    if (!hit) continue;
    fired.push(feature);
    for (const [taskClass, weight] of Object.entries(feature.weights) as [TaskClass, number][]) {
      scores[taskClass] += weight;
    }
  }
  const reasoningMarkers = fired.filter((feature) => feature.marksReasoning).map((feature) => feature.reason);

  const ranked = [...taskClasses].sort((a, b) => scores[b] - scores[a]);
  // "Summarise the reports and decide where they contradict…": a simple verb over a task that needs reasoning is a
  // reasoning task once the markers weigh about as much as the verb.
  const leader = ranked[0]!;
  if (reasoningMarkers.length && simpleSurface.has(leader) && scores.reasoning >= scores[leader] * closeRunnerUpShare) {
    ranked.splice(ranked.indexOf('reasoning'), 1);
    ranked.unshift('reasoning');
  }
  const [top, second] = [ranked[0]!, ranked[1]!];
  if (scores[top] <= 0) {
    // Nothing recognisable: assume the demanding case so that no cheaper tier is suggested on no evidence.
    return {
      taskClass: 'reasoning',
      confidence: 0,
      reasons: ['no task features found; treated as multi-step reasoning'],
      scores,
      reasoningMarkers,
    };
  }

  const margin = Math.max(0, scores[top] - Math.max(0, scores[second])) / scores[top];
  const evidence = Math.min(1, scores[top] / 6);
  const confidence = Math.round((0.5 * margin + 0.5 * evidence) * 100) / 100;
  const reasons = fired
    .filter((feature) => (feature.weights[top] ?? 0) > 0)
    .sort((a, b) => (b.weights[top] ?? 0) - (a.weights[top] ?? 0))
    .map((feature) => `${feature.reason} (+${feature.weights[top]} ${taskClassNames[top]})`);
  if (scores[second] > 0) reasons.push(`runner-up: ${taskClassNames[second]} (${scores[second]} vs ${scores[top]})`);
  return { taskClass: top, confidence, reasons, scores, reasoningMarkers };
}
