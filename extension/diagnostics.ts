// Audit findings in the Problems panel: source 'tokenwise', code = the rule id.
import * as vscode from 'vscode';
import type { FileAudit, Finding } from '../core';
import { diagnosticRange } from './ranges';

const severities: Record<Finding['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

export class Diagnostics implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('tokenwise');

  publish(uri: vscode.Uri, audit: FileAudit | undefined): void {
    if (!audit || audit.findings.length === 0) {
      this.collection.delete(uri);
      return;
    }
    this.collection.set(uri, audit.findings.map(toDiagnostic));
  }

  clear(uri: vscode.Uri): void {
    this.collection.delete(uri);
  }

  dispose(): void {
    this.collection.dispose();
  }
}

function toDiagnostic(finding: Finding): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(diagnosticRange(finding), finding.message, severities[finding.severity]);
  diagnostic.source = 'tokenwise';
  diagnostic.code = finding.ruleId;
  return diagnostic;
}
