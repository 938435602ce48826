// The one object that owns the extension's state and everything it registers, so deactivate() is one dispose().
import * as vscode from 'vscode';

export class Ctx implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];

  constructor(readonly extension: vscode.ExtensionContext) {}

  own<T extends vscode.Disposable>(disposable: T): T {
    this.disposables.push(disposable);
    return disposable;
  }

  dispose(): void {
    for (const disposable of this.disposables.splice(0).reverse()) disposable.dispose();
  }
}
