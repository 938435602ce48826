// The team policy file: found at the workspace root (or where tokenwise.policyFile points), read through
// vscode.workspace.fs so it works on the web too, re-read whenever it changes, and parsed in the analysis worker (whose
// bundle carries the schema). A broken file keeps the editor working on the default policy and shows each problem on
// its line.
import * as vscode from 'vscode';
import type { Policy, PolicyIssue } from '../core';
import type { Engine } from './engine';

export const policyFileNames = ['tokenwise.config.json', 'tokenwise.config.yaml', 'tokenwise.config.yml'];

export class PolicyFile implements vscode.Disposable {
  /** Undefined until the first load. */
  private current: Policy | undefined;
  /** The latest load, while it runs: every caller that only needs the policy read waits for this one. */
  private loading: Promise<void> | undefined;
  /** Loads are numbered so that one started earlier never overwrites the answer of one started later. */
  private loadsStarted = 0;
  private loadInForce = 0;
  private readonly problems = vscode.languages.createDiagnosticCollection('tokenwise-policy');
  private readonly watcher = vscode.workspace.createFileSystemWatcher('**/tokenwise.config.{json,yaml,yml}');
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private configuredPath = '';
  private customWatcher: vscode.FileSystemWatcher | undefined;

  constructor(private readonly engine: Engine) {
    const reload = () => void this.reload();
    this.watcher.onDidChange(reload);
    this.watcher.onDidCreate(reload);
    this.watcher.onDidDelete(reload);
  }

  /** The policy in force; the first call waits for the file to be read and parsed. */
  async policy(): Promise<Policy> {
    if (this.current === undefined) await (this.loading ?? this.load());
    return this.current!;
  }

  /** Points at a configured file (relative to the first workspace folder) or, when empty, the default names, and reads it. */
  async use(configuredPath: string): Promise<void> {
    const moved = configuredPath !== this.configuredPath;
    if (moved) {
      this.configuredPath = configuredPath;
      this.customWatcher?.dispose();
      this.customWatcher = undefined;
      const folder = vscode.workspace.workspaceFolders?.[0];
      if (configuredPath && folder) {
        this.customWatcher = vscode.workspace.createFileSystemWatcher(
          new vscode.RelativePattern(folder, configuredPath),
        );
        const reload = () => void this.reload();
        this.customWatcher.onDidChange(reload);
        this.customWatcher.onDidCreate(reload);
        this.customWatcher.onDidDelete(reload);
      }
    }
    // The same file: a load under way reads it already.
    await this.reload(moved ? undefined : this.loading);
  }

  /**
   * A new load (or the one `underWay`) that never rejects: if the analysis worker stopped under it, once more on a new
   * worker, and if that fails too, a warning.
   */
  private async reload(underWay?: Promise<void>): Promise<void> {
    try {
      await (underWay ?? this.load());
    } catch {
      await this.load().catch((error: unknown) => {
        const why = error instanceof Error ? error.message : String(error);
        void vscode.window.showWarningMessage(
          `tokenwise: the policy file could not be read (${why}); the policy read before, if any, stays in force.`,
        );
      });
    }
  }

  /** Reads and parses the file afresh; the answer is put in force unless a later load's already is. */
  private load(): Promise<void> {
    const number = ++this.loadsStarted;
    const loading = this.read(number).finally(() => {
      if (this.loading === loading) this.loading = undefined;
    });
    this.loading = loading;
    return loading;
  }

  private async read(number: number): Promise<void> {
    const found = await this.find();
    const { policy, issues } = await this.engine.policy(
      found?.text,
      found?.uri.path.split('/').pop() ?? policyFileNames[0]!,
    );
    if (number < this.loadInForce) return;
    const replaced = this.current !== undefined;
    this.loadInForce = number;
    this.current = policy;
    this.problems.clear();
    if (found && issues.length > 0) this.report(found.uri, issues);
    // Audits waiting for the first load already get its policy; only a replaced policy makes them stale.
    if (replaced) this.changed.fire();
  }

  private async find(): Promise<{ uri: vscode.Uri; text: string } | undefined> {
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (!folder) return undefined;
    const candidates = this.configuredPath
      ? [vscode.Uri.joinPath(folder.uri, this.configuredPath)]
      : policyFileNames.map((name) => vscode.Uri.joinPath(folder.uri, name));
    for (const uri of candidates) {
      try {
        const bytes = await vscode.workspace.fs.readFile(uri);
        return { uri, text: new TextDecoder().decode(bytes) };
      } catch {
        // not there: try the next name
      }
    }
    return undefined;
  }

  private report(uri: vscode.Uri, issues: PolicyIssue[]): void {
    this.problems.set(
      uri,
      issues.map((issue) => {
        const line = Math.max(0, issue.line - 1);
        const diagnostic = new vscode.Diagnostic(
          new vscode.Range(line, 0, line, 1_000),
          `${issue.path ? `${issue.path}: ` : ''}${issue.message} (the default policy applies until this is fixed)`,
          vscode.DiagnosticSeverity.Error,
        );
        diagnostic.source = 'tokenwise';
        return diagnostic;
      }),
    );
  }

  dispose(): void {
    this.watcher.dispose();
    this.customWatcher?.dispose();
    this.problems.dispose();
    this.changed.dispose();
  }
}
