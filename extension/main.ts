// Entry point of the extension (desktop and web): wires the editor features to one context object.
import * as vscode from 'vscode';
import { Ctx } from './ctx';
import { CostLenses } from './lenses';

let ctx: Ctx | undefined;

export function activate(extension: vscode.ExtensionContext) {
  ctx = new Ctx(extension);
  ctx.own(vscode.languages.registerCodeLensProvider([{ scheme: 'file' }, { scheme: 'untitled' }], new CostLenses()));
  return {};
}

export function deactivate(): void {
  ctx?.dispose();
  ctx = undefined;
}
