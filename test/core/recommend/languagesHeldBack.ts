// The held-back part of the language and misleading-surface prompts: written and labelled (task, smallest tier that
// does it well) together with languages.ts, before the classifier ran on either; the features were never tuned
// against it. It is scored once per change set and its figures are reported as measured (docs/recommendations.md).
import type { TierLabelledPrompt } from './languages';

export const heldBackLanguagePrompts: TierLabelledPrompt[] = [
  // ── German ─────────────────────────────────────────────────────────────────────────────────────────────────────
  {
    language: 'de',
    surface: 'plain',
    label: 'classification',
    handledBy: 'small',
    app: 'de review polarity',
    prompt: `Ist die folgende Bewertung positiv, negativ oder neutral? Gib nur das Wort aus.

{{bewertung}}`,
  },
  {
    language: 'de',
    surface: 'plain',
    label: 'extraction',
    handledBy: 'small',
    app: 'de tracking number',
    prompt: `Hol die Sendungsnummer aus dieser Nachricht.

{{nachricht}}`,
  },
  {
    language: 'de',
    surface: 'plain',
    label: 'summarisation',
    handledBy: 'small',
    app: 'de article summary',
    prompt: `Gib eine kurze Zusammenfassung des folgenden Artikels in drei Sätzen.

{{artikel}}`,
  },
  {
    language: 'de',
    surface: 'misleading',
    label: 'reasoning',
    handledBy: 'large',
    app: 'de dismissal',
    prompt: `Fasse die Gutachten zusammen und beurteile, ob der Arbeitgeber nach § 626 BGB fristlos kündigen durfte;
berücksichtige dabei, dass sich die Zeugenaussagen widersprechen.

{{gutachten}}`,
  },
  {
    language: 'de',
    surface: 'plain',
    label: 'translation',
    handledBy: 'small',
    app: 'de to fr',
    prompt: `Übersetze diese Produktbeschreibung ins Französische.

{{beschreibung}}`,
  },
  {
    language: 'de',
    surface: 'plain',
    label: 'code-generation',
    handledBy: 'medium',
    app: 'de monthly revenue sql',
    prompt: `Schreibe eine SQL-Abfrage, die den Umsatz pro Monat aus der Tabelle bestellungen berechnet.`,
  },

  // ── French ─────────────────────────────────────────────────────────────────────────────────────────────────────
  {
    language: 'fr',
    surface: 'json-mode',
    label: 'extraction',
    handledBy: 'small',
    app: 'fr invoice amount',
    prompt: `Récupère le nom du client et le montant de la facture dans ce message. Réponds en JSON.

{{message}}`,
    callSite: { jsonMode: true },
  },
  {
    language: 'fr',
    surface: 'plain',
    label: 'classification',
    handledBy: 'small',
    app: 'fr complaint flag',
    prompt: `Ce courriel est-il une réclamation ? Réponds par oui ou non.

{{courriel}}`,
  },
  {
    language: 'fr',
    surface: 'plain',
    label: 'rewriting',
    handledBy: 'small',
    app: 'fr proofreading',
    prompt: `Corrige les fautes d'orthographe et de grammaire dans ce texte.

{{texte}}`,
  },
  {
    language: 'fr',
    surface: 'misleading',
    label: 'reasoning',
    handledBy: 'large',
    app: 'fr vat due',
    prompt: `Extrais le montant de la TVA due pour le trimestre. Il n'est pas indiqué : calcule-le à partir des
factures, en appliquant les taux français et belges selon le lieu de livraison.

{{factures}}`,
  },
  {
    language: 'fr',
    surface: 'plain',
    label: 'planning',
    handledBy: 'medium',
    app: 'fr chores',
    prompt: `Prépare un planning de ménage pour la colocation : quatre personnes, une tâche par personne et par semaine,
sur un mois.`,
  },
  {
    language: 'fr',
    surface: 'plain',
    label: 'summarisation',
    handledBy: 'small',
    app: 'fr thread synthesis',
    prompt: `Fais une synthèse de ce fil de discussion en cinq points maximum.

{{fil}}`,
  },

  // ── Spanish ────────────────────────────────────────────────────────────────────────────────────────────────────
  {
    language: 'es',
    surface: 'json-mode',
    label: 'extraction',
    handledBy: 'small',
    app: 'es form fields',
    prompt: `Extrae el nombre, el DNI y la dirección del formulario y devuélvelos en JSON. Si falta un dato, usa null.

{{formulario}}`,
    callSite: { jsonMode: true },
  },
  {
    language: 'es',
    surface: 'plain',
    label: 'classification',
    handledBy: 'small',
    app: 'es urgency',
    prompt: `Clasifica la incidencia según su urgencia: alta, media o baja. Solo la etiqueta.

{{incidencia}}`,
  },
  {
    language: 'es',
    surface: 'plain',
    label: 'formatting',
    handledBy: 'small',
    app: 'es table to csv',
    prompt: `Convierte esta tabla a formato CSV sin cambiar los valores.

{{tabla}}`,
  },
  {
    language: 'es',
    surface: 'misleading',
    label: 'reasoning',
    handledBy: 'large',
    app: 'es sick leave',
    prompt: `Resume los tres informes médicos y determina si la baja laboral está justificada, teniendo en cuenta que
los diagnósticos se contradicen y los criterios del INSS.

{{informes}}`,
  },
  {
    language: 'es',
    surface: 'tool-calling',
    label: 'agentic',
    handledBy: 'large',
    app: 'es billing agent',
    prompt: `Eres un agente con acceso a las herramientas buscar_cliente, crear_factura y enviar_email. Gestiona la
solicitud del cliente paso a paso hasta completarla.`,
    callSite: { usesTools: true },
  },
  {
    language: 'es',
    surface: 'plain',
    label: 'translation',
    handledBy: 'small',
    app: 'es to pt',
    prompt: `Traduce este correo al portugués.

{{correo}}`,
  },

  // ── Portuguese ─────────────────────────────────────────────────────────────────────────────────────────────────
  {
    language: 'pt',
    surface: 'plain',
    label: 'classification',
    handledBy: 'small',
    app: 'pt department',
    prompt: `Qual é o departamento responsável por esta mensagem: vendas, suporte ou financeiro? Responda só com o nome
do departamento.

{{mensagem}}`,
  },
  {
    language: 'pt',
    surface: 'plain',
    label: 'summarisation',
    handledBy: 'small',
    app: 'pt report summary',
    prompt: `Resuma este relatório em um parágrafo curto.

{{relatorio}}`,
  },
  {
    language: 'pt',
    surface: 'plain',
    label: 'extraction',
    handledBy: 'small',
    app: 'pt order and cep',
    prompt: `Pegue o número do pedido e o CEP deste e-mail.

{{email}}`,
  },
  {
    language: 'pt',
    surface: 'misleading',
    label: 'reasoning',
    handledBy: 'large',
    app: 'pt tax risk',
    prompt: `Classifique o contrato conforme o risco fiscal, verificando a conformidade com o artigo 150 da
Constituição e com a legislação do ICMS de São Paulo e do Rio de Janeiro, e calcule a diferença de alíquota devida.

{{contrato}}`,
  },
  {
    language: 'pt',
    surface: 'plain',
    label: 'rewriting',
    handledBy: 'small',
    app: 'pt shorter clearer',
    prompt: `Deixe este texto mais curto e mais claro, sem mudar o sentido.

{{texto}}`,
  },
  {
    language: 'pt',
    surface: 'plain',
    label: 'reasoning',
    handledBy: 'large',
    app: 'pt supplier choice',
    prompt: `Avalie as três propostas de fornecedores, compare os custos totais em cinco anos e justifique qual
escolher.

{{propostas}}`,
  },

  // ── Italian ────────────────────────────────────────────────────────────────────────────────────────────────────
  {
    language: 'it',
    surface: 'plain',
    label: 'classification',
    handledBy: 'small',
    app: 'it spam yes no',
    prompt: `Questo messaggio è spam? Rispondi solo sì o no.

{{messaggio}}`,
  },
  {
    language: 'it',
    surface: 'plain',
    label: 'extraction',
    handledBy: 'small',
    app: 'it invoice fields',
    prompt: `Estrai dalla fattura il numero, la data e la partita IVA del fornitore.

{{fattura}}`,
  },
  {
    language: 'it',
    surface: 'plain',
    label: 'translation',
    handledBy: 'small',
    app: 'it to en',
    prompt: `Traduci questo testo in inglese mantenendo la formattazione.

{{testo}}`,
  },
  {
    language: 'it',
    surface: 'misleading',
    label: 'reasoning',
    handledBy: 'large',
    app: 'it property tax',
    prompt: `Estrai l'importo dell'IMU dovuta. Non è indicato: va calcolato dalla rendita catastale, applicando le
aliquote del comune e le detrazioni per l'abitazione principale.

{{visura}}`,
  },
  {
    language: 'it',
    surface: 'plain',
    label: 'formatting',
    handledBy: 'small',
    app: 'it title case',
    prompt: `Metti in maiuscolo la prima lettera di ogni parola nei titoli seguenti, senza cambiare altro.

{{titoli}}`,
  },
  {
    language: 'it',
    surface: 'plain',
    label: 'code-generation',
    handledBy: 'medium',
    app: 'it date parser',
    prompt: `Scrivi una funzione TypeScript che converta una data nel formato gg/mm/aaaa in un oggetto Date.`,
  },

  // ── Japanese ───────────────────────────────────────────────────────────────────────────────────────────────────
  {
    language: 'ja',
    surface: 'plain',
    label: 'classification',
    handledBy: 'small',
    app: 'ja review polarity',
    prompt: `このレビューは肯定的ですか、否定的ですか？「肯定」か「否定」だけで答えてください。

{{review}}`,
  },
  {
    language: 'ja',
    surface: 'plain',
    label: 'extraction',
    handledBy: 'small',
    app: 'ja invoice fields',
    prompt: `次の請求書から請求番号、発行日、合計金額を抜き出してください。

{{invoice}}`,
  },
  {
    language: 'ja',
    surface: 'plain',
    label: 'translation',
    handledBy: 'small',
    app: 'ja to zh',
    prompt: `この文章を中国語に翻訳してください。

{{text}}`,
  },
  {
    language: 'ja',
    surface: 'plain',
    label: 'summarisation',
    handledBy: 'small',
    app: 'ja chat summary',
    prompt: `以下のチャットのやり取りを要約してください。

{{chat}}`,
  },
  {
    language: 'ja',
    surface: 'misleading',
    label: 'reasoning',
    handledBy: 'large',
    app: 'ja diagnoses',
    prompt: `以下の3つの医師の診断書を分類し、症状と検査結果が矛盾する場合はどの診断が妥当かを判断してください。

{{certificates}}`,
  },
  {
    language: 'ja',
    surface: 'tool-calling',
    label: 'agentic',
    handledBy: 'large',
    app: 'ja meeting booking',
    prompt: `あなたは search_calendar と create_event のツールを使えるアシスタントです。参加者全員の空き時間を調べ、会議を登録してください。`,
    callSite: { usesTools: true },
  },

  // ── Chinese ────────────────────────────────────────────────────────────────────────────────────────────────────
  {
    language: 'zh',
    surface: 'plain',
    label: 'classification',
    handledBy: 'small',
    app: 'zh spam yes no',
    prompt: `这封邮件是垃圾邮件吗？只回答“是”或“否”。

{{email}}`,
  },
  {
    language: 'zh',
    surface: 'plain',
    label: 'extraction',
    handledBy: 'small',
    app: 'zh phone numbers',
    prompt: `从这段文字中提取所有电话号码，每行一个。

{{text}}`,
  },
  {
    language: 'zh',
    surface: 'plain',
    label: 'rewriting',
    handledBy: 'small',
    app: 'zh polite notice',
    prompt: `请把下面的通知改写得更礼貌一些。

{{notice}}`,
  },
  {
    language: 'zh',
    surface: 'misleading',
    label: 'reasoning',
    handledBy: 'large',
    app: 'zh penalty amount',
    prompt: `请提取该合同的违约金金额。合同中没有直接写明，需要根据《民法典》第585条以及香港和内地法律的差异来计算，并说明两者冲突时如何处理。

{{contract}}`,
  },
  {
    language: 'zh',
    surface: 'plain',
    label: 'planning',
    handledBy: 'medium',
    app: 'zh workout week',
    prompt: `请帮我安排下周的健身计划：每周三次，每次一小时，周末休息。`,
  },
  {
    language: 'zh',
    surface: 'plain',
    label: 'formatting',
    handledBy: 'small',
    app: 'zh iso dates',
    prompt: `把下列日期统一改成YYYY-MM-DD格式，其他内容不要改。

{{dates}}`,
  },

  // ── Korean ─────────────────────────────────────────────────────────────────────────────────────────────────────
  {
    language: 'ko',
    surface: 'plain',
    label: 'classification',
    handledBy: 'small',
    app: 'ko review polarity',
    prompt: `이 리뷰가 긍정인지 부정인지 판단하세요. '긍정' 또는 '부정'으로만 답하세요.

{{review}}`,
  },
  {
    language: 'ko',
    surface: 'plain',
    label: 'extraction',
    handledBy: 'small',
    app: 'ko contract date amount',
    prompt: `다음 문서에서 계약 날짜와 계약 금액을 찾아 주세요.

{{document}}`,
  },
  {
    language: 'ko',
    surface: 'plain',
    label: 'summarisation',
    handledBy: 'small',
    app: 'ko minutes',
    prompt: `다음 회의록을 다섯 줄 이내로 요약해 주세요.

{{minutes}}`,
  },
  {
    language: 'ko',
    surface: 'plain',
    label: 'translation',
    handledBy: 'small',
    app: 'ko to en',
    prompt: `아래 내용을 영어로 번역하세요.

{{text}}`,
  },
  {
    language: 'ko',
    surface: 'misleading',
    label: 'reasoning',
    handledBy: 'large',
    app: 'ko statements conflict',
    prompt: `다음 두 재무제표를 요약하고, 수치가 서로 모순되는 부분을 찾아 실제 영업이익을 추정한 뒤 회계기준 위반 여부를 판단하세요.

{{statements}}`,
  },
  {
    language: 'ko',
    surface: 'plain',
    label: 'code-generation',
    handledBy: 'medium',
    app: 'ko json reader',
    prompt: `파이썬으로 JSON 파일을 읽어서 특정 키의 값을 출력하는 스크립트를 작성해 주세요.`,
  },

  // ── English: short plain prompts and misleading surfaces ───────────────────────────────────────────────────────
  {
    language: 'en',
    surface: 'plain',
    label: 'extraction',
    handledBy: 'small',
    app: 'en tracking number',
    prompt: `Pull the tracking number out of this message.

{{message}}`,
  },
  {
    language: 'en',
    surface: 'plain',
    label: 'classification',
    handledBy: 'small',
    app: 'en alert team',
    prompt: `Reply with the team name only: payments, identity or growth.

{{alert}}`,
  },
  {
    language: 'en',
    surface: 'few-shot',
    label: 'classification',
    handledBy: 'small',
    app: 'en few-shot tweets',
    prompt: `Tweet: Loving the new update! => positive
Tweet: Worst service ever => negative
Tweet: {{tweet}} =>`,
  },
  {
    language: 'en',
    surface: 'json-mode',
    label: 'extraction',
    handledBy: 'small',
    app: 'en listing json',
    prompt: `Give me the product name, price and currency from this listing as JSON.

{{listing}}`,
    callSite: { jsonMode: true },
  },
  {
    language: 'en',
    surface: 'tool-calling',
    label: 'extraction',
    handledBy: 'small',
    app: 'en save address',
    prompt: `Use the save_address function to store the shipping address in this email.

{{email}}`,
    callSite: { usesTools: true },
  },
  {
    language: 'en',
    surface: 'misleading',
    label: 'classification',
    handledBy: 'small',
    app: 'en profanity check',
    prompt: `Carefully evaluate whether this comment contains profanity. Answer yes or no.

{{comment}}`,
  },
  {
    language: 'en',
    surface: 'misleading',
    label: 'reasoning',
    handledBy: 'large',
    app: 'en cross-border expense',
    prompt: `Categorise this expense under the correct tax treatment, applying the UK and Irish rules for cross-border
employees and the double taxation treaty; where the receipts and the claim form disagree, decide which to trust.

{{expense}}`,
  },
  {
    language: 'en',
    surface: 'misleading',
    label: 'reasoning',
    handledBy: 'large',
    app: 'en npv',
    prompt: `Extract the net present value of the project. It is not given; compute it from the cash flows in the table
using the discount rate in the memo.

{{table}}
{{memo}}`,
  },
  {
    language: 'en',
    surface: 'misleading',
    label: 'reasoning',
    handledBy: 'large',
    app: 'en deforestation audit',
    prompt: `Summarise the two audit reports and decide, where they conflict, whether the company complied with Article 5
of the EU Deforestation Regulation.

{{reports}}`,
  },
  {
    language: 'en',
    surface: 'plain',
    label: 'planning',
    handledBy: 'medium',
    app: 'en chore schedule',
    prompt: `Draw up a weekly chore schedule for three kids: dishes, laundry, trash; rotate each week.`,
  },
  {
    language: 'en',
    surface: 'tool-calling',
    label: 'agentic',
    handledBy: 'large',
    app: 'en fix failing test',
    prompt: `You have the tools run_tests, read_file and edit_file. Fix the failing test in the repository and keep
working until the suite passes.`,
    callSite: { usesTools: true },
  },
  {
    language: 'en',
    surface: 'plain',
    label: 'translation',
    handledBy: 'small',
    app: 'en into spanish',
    prompt: `Into Spanish, please:

{{text}}`,
  },
  {
    language: 'en',
    surface: 'plain',
    label: 'rewriting',
    handledBy: 'small',
    app: 'en friendlier bio',
    prompt: `Make this bio sound friendlier, under 60 words.

{{bio}}`,
  },
  {
    language: 'en',
    surface: 'json-mode',
    label: 'formatting',
    handledBy: 'small',
    app: 'en lines to json',
    prompt: `Convert the following key: value lines into a JSON object. Keep the values exactly as written.

{{lines}}`,
    callSite: { jsonMode: true },
  },
  {
    language: 'en',
    surface: 'plain',
    label: 'summarisation',
    handledBy: 'small',
    app: 'en call key points',
    prompt: `Give me the key points of this call transcript as bullets.

{{transcript}}`,
  },
  {
    language: 'en',
    surface: 'plain',
    label: 'reasoning',
    handledBy: 'large',
    app: 'en growth channel',
    prompt: `Given the sales figures, the marketing spend and the seasonality notes, work out which channel drove the
growth and explain why.

{{figures}}`,
  },
];
