// The one object that owns the extension's state and everything it registers, so deactivate() is one dispose().
import * as vscode from 'vscode';
import { fallbackModel, type AuditOptions, type ExactTokenCounter, type Policy } from '../core';
import { Analysis } from './analysis';
import { readSettings, type Settings } from './config';
import { Diagnostics } from './diagnostics';
import { Engine } from './engine';
import { CostLenses } from './lenses';
import { PolicyFile } from './policy';
import { auditWorkspace, type WorkspaceReport } from './report';
import { CostStatus } from './statusBar';
import { TeamServer } from './teamServer';

const fileModelsKey = 'tokenwise.fileModels';
export const apiKeySecrets = { anthropic: 'tokenwise.anthropicApiKey', google: 'tokenwise.geminiApiKey' } as const;

export class Ctx implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly publishing = new Set<Promise<void>>();
  settings: Settings;
  /** The ignored settings last warned of. */
  private settingProblems = new Set<string>();
  lastReport: WorkspaceReport | undefined;
  private counter: { signature: string; counter: ExactTokenCounter } | undefined;
  readonly policy: PolicyFile;
  readonly engine: Engine;
  readonly analysis: Analysis;
  readonly diagnostics = this.own(new Diagnostics());
  readonly lenses: CostLenses;
  readonly status: CostStatus;
  readonly server: TeamServer;

  constructor(readonly extension: vscode.ExtensionContext) {
    this.engine = this.own(new Engine(vscode.Uri.joinPath(extension.extensionUri, 'dist', 'engineWorker.js')));
    this.policy = this.own(new PolicyFile(this.engine));
    this.analysis = this.own(new Analysis(this.engine, (uri) => this.auditOptions(uri)));
    this.server = this.own(new TeamServer(extension.secrets, () => this.settings, this.engine));
    this.lenses = this.own(
      new CostLenses(
        this.analysis,
        () => this.settings,
        () => this.server.snapshot(),
      ),
    );
    this.status = this.own(
      new CostStatus(
        this.analysis,
        this.engine,
        (uri) => this.modelFor(uri),
        () => this.currentPolicy(),
        () => this.exactCountsNotice(),
      ),
    );
    this.settings = this.readSettings();
    this.own(this.policy.onDidChange(() => this.analysis.invalidate()));
    this.own(this.analysis.onDidInvalidate(() => this.refreshAll()));
    this.own(this.server.onDidChange(() => this.lenses.refresh()));
  }

  own<T extends vscode.Disposable>(disposable: T): T {
    this.disposables.push(disposable);
    return disposable;
  }

  /** The policy file's (or the default) policy with the user's settings applied; the first call waits for the file. */
  async currentPolicy(): Promise<Policy> {
    return this.applySettings(await this.policy.policy());
  }

  /** Settings changed: re-read them and the policy file they may point at. */
  async reloadSettings(): Promise<void> {
    this.settings = this.readSettings();
    await this.policy.use(this.settings.policyFile);
    this.analysis.invalidate();
    // A new URL or app asks the server at once; so does trust just granted.
    void this.server.settled();
  }

  /**
   * The settings, warning of each one ignored once: a change to another setting re-reads them all and would repeat
   * the same warning. A problem fixed and made again is new again.
   */
  private readSettings(): Settings {
    const problems = new Set<string>();
    const settings = readSettings((message) => problems.add(message));
    for (const message of problems)
      if (!this.settingProblems.has(message)) void vscode.window.showWarningMessage(message);
    this.settingProblems = problems;
    return settings;
  }

  /** User settings fill the policy's defaults (the policy's per-glob entries still win). */
  private applySettings(policy: Policy): Policy {
    const { defaultModel, callsPerDay, outputTokens } = this.settings;
    return {
      ...policy,
      defaultModel: defaultModel || policy.defaultModel,
      defaultCallsPerDay: callsPerDay ?? policy.defaultCallsPerDay,
      defaultOutputTokens: outputTokens ?? policy.defaultOutputTokens,
    };
  }

  async auditOptions(uri: vscode.Uri): Promise<AuditOptions> {
    return { policy: await this.currentPolicy(), model: this.fileModel(uri) };
  }

  private fileModel(uri: vscode.Uri): string | undefined {
    return this.extension.workspaceState.get<Record<string, string>>(fileModelsKey, {})[uri.toString()];
  }

  /** The model a prompt of this file is costed for when its call site names none. */
  async modelFor(uri: vscode.Uri): Promise<string> {
    return this.fileModel(uri) ?? (await this.currentPolicy()).defaultModel ?? fallbackModel;
  }

  async setFileModel(uri: vscode.Uri, model: string | undefined): Promise<void> {
    const models = { ...this.extension.workspaceState.get<Record<string, string>>(fileModelsKey, {}) };
    if (model) models[uri.toString()] = model;
    else delete models[uri.toString()];
    await this.extension.workspaceState.update(fileModelsKey, models);
    this.analysis.invalidate();
  }

  /**
   * The provider counter, only when the user turned exact counts on, stored that provider's key, and trusts the
   * workspace: this is the one path by which prompt text leaves the machine. Asked on every hover, so granting trust
   * takes effect at once.
   */
  async exactCounter(): Promise<ExactTokenCounter | undefined> {
    const { exactCountsProvider: provider, exactCountsBaseUrl: baseUrl } = this.settings;
    if (provider === 'off' || !vscode.workspace.isTrusted) return undefined;
    const key = await this.extension.secrets.get(apiKeySecrets[provider]);
    if (!key) return undefined;
    const signature = `${provider}\n${baseUrl}\n${key}`;
    if (this.counter?.signature !== signature) {
      const config =
        provider === 'anthropic'
          ? { anthropicApiKey: key, ...(baseUrl ? { anthropicBaseUrl: baseUrl } : {}) }
          : { geminiApiKey: key, ...(baseUrl ? { geminiBaseUrl: baseUrl } : {}) };
      // Its local estimate needs the tokenizer, which only the worker's bundle carries: loaded into the host here.
      const { ExactTokenCounter: Counter } = await this.engine.inHostCore();
      this.counter = { signature, counter: new Counter(config) };
    }
    return this.counter.counter;
  }

  /** Why exact counts the user turned on are not used here, for the hover and the status bar; undefined otherwise. */
  exactCountsNotice(): string | undefined {
    if (this.settings.exactCountsProvider === 'off' || vscode.workspace.isTrusted) return undefined;
    return 'Exact counts off: Restricted Mode. Prompt text stays on this machine until you trust this workspace.';
  }

  async auditWorkspace(): Promise<WorkspaceReport> {
    this.lastReport = await auditWorkspace(this);
    return this.lastReport;
  }

  /** Re-audits a document after typing pauses; lenses ask on their own, diagnostics and the status bar follow here. */
  schedule(document: vscode.TextDocument, delayMs = 250): void {
    const key = document.uri.toString();
    clearTimeout(this.pending.get(key));
    this.pending.set(
      key,
      setTimeout(() => {
        this.pending.delete(key);
        // A failed publish leaves the file's diagnostics as they were until its next edit.
        const work = this.publish(document)
          .catch(() => undefined)
          .finally(() => this.publishing.delete(work));
        this.publishing.add(work);
      }, delayMs),
    );
  }

  async publish(document: vscode.TextDocument): Promise<void> {
    if (document.isClosed) return;
    const result = await this.analysis.of(document);
    if (document.isClosed) return;
    this.diagnostics.publish(document.uri, result.state === 'ready' ? result.audit : undefined);
    if (document === vscode.window.activeTextEditor?.document) await this.status.update();
  }

  /** Resolves once no debounced work is waiting or running (tests and benchmarks use it). */
  async settled(): Promise<void> {
    while (this.pending.size > 0 || this.publishing.size > 0) await new Promise((resolve) => setTimeout(resolve, 20));
  }

  private refreshAll(): void {
    this.lenses.refresh();
    for (const editor of vscode.window.visibleTextEditors) this.schedule(editor.document, 0);
  }

  dispose(): void {
    for (const timer of this.pending.values()) clearTimeout(timer);
    for (const disposable of this.disposables.splice(0).reverse()) disposable.dispose();
  }
}
