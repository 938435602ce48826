// The opt-in connection to the team's tokenwise server (the Slack bot's read API): what each prompt id really cost,
// shown beside the estimate. Off until the user connects; the URL is a user-only setting and the read token lives in
// SecretStorage. One request per ~5 minutes, from the host, carrying only the app name and the token: prompt ids are
// matched here. Nothing is sent in Restricted Mode, and without an answer everything works as before.
import * as vscode from 'vscode';
import type { ObservedPrompt, ObservedUsage, ObservedUsageError } from '../core';
import type { Settings } from './config';
import type { Engine } from './engine';

export const readTokenSecret = 'tokenwise.serverReadToken';

/** How long an answer is used before it is asked for again. */
export const observedCacheMs = 5 * 60_000;

/** The connection as tests and the status bar see it. */
export type ServerState =
  | { kind: 'off' }
  | { kind: 'restricted' }
  | { kind: 'connecting' }
  | { kind: 'connected'; window: string; prompts: number }
  | { kind: 'unreachable'; message: string };

export interface Observed {
  usage: ObservedUsage;
  window: string;
  of(promptId: string): ObservedPrompt | undefined;
}

export class TeamServer implements vscode.Disposable {
  /** A quiet note, shown only while a connected server cannot be read. */
  readonly item = vscode.window.createStatusBarItem('tokenwise.server', vscode.StatusBarAlignment.Right, 99);
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fired when an answer arrives or the connection changes: lenses and hovers show it. */
  readonly onDidChange = this.changed.event;
  private cached: { signature: string; at: number; observed: Observed } | undefined;
  private failedAt: { signature: string; at: number } | undefined;
  private inFlight: { signature: string; done: Promise<void> } | undefined;
  state: ServerState = { kind: 'off' };

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly settings: () => Settings,
    private readonly engine: Engine,
  ) {
    this.item.name = 'tokenwise team server';
    this.item.command = 'tokenwise.connectServer';
  }

  /** The observed usage to show now, or undefined; a missing or stale answer is asked for in the background. */
  snapshot(): Observed | undefined {
    void this.refresh();
    return this.current();
  }

  /** The observed usage once any request under way has answered (commands wait; lenses and hovers do not). */
  async settled(): Promise<Observed | undefined> {
    await this.refresh();
    return this.current();
  }

  /** Forgets the answer, so the next look asks again (a new token may stand behind the same URL). */
  forget(): void {
    this.cached = undefined;
    this.failedAt = undefined;
  }

  /** Whether the settings still point where a request under way went. */
  private asks(signature: string): boolean {
    const { serverUrl, serverApp } = this.settings();
    return signatureOf(serverUrl, serverApp) === signature;
  }

  private current(): Observed | undefined {
    const { serverUrl, serverApp } = this.settings();
    return this.cached && this.cached.signature === signatureOf(serverUrl, serverApp) && vscode.workspace.isTrusted
      ? this.cached.observed
      : undefined;
  }

  private async refresh(): Promise<void> {
    const { serverUrl: url, serverApp: app } = this.settings();
    if (!url) return this.settle({ kind: 'off' });
    // Restricted Mode: a repository not yet trusted cannot cause a single request.
    if (!vscode.workspace.isTrusted) return this.settle({ kind: 'restricted' });
    const signature = signatureOf(url, app);
    const now = Date.now();
    if (this.cached?.signature === signature && now - this.cached.at < observedCacheMs) return;
    if (this.failedAt?.signature === signature && now - this.failedAt.at < observedCacheMs) return;
    if (this.inFlight?.signature === signature) return this.inFlight.done;
    const done = this.fetch(url, app, signature).finally(() => {
      if (this.inFlight?.done === done) this.inFlight = undefined;
    });
    this.inFlight = { signature, done };
    return done;
  }

  private async fetch(url: string, app: string, signature: string): Promise<void> {
    const token = await this.secrets.get(readTokenSecret);
    if (!token) return this.settle({ kind: 'off' });
    if (this.state.kind !== 'connected') this.state = { kind: 'connecting' };
    try {
      // The reader lives in the worker's bundle (it carries the schema); the request leaves from the host.
      const core = await this.engine.inHostCore();
      const usage = await core.fetchObservedUsage({ url, token, ...(app ? { app } : {}) });
      if (!this.asks(signature)) return; // disconnected or pointed elsewhere meanwhile
      const volumes = core.observedVolumes(usage);
      this.cached = { signature, at: Date.now(), observed: { usage, window: volumes.window, of: volumes.of } };
      this.failedAt = undefined;
      this.settle({ kind: 'connected', window: volumes.window, prompts: usage.prompts.length });
    } catch (error) {
      if (!this.asks(signature)) return;
      this.failedAt = { signature, at: Date.now() };
      const message = (error as ObservedUsageError).message ?? String(error);
      this.settle({ kind: 'unreachable', message });
    }
  }

  private settle(state: ServerState): void {
    const before = JSON.stringify(this.state);
    this.state = state;
    if (state.kind !== 'connected') this.cached = state.kind === 'unreachable' ? this.cached : undefined;
    if (state.kind === 'unreachable') {
      this.item.text = '$(cloud-offline) tokenwise server';
      this.item.tooltip = `tokenwise cannot read the team server: ${state.message}. Lenses and hovers show estimates only until it answers (asked again every 5 minutes). Click to connect again.`;
      this.item.show();
    } else this.item.hide();
    if (before !== JSON.stringify(state)) this.changed.fire();
  }

  /** Whether the quiet note is showing, and what it says (tests). */
  note(): string | undefined {
    return this.state.kind === 'unreachable' ? String(this.item.tooltip) : undefined;
  }

  dispose(): void {
    this.item.dispose();
    this.changed.dispose();
  }
}

function signatureOf(url: string, app: string): string {
  return `${url}\n${app}`;
}
