// Entry point of the extension, desktop and web alike: registers the features on one context object. Nothing here
// loads a tokenizer or parses a file; that waits until an editor asks for lenses.
import * as vscode from 'vscode';
import { QuickFixes } from './codeActions';
import { registerCommands } from './commands';
import { Ctx } from './ctx';
import { PromptHovers } from './hovers';
import { ReportPanel } from './report';
import type { TeamServer } from './teamServer';

let ctx: Ctx | undefined;

// Desktop files, unsaved buffers, vscode.dev's virtual repositories, and remote files seen from a web-worker host.
const documents: vscode.DocumentSelector = ['file', 'untitled', 'vscode-vfs', 'vscode-remote'].map((scheme) => ({
  scheme,
}));

/** What activate() returns: read-only views for tests and other extensions. */
export interface TokenwiseApi {
  activationMillis: number;
  statusText(): string | undefined;
  /** The status bar item's tooltip while it shows. */
  statusTooltip(): string | undefined;
  /** The command a click on the status bar item runs. */
  statusCommand(): string | undefined;
  analysisOf(document: vscode.TextDocument): ReturnType<Ctx['analysis']['of']>;
  /**
   * Where audits and counts run ('node worker', 'web worker', or 'extension host' when no worker could start), why
   * the host when it is, and the worker's network as watched in test runs.
   */
  engine(): {
    kind: Ctx['engine']['kind'];
    fallbackReason: string | undefined;
    network: { watched: boolean; attempts: string[] };
  };
  /** The lens titles the editor would show, computed now. */
  lensTitles(document: vscode.TextDocument): Promise<string[]>;
  /** Drops the cached analysis of a document and audits it whole again. */
  reanalyze(document: vscode.TextDocument): Promise<unknown>;
  lastReport(): Ctx['lastReport'];
  reportHtml(): string | undefined;
  settled(): Promise<void>;
  /** The team server connection, and the status bar note shown while it cannot be read. */
  server(): { state: TeamServer['state']; note: string | undefined };
}

export function activate(extension: vscode.ExtensionContext): TokenwiseApi {
  const started = performance.now();
  const c = (ctx = new Ctx(extension));
  extension.subscriptions.push(c);
  c.own(vscode.languages.registerCodeLensProvider(documents, c.lenses));
  c.own(
    vscode.languages.registerHoverProvider(
      documents,
      new PromptHovers(
        c.analysis,
        c.engine,
        () => c.currentPolicy(),
        () => c.exactCounter(),
        () => c.exactCountsNotice(),
        () => c.server.snapshot(),
      ),
    ),
  );
  c.own(
    vscode.languages.registerCodeActionsProvider(documents, new QuickFixes(c.analysis), {
      providedCodeActionKinds: QuickFixes.kinds,
    }),
  );
  registerCommands(c);
  c.own(
    vscode.workspace.onDidChangeTextDocument((event) => event.contentChanges.length > 0 && c.schedule(event.document)),
  );
  c.own(vscode.workspace.onDidOpenTextDocument((document) => c.schedule(document, 0)));
  c.own(vscode.workspace.onDidCloseTextDocument((document) => c.analysis.forget(document.uri)));
  c.own(vscode.window.onDidChangeTextEditorSelection(() => c.status.schedule()));
  c.own(vscode.window.onDidChangeActiveTextEditor(() => c.status.schedule()));
  c.own(
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('tokenwise')) void c.reloadSettings();
    }),
  );
  // Trust lifts Restricted Mode: exact counts, if the user turned them on, apply from the next hover; re-reading the
  // settings refreshes the status bar, whose note goes.
  c.own(vscode.workspace.onDidGrantWorkspaceTrust(() => void c.reloadSettings()));
  // The policy file and the first audits of already-open editors come after activation returns.
  setTimeout(() => {
    void c.policy.use(c.settings.policyFile);
    for (const editor of vscode.window.visibleTextEditors) c.schedule(editor.document, 0);
  }, 0);
  const activationMillis = performance.now() - started;
  return {
    activationMillis,
    statusText: () => c.status.visibleText(),
    statusTooltip: () => (c.status.visibleText() === undefined ? undefined : String(c.status.item.tooltip ?? '')),
    statusCommand: () =>
      typeof c.status.item.command === 'string' ? c.status.item.command : c.status.item.command?.command,
    analysisOf: (document) => c.analysis.of(document),
    engine: () => ({
      kind: c.engine.kind,
      fallbackReason: c.engine.fallbackReason,
      network: { ...c.engine.network, attempts: [...c.engine.network.attempts] },
    }),
    lensTitles: async (document) =>
      (await c.lenses.provideCodeLenses(document)).map((lens) => lens.command?.title ?? ''),
    reanalyze: (document) => {
      c.analysis.forget(document.uri);
      return c.analysis.of(document);
    },
    lastReport: () => c.lastReport,
    reportHtml: () => ReportPanel.open?.html,
    settled: () => c.settled(),
    server: () => ({ state: c.server.state, note: c.server.note() }),
  };
}

export function deactivate(): void {
  ctx?.dispose();
  ctx = undefined;
}
