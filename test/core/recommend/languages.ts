// Prompts in eight languages besides English and of the kinds whose surface misleads (few-shot, JSON mode, tool
// calling, a simple verb on a task that needs judgement, a reasoning word on a simple task), each labelled with its
// task and the smallest tier that does it well BEFORE the classifier ran on them. Labels are never changed to match
// the classifier. The features were tuned against this set; languagesHeldBack.ts is the measure.
import type { Tier } from '../../../core/models';
import type { LabelledPrompt } from './labelled';

export type Surface = 'plain' | 'few-shot' | 'json-mode' | 'tool-calling' | 'misleading';

export interface TierLabelledPrompt extends LabelledPrompt {
  language: 'en' | 'de' | 'fr' | 'es' | 'pt' | 'it' | 'ja' | 'zh' | 'ko';
  surface: Surface;
  /** The smallest tier that does the task well, judged by hand before scoring ('small': a small model handles it). */
  handledBy: Exclude<Tier, 'frontier'>;
}

export const languagePrompts: TierLabelledPrompt[] = [
  // ── German ─────────────────────────────────────────────────────────────────────────────────────────────────────
  {
    language: 'de',
    surface: 'plain',
    label: 'classification',
    handledBy: 'small',
    app: 'de support inbox',
    prompt: `Ordne die folgende Kundenanfrage genau einer Kategorie zu: Rechnung, Lieferung, Reklamation, Sonstiges.
Antworte nur mit der Kategorie.

Anfrage: {{text}}`,
    callSite: { maxTokens: 5 },
  },
  {
    language: 'de',
    surface: 'json-mode',
    label: 'extraction',
    handledBy: 'small',
    app: 'de invoice fields',
    prompt: `Lies die Rechnung unten und gib Rechnungsnummer, Datum, Nettobetrag und Umsatzsteuer als JSON zurück.
Fehlt ein Wert, setze null.

{{rechnung}}`,
    callSite: { jsonMode: true },
  },
  {
    language: 'de',
    surface: 'plain',
    label: 'summarisation',
    handledBy: 'small',
    app: 'de meeting minutes',
    prompt: `Fasse das folgende Besprechungsprotokoll in höchstens fünf Stichpunkten zusammen.

{{protokoll}}`,
  },
  {
    language: 'de',
    surface: 'plain',
    label: 'translation',
    handledBy: 'small',
    app: 'de to en',
    prompt: `Übersetze den folgenden Text ins Englische. Behalte die Formatierung bei.

{{text}}`,
  },
  {
    language: 'de',
    surface: 'plain',
    label: 'rewriting',
    handledBy: 'small',
    app: 'de polite email',
    prompt: `Formuliere diese E-Mail an einen Kunden höflicher und kürzer um, ohne den Inhalt zu ändern.

{{entwurf}}`,
  },
  {
    language: 'de',
    surface: 'misleading',
    label: 'reasoning',
    handledBy: 'large',
    app: 'de contract validity',
    prompt: `Klassifiziere den folgenden Vertrag danach, ob er nach deutschem und österreichischem Recht wirksam ist.
Prüfe dazu die Klauseln zur Kündigung und Haftung, wäge Widersprüche zwischen Vertrag und AGB ab und begründe dein
Ergebnis.

{{vertrag}}`,
  },
  {
    language: 'de',
    surface: 'plain',
    label: 'code-generation',
    handledBy: 'medium',
    app: 'de iban validator',
    prompt: `Schreibe eine Python-Funktion, die eine IBAN validiert, und dazu passende Unit-Tests.`,
  },
  {
    language: 'de',
    surface: 'plain',
    label: 'formatting',
    handledBy: 'small',
    app: 'de address csv',
    prompt: `Wandle die folgende Adressliste in CSV um, eine Zeile pro Adresse, Spalten: Name, Straße, PLZ, Ort.
Ändere keine Werte.

{{adressen}}`,
  },
  {
    language: 'de',
    surface: 'plain',
    label: 'planning',
    handledBy: 'medium',
    app: 'de phone rota',
    prompt: `Erstelle einen Wochenplan für das Team: Wer übernimmt an welchem Tag den Telefondienst?
Mitarbeiter: {{namen}}. Jeder höchstens zweimal pro Woche.`,
  },

  // ── French ─────────────────────────────────────────────────────────────────────────────────────────────────────
  {
    language: 'fr',
    surface: 'few-shot',
    label: 'classification',
    handledBy: 'small',
    app: 'fr ticket labels',
    prompt: `Classe le message dans l'une des catégories : facturation, technique, commercial.

Exemples :
« Ma facture est fausse » -> facturation
« L'application plante » -> technique

Message : {{message}}
Catégorie :`,
    callSite: { maxTokens: 5 },
  },
  {
    language: 'fr',
    surface: 'json-mode',
    label: 'extraction',
    handledBy: 'small',
    app: 'fr order email',
    prompt: `Extrais du courriel ci-dessous le numéro de commande et la date de livraison souhaitée. Réponds en JSON.

{{courriel}}`,
    callSite: { jsonMode: true },
  },
  {
    language: 'fr',
    surface: 'plain',
    label: 'summarisation',
    handledBy: 'small',
    app: 'fr newsletter',
    prompt: `Résume cet article en trois phrases pour notre newsletter.

{{article}}`,
  },
  {
    language: 'fr',
    surface: 'plain',
    label: 'translation',
    handledBy: 'small',
    app: 'fr to de',
    prompt: `Traduis ce message en allemand en gardant le ton informel.

{{message}}`,
  },
  {
    language: 'fr',
    surface: 'misleading',
    label: 'reasoning',
    handledBy: 'large',
    app: 'fr expert reports',
    prompt: `Résume les deux rapports d'expertise ci-dessous, puis indique lequel est le plus crédible lorsqu'ils se
contredisent sur la cause du sinistre, et calcule le montant d'indemnisation qui en découle selon les franchises du
contrat.

{{rapports}}`,
  },
  {
    language: 'fr',
    surface: 'plain',
    label: 'rewriting',
    handledBy: 'small',
    app: 'fr simpler style',
    prompt: `Réécris ce paragraphe dans un style plus simple pour des lecteurs de 12 ans.

{{paragraphe}}`,
  },
  {
    language: 'fr',
    surface: 'tool-calling',
    label: 'agentic',
    handledBy: 'large',
    app: 'fr refund agent',
    prompt: `Tu es un agent de support. Utilise les outils disponibles pour retrouver la commande du client, vérifier
son statut et, si elle a plus de 7 jours de retard, créer un remboursement. Continue jusqu'à ce que la demande soit
résolue.`,
    callSite: { usesTools: true },
  },
  {
    language: 'fr',
    surface: 'plain',
    label: 'reasoning',
    handledBy: 'large',
    app: 'fr margin analysis',
    prompt: `Analyse les résultats trimestriels ci-dessous et explique, étape par étape, pourquoi la marge a baissé
malgré la hausse du chiffre d'affaires.

{{resultats}}`,
  },
  {
    language: 'fr',
    surface: 'plain',
    label: 'formatting',
    handledBy: 'small',
    app: 'fr markdown table',
    prompt: `Mets la liste suivante au format Markdown : un tableau avec les colonnes Produit, Prix, Stock. Ne modifie
pas les valeurs.

{{liste}}`,
  },

  // ── Spanish ────────────────────────────────────────────────────────────────────────────────────────────────────
  {
    language: 'es',
    surface: 'plain',
    label: 'classification',
    handledBy: 'small',
    app: 'es comment sentiment',
    prompt: `¿El siguiente comentario es positivo, negativo o neutro? Responde solo con una palabra.

Comentario: {{comentario}}`,
    callSite: { maxTokens: 3 },
  },
  {
    language: 'es',
    surface: 'plain',
    label: 'extraction',
    handledBy: 'small',
    app: 'es order number',
    prompt: `Saca el número de pedido de este correo.

{{correo}}`,
  },
  {
    language: 'es',
    surface: 'plain',
    label: 'summarisation',
    handledBy: 'small',
    app: 'es support chat',
    prompt: `Resume la siguiente conversación de soporte en dos frases: qué pidió el cliente y qué se resolvió.

{{conversacion}}`,
  },
  {
    language: 'es',
    surface: 'plain',
    label: 'translation',
    handledBy: 'small',
    app: 'es product copy',
    prompt: `Traduce al inglés la descripción del producto. No traduzcas los nombres de marca.

{{descripcion}}`,
  },
  {
    language: 'es',
    surface: 'misleading',
    label: 'reasoning',
    handledBy: 'large',
    app: 'es rent update',
    prompt: `Extrae el importe que el inquilino debe pagar este mes. El contrato no lo indica directamente: hay que
aplicar la actualización por IPC del artículo 18 de la Ley de Arrendamientos Urbanos, descontar la fianza pendiente y
prorratear los días desde la entrada.

{{contrato}}`,
  },
  {
    language: 'es',
    surface: 'plain',
    label: 'rewriting',
    handledBy: 'small',
    app: 'es spelling',
    prompt: `Corrige la ortografía y la gramática de este texto sin cambiar el estilo.

{{texto}}`,
  },
  {
    language: 'es',
    surface: 'plain',
    label: 'code-generation',
    handledBy: 'medium',
    app: 'es top customers sql',
    prompt: `Genera una consulta SQL que devuelva los diez clientes con más pedidos en el último mes, a partir de las
tablas clientes y pedidos.`,
  },
  {
    language: 'es',
    surface: 'plain',
    label: 'planning',
    handledBy: 'medium',
    app: 'es instagram calendar',
    prompt: `Organiza un calendario de publicaciones para Instagram durante las próximas dos semanas: un post al día,
alternando producto, equipo y clientes.`,
  },
  {
    language: 'es',
    surface: 'json-mode',
    label: 'classification',
    handledBy: 'small',
    app: 'es language detection',
    prompt: `Detecta el idioma del mensaje y devuelve {"idioma": "<código ISO 639-1>"}.

Mensaje: {{mensaje}}`,
    callSite: { jsonMode: true, maxTokens: 15 },
  },

  // ── Portuguese ─────────────────────────────────────────────────────────────────────────────────────────────────
  {
    language: 'pt',
    surface: 'plain',
    label: 'classification',
    handledBy: 'small',
    app: 'pt spam filter',
    prompt: `Classifique o e-mail como spam ou não spam. Responda apenas com SPAM ou OK.

{{email}}`,
  },
  {
    language: 'pt',
    surface: 'json-mode',
    label: 'extraction',
    handledBy: 'small',
    app: 'pt receipt',
    prompt: `Extraia do recibo abaixo o CNPJ, a data da compra e o valor total. Se algum campo não aparecer, use null.

{{recibo}}`,
    callSite: { jsonMode: true },
  },
  {
    language: 'pt',
    surface: 'plain',
    label: 'summarisation',
    handledBy: 'small',
    app: 'pt reviews digest',
    prompt: `Faça um resumo das avaliações dos clientes abaixo em até cinco tópicos.

{{avaliacoes}}`,
  },
  {
    language: 'pt',
    surface: 'plain',
    label: 'translation',
    handledBy: 'small',
    app: 'pt to es',
    prompt: `Traduza o texto a seguir para o espanhol.

{{texto}}`,
  },
  {
    language: 'pt',
    surface: 'plain',
    label: 'rewriting',
    handledBy: 'small',
    app: 'pt professional tone',
    prompt: `Reescreva a mensagem abaixo com um tom mais profissional para enviar a um cliente.

{{mensagem}}`,
  },
  {
    language: 'pt',
    surface: 'misleading',
    label: 'reasoning',
    handledBy: 'large',
    app: 'pt tax deduction',
    prompt: `Classifique a despesa abaixo como dedutível ou não dedutível no imposto de renda. Considere as regras da
Receita Federal para profissionais autônomos, o regime de livro-caixa e os limites para despesas médicas, e explique o
raciocínio caso as notas fiscais se contradigam.

{{despesa}}`,
  },
  {
    language: 'pt',
    surface: 'plain',
    label: 'formatting',
    handledBy: 'small',
    app: 'pt iso dates',
    prompt: `Converta as datas do texto para o formato ISO 8601 (AAAA-MM-DD) e não altere mais nada.

{{texto}}`,
  },
  {
    language: 'pt',
    surface: 'plain',
    label: 'code-generation',
    handledBy: 'medium',
    app: 'pt csv averages',
    prompt: `Escreva um script em JavaScript que leia um arquivo CSV e calcule a média de cada coluna numérica.`,
  },
  {
    language: 'pt',
    surface: 'plain',
    label: 'planning',
    handledBy: 'medium',
    app: 'pt study plan',
    prompt: `Monte um plano de estudos de quatro semanas para a prova de certificação AWS, com os temas de cada semana.`,
  },

  // ── Italian ────────────────────────────────────────────────────────────────────────────────────────────────────
  {
    language: 'it',
    surface: 'plain',
    label: 'classification',
    handledBy: 'small',
    app: 'it ticket priority',
    prompt: `Assegna al ticket una priorità: alta, media o bassa. Rispondi solo con la priorità.

Ticket: {{ticket}}`,
  },
  {
    language: 'it',
    surface: 'json-mode',
    label: 'extraction',
    handledBy: 'small',
    app: 'it cv fields',
    prompt: `Estrai dal curriculum nome, email, telefono e anni di esperienza. Restituisci un oggetto JSON.

{{cv}}`,
    callSite: { jsonMode: true },
  },
  {
    language: 'it',
    surface: 'plain',
    label: 'summarisation',
    handledBy: 'small',
    app: 'it minutes',
    prompt: `Riassumi il seguente verbale della riunione in un paragrafo.

{{verbale}}`,
  },
  {
    language: 'it',
    surface: 'plain',
    label: 'translation',
    handledBy: 'small',
    app: 'it to fr',
    prompt: `Traduci in francese le istruzioni seguenti.

{{istruzioni}}`,
  },
  {
    language: 'it',
    surface: 'plain',
    label: 'rewriting',
    handledBy: 'small',
    app: 'it product copy',
    prompt: `Riscrivi questa descrizione del prodotto in modo più accattivante, massimo 50 parole.

{{descrizione}}`,
  },
  {
    language: 'it',
    surface: 'misleading',
    label: 'reasoning',
    handledBy: 'large',
    app: 'it medical reports',
    prompt: `Riassumi le due perizie mediche allegate e stabilisci se il danno è compatibile con l'incidente descritto,
tenendo conto delle contraddizioni tra i referti e della giurisprudenza della Cassazione sul nesso causale.

{{perizie}}`,
  },
  {
    language: 'it',
    surface: 'plain',
    label: 'reasoning',
    handledBy: 'large',
    app: 'it debt ratio',
    prompt: `Verifica se il bilancio rispetta i vincoli di spesa: calcola il rapporto tra debito e ricavi per ciascun
anno e spiega quali anni superano la soglia del 60%.

{{bilancio}}`,
  },
  {
    language: 'it',
    surface: 'tool-calling',
    label: 'agentic',
    handledBy: 'large',
    app: 'it flight booking',
    prompt: `Sei un assistente con accesso agli strumenti search_flights e book_flight. Trova il volo più economico da
Milano a Lisbona per le date richieste e prenotalo solo dopo la conferma dell'utente.`,
    callSite: { usesTools: true },
  },
  {
    language: 'it',
    surface: 'plain',
    label: 'formatting',
    handledBy: 'small',
    app: 'it phone numbers',
    prompt: `Formatta i numeri di telefono seguenti nel formato E.164, uno per riga.

{{numeri}}`,
  },

  // ── Japanese ───────────────────────────────────────────────────────────────────────────────────────────────────
  {
    language: 'ja',
    surface: 'plain',
    label: 'classification',
    handledBy: 'small',
    app: 'ja inquiry category',
    prompt: `次の問い合わせを「請求」「配送」「技術」「その他」のいずれかに分類してください。カテゴリ名のみを出力してください。

問い合わせ：{{text}}`,
    callSite: { maxTokens: 5 },
  },
  {
    language: 'ja',
    surface: 'json-mode',
    label: 'extraction',
    handledBy: 'small',
    app: 'ja order email',
    prompt: `以下のメールから注文番号と配達希望日を抽出し、JSONで返してください。

{{mail}}`,
    callSite: { jsonMode: true },
  },
  {
    language: 'ja',
    surface: 'plain',
    label: 'summarisation',
    handledBy: 'small',
    app: 'ja minutes',
    prompt: `次の会議の議事録を3行で要約してください。

{{minutes}}`,
  },
  {
    language: 'ja',
    surface: 'plain',
    label: 'translation',
    handledBy: 'small',
    app: 'ja to en',
    prompt: `以下の文章を英語に翻訳してください。

{{text}}`,
  },
  {
    language: 'ja',
    surface: 'plain',
    label: 'rewriting',
    handledBy: 'small',
    app: 'ja keigo',
    prompt: `このメールをより丁寧な敬語に書き直してください。

{{draft}}`,
  },
  {
    language: 'ja',
    surface: 'misleading',
    label: 'reasoning',
    handledBy: 'large',
    app: 'ja governing law',
    prompt: `次の2つの契約書を要約し、日本法と米国ニューヨーク州法のどちらが適用されるかを検討したうえで、矛盾する条項について当社のリスクを判断してください。

{{contracts}}`,
  },
  {
    language: 'ja',
    surface: 'plain',
    label: 'code-generation',
    handledBy: 'medium',
    app: 'ja monthly sales',
    prompt: `Pythonで、CSVファイルを読み込んで売上を月ごとに集計する関数を書いてください。`,
  },
  {
    language: 'ja',
    surface: 'plain',
    label: 'planning',
    handledBy: 'medium',
    app: 'ja onboarding week',
    prompt: `来週の新入社員研修のスケジュールを作成してください。月曜から金曜まで、午前と午後に1つずつ研修を入れてください。`,
  },
  {
    language: 'ja',
    surface: 'plain',
    label: 'reasoning',
    handledBy: 'large',
    app: 'ja margin drop',
    prompt: `以下の売上データを分析し、なぜ第3四半期に利益率が下がったのか、段階的に理由を説明してください。

{{data}}`,
  },

  // ── Chinese ────────────────────────────────────────────────────────────────────────────────────────────────────
  {
    language: 'zh',
    surface: 'plain',
    label: 'classification',
    handledBy: 'small',
    app: 'zh comment sentiment',
    prompt: `判断下面这条评论的情感是正面、负面还是中性。只输出一个词。

评论：{{comment}}`,
    callSite: { maxTokens: 4 },
  },
  {
    language: 'zh',
    surface: 'json-mode',
    label: 'extraction',
    handledBy: 'small',
    app: 'zh invoice',
    prompt: `从下面的发票中提取发票号码、开票日期和金额，以JSON格式返回。

{{invoice}}`,
    callSite: { jsonMode: true },
  },
  {
    language: 'zh',
    surface: 'plain',
    label: 'summarisation',
    handledBy: 'small',
    app: 'zh news',
    prompt: `请用三句话总结以下新闻。

{{news}}`,
  },
  {
    language: 'zh',
    surface: 'plain',
    label: 'translation',
    handledBy: 'small',
    app: 'zh to en',
    prompt: `把下面的产品说明翻译成英文。

{{text}}`,
  },
  {
    language: 'zh',
    surface: 'plain',
    label: 'rewriting',
    handledBy: 'small',
    app: 'zh concise formal',
    prompt: `请把这段文字改写得更简洁、更正式。

{{text}}`,
  },
  {
    language: 'zh',
    surface: 'misleading',
    label: 'reasoning',
    handledBy: 'large',
    app: 'zh revenue recognition',
    prompt: `请对以下两份审计报告进行分类，判断公司是否符合《企业会计准则第14号》的收入确认要求；两份报告的数据相互矛盾时，请推算出正确的收入金额并说明理由。

{{reports}}`,
  },
  {
    language: 'zh',
    surface: 'plain',
    label: 'formatting',
    handledBy: 'small',
    app: 'zh markdown table',
    prompt: `将以下列表转换为Markdown表格，列为姓名、部门、电话。不要修改内容。

{{list}}`,
  },
  {
    language: 'zh',
    surface: 'tool-calling',
    label: 'agentic',
    handledBy: 'large',
    app: 'zh refund agent',
    prompt: `你是一个客服代理，可以调用 get_order、refund_order 工具。根据用户的请求查询订单，如有需要办理退款，直到问题解决为止。`,
    callSite: { usesTools: true },
  },
  {
    language: 'zh',
    surface: 'plain',
    label: 'code-generation',
    handledBy: 'medium',
    app: 'zh go health',
    prompt: `用Go写一个HTTP服务，提供 /health 接口并返回JSON。`,
  },

  // ── Korean ─────────────────────────────────────────────────────────────────────────────────────────────────────
  {
    language: 'ko',
    surface: 'plain',
    label: 'classification',
    handledBy: 'small',
    app: 'ko inquiry category',
    prompt: `다음 문의를 결제, 배송, 기술, 기타 중 하나로 분류하세요. 카테고리 이름만 답하세요.

문의: {{text}}`,
    callSite: { maxTokens: 5 },
  },
  {
    language: 'ko',
    surface: 'json-mode',
    label: 'extraction',
    handledBy: 'small',
    app: 'ko order email',
    prompt: `아래 이메일에서 주문 번호와 배송 주소를 추출해서 JSON으로 반환하세요.

{{email}}`,
    callSite: { jsonMode: true },
  },
  {
    language: 'ko',
    surface: 'plain',
    label: 'summarisation',
    handledBy: 'small',
    app: 'ko article',
    prompt: `다음 기사를 세 문장으로 요약해 주세요.

{{article}}`,
  },
  {
    language: 'ko',
    surface: 'plain',
    label: 'translation',
    handledBy: 'small',
    app: 'ko to ja',
    prompt: `다음 문장을 일본어로 번역해 주세요.

{{text}}`,
  },
  {
    language: 'ko',
    surface: 'plain',
    label: 'rewriting',
    handledBy: 'small',
    app: 'ko friendly notice',
    prompt: `이 안내문을 더 친절한 말투로 다시 써 주세요.

{{text}}`,
  },
  {
    language: 'ko',
    surface: 'misleading',
    label: 'reasoning',
    handledBy: 'large',
    app: 'ko deposit refund',
    prompt: `다음 임대차 계약서에서 임차인이 돌려받을 보증금을 추출하세요. 계약서에 금액이 직접 적혀 있지 않으므로, 주택임대차보호법 제7조의 증액 한도를 적용하고 미납 관리비와 원상복구 비용을 공제해 계산해야 합니다.

{{contract}}`,
  },
  {
    language: 'ko',
    surface: 'plain',
    label: 'planning',
    handledBy: 'medium',
    app: 'ko team events',
    prompt: `다음 달 팀 회식과 워크숍 일정을 짜 주세요. 매주 한 번씩, 금요일 오후로 잡아 주세요.`,
  },
  {
    language: 'ko',
    surface: 'plain',
    label: 'reasoning',
    handledBy: 'large',
    app: 'ko strategy comparison',
    prompt: `두 가지 마케팅 전략의 장단점을 비교하고, 예상 비용과 효과를 계산해서 어떤 전략이 나은지 단계별로 설명하세요.

{{strategies}}`,
  },
  {
    language: 'ko',
    surface: 'plain',
    label: 'formatting',
    handledBy: 'small',
    app: 'ko iso dates',
    prompt: `아래 날짜들을 YYYY-MM-DD 형식으로 바꿔 주세요. 다른 내용은 바꾸지 마세요.

{{dates}}`,
  },

  // ── English: short plain prompts and misleading surfaces ───────────────────────────────────────────────────────
  {
    language: 'en',
    surface: 'plain',
    label: 'extraction',
    handledBy: 'small',
    app: 'en order number',
    prompt: `Get the order number from this email.

{{email}}`,
  },
  {
    language: 'en',
    surface: 'plain',
    label: 'classification',
    handledBy: 'small',
    app: 'en tool router',
    prompt: `Which tool should handle this request: search_docs, create_ticket or escalate_human? Reply with the tool name
only.

{{request}}`,
  },
  {
    language: 'en',
    surface: 'few-shot',
    label: 'classification',
    handledBy: 'small',
    app: 'en few-shot labels',
    prompt: `Input: I was charged twice
Output: billing

Input: The app crashes on login
Output: technical

Input: Do you ship to Canada?
Output: shipping

Input: {{message}}
Output:`,
    callSite: { maxTokens: 5 },
  },
  {
    language: 'en',
    surface: 'few-shot',
    label: 'extraction',
    handledBy: 'small',
    app: 'en few-shot city',
    prompt: `Extract the city.
Text: Our office in Lyon is closed today. -> Lyon
Text: Meet me at the Berlin airport. -> Berlin
Text: {{text}} ->`,
  },
  {
    language: 'en',
    surface: 'json-mode',
    label: 'extraction',
    handledBy: 'small',
    app: 'en email json',
    prompt: `Return the sender, subject and any meeting date as JSON {"sender": string, "subject": string,
"meeting_date": string | null}.

{{email}}`,
    callSite: { jsonMode: true },
  },
  {
    language: 'en',
    surface: 'tool-calling',
    label: 'extraction',
    handledBy: 'small',
    app: 'en contact function',
    prompt: `Call the record_contact function with the name, company and phone number found in the signature below.

{{signature}}`,
    callSite: { usesTools: true },
  },
  {
    language: 'en',
    surface: 'misleading',
    label: 'classification',
    handledBy: 'small',
    app: 'en careful spam',
    prompt: `Think carefully and decide whether this message is spam. Answer SPAM or HAM only.

{{message}}`,
  },
  {
    language: 'en',
    surface: 'misleading',
    label: 'classification',
    handledBy: 'small',
    app: 'en analyse tone',
    prompt: `Analyze the tone of this tweet and label it positive, negative or neutral. One word.

{{tweet}}`,
  },
  {
    language: 'en',
    surface: 'misleading',
    label: 'reasoning',
    handledBy: 'large',
    app: 'en claims coverage',
    prompt: `Classify each claim as covered or not covered under the policy wording, taking into account the exclusions
in sections 4 to 9, the endorsements, and the case law in both England and Scotland; where the adjuster notes
contradict the claimant's statement, weigh the evidence.

{{claims}}`,
  },
  {
    language: 'en',
    surface: 'misleading',
    label: 'reasoning',
    handledBy: 'large',
    app: 'en witness statements',
    prompt: `Summarise the three witness statements and reconcile where they contradict each other on the timeline,
concluding which sequence of events is most likely.

{{statements}}`,
  },
  {
    language: 'en',
    surface: 'misleading',
    label: 'reasoning',
    handledBy: 'large',
    app: 'en effective rate',
    prompt: `Extract the effective annual interest rate from the loan agreement. It is not stated; derive it from the
monthly payment, the term and the principal.

{{agreement}}`,
  },
  {
    language: 'en',
    surface: 'misleading',
    label: 'reasoning',
    handledBy: 'large',
    app: 'en gdpr clause',
    prompt: `Rewrite this clause so that it complies with Article 28 of the GDPR, checking each obligation the article
lists against the current wording.

{{clause}}`,
  },
  {
    language: 'en',
    surface: 'json-mode',
    label: 'classification',
    handledBy: 'small',
    app: 'en subscription flag',
    prompt: `Is this transaction description a subscription? Respond as {"subscription": true | false}.

{{description}}`,
    callSite: { jsonMode: true, maxTokens: 12 },
  },
  {
    language: 'en',
    surface: 'tool-calling',
    label: 'agentic',
    handledBy: 'large',
    app: 'en backorder agent',
    prompt: `You can call search_inventory, reserve_item and notify_customer. For each backordered item in the order,
find a substitute in stock, reserve it and notify the customer; stop when every item is handled.`,
    callSite: { usesTools: true },
  },
  {
    language: 'en',
    surface: 'plain',
    label: 'planning',
    handledBy: 'medium',
    app: 'en volunteer rota',
    prompt: `Make a rota for the five volunteers to staff the front desk Monday to Friday, one person per day.

Volunteers: {{names}}`,
  },
  {
    language: 'en',
    surface: 'plain',
    label: 'planning',
    handledBy: 'large',
    app: 'en cluster migration',
    prompt: `Plan the migration of our 40 services to the new cluster over the quarter, taking into account the
dependencies between services, the freeze window in December, team capacity and a rollback plan for each phase.`,
  },
  {
    language: 'en',
    surface: 'plain',
    label: 'translation',
    handledBy: 'small',
    app: 'en to fr short',
    prompt: `Translate to French: {{text}}`,
  },
  {
    language: 'en',
    surface: 'plain',
    label: 'rewriting',
    handledBy: 'small',
    app: 'en typos',
    prompt: `Fix the typos.

{{text}}`,
  },
  {
    language: 'en',
    surface: 'plain',
    label: 'summarisation',
    handledBy: 'small',
    app: 'en tldr',
    prompt: `TL;DR this thread.

{{thread}}`,
  },
  {
    language: 'en',
    surface: 'plain',
    label: 'formatting',
    handledBy: 'small',
    app: 'en bullets',
    prompt: `Turn this into a bulleted list.

{{text}}`,
  },
  {
    language: 'en',
    surface: 'plain',
    label: 'code-generation',
    handledBy: 'medium',
    app: 'en postcode regex',
    prompt: `Write a regex that matches UK postcodes and a few test cases for it.`,
  },
  {
    language: 'en',
    surface: 'misleading',
    label: 'reasoning',
    handledBy: 'large',
    app: 'en triage judgement',
    prompt: `Classify the patient's symptoms as urgent or non-urgent, considering the interactions between the
medications listed, the lab values and the history; explain the clinical judgement.

{{record}}`,
  },
  {
    language: 'en',
    surface: 'few-shot',
    label: 'reasoning',
    handledBy: 'large',
    app: 'en word problems',
    prompt: `Q: A shop sells pens at 3 for $2. How much do 12 pens cost?
A: 12 / 3 = 4 groups; 4 × $2 = $8.

Q: {{question}}
A:`,
  },
  {
    language: 'en',
    surface: 'plain',
    label: 'extraction',
    handledBy: 'small',
    app: 'en dates list',
    prompt: `List every date mentioned in the text, one per line.

{{text}}`,
  },
];
