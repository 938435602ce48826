// Cost lenses above every prompt core finds, plus a second lens when a cheaper tier fits.
import * as vscode from 'vscode';
import type { PromptReport } from '../core';
import type { Analysis } from './analysis';
import { lensesEnabledFor, type Settings } from './config';
import { costLensTitle, observedLensTitle, observedView, savingLensTitle } from './labels';
import { modelRangeOf, toRange } from './ranges';
import type { Observed } from './teamServer';

/** How long a file the user asked to count anyway may keep its lenses waiting before they say it is being counted. */
const countingNoticeMs = 250;

// Reports an edit did not touch keep their object, so their titles are formatted once.
const titles = new WeakMap<PromptReport, string>();

function titleOf(report: PromptReport): string {
  let title = titles.get(report);
  if (title === undefined) titles.set(report, (title = costLensTitle(report)));
  return title;
}

export class CostLenses implements vscode.CodeLensProvider {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(
    private readonly analysis: Analysis,
    private readonly settings: () => Settings,
    private readonly observed: () => Observed | undefined,
  ) {}

  refresh(): void {
    this.changed.fire();
  }

  async provideCodeLenses(document: vscode.TextDocument): Promise<vscode.CodeLens[]> {
    if (!lensesEnabledFor(this.settings(), document.languageId)) return [];
    const pending = this.analysis.of(document);
    const top = new vscode.Range(0, 0, 0, 0);
    // Counting a large file anyway takes a while, and the editor keeps showing the old "counting paused" lens until
    // this answers: say it is counting instead, and refresh when the count is there.
    if (this.analysis.isForced(document.uri)) {
      const settled = await Promise.race([
        pending,
        new Promise<undefined>((resolve) => setTimeout(resolve, countingNoticeMs)),
      ]);
      if (settled === undefined) {
        void pending.then(
          () => this.changed.fire(),
          () => this.changed.fire(),
        );
        return [new vscode.CodeLens(top, { title: 'tokenwise: counting this large file…', command: '' })];
      }
    }
    const result = await pending;
    if (result.state === 'skipped') return [];
    if (result.state === 'paused') {
      return [
        new vscode.CodeLens(top, {
          title: `tokenwise: ${result.reason} — counting paused (click to count anyway)`,
          command: 'tokenwise.countAnyway',
          arguments: [document.uri],
        }),
      ];
    }
    const observed = this.observed();
    return result.audit.prompts.flatMap((report) => {
      const anchor = toRange(report.prompt.callSite?.range ?? report.prompt.range);
      const line = new vscode.Range(anchor.start, anchor.start);
      const lenses = [
        new vscode.CodeLens(line, {
          title: titleOf(report),
          tooltip: 'Compare this prompt across models',
          command: 'tokenwise.compareModels',
          arguments: [document.uri, report.prompt.id],
        }),
      ];
      const seen = observed?.of(report.prompt.promptId);
      if (observed && seen) {
        const view = observedView(report, seen, observed.usage);
        lenses.push(
          new vscode.CodeLens(line, {
            title: observedLensTitle(view),
            tooltip: view.mismatch
              ? `What the team's tokenwise server saw for ${report.prompt.promptId}. ${view.mismatch.label}: the estimate's assumptions are wrong, or the prompt is not what runs.`
              : `What the team's tokenwise server saw for ${report.prompt.promptId}; the estimate beside it is this code's.`,
            command: '',
          }),
        );
      }
      const saving = savingLensTitle(report);
      const recommendation = report.recommendation;
      if (saving && recommendation) {
        const modelRange = modelRangeOf(report.prompt);
        lenses.push(
          new vscode.CodeLens(
            line,
            modelRange
              ? {
                  title: saving,
                  tooltip: `Switch this prompt to ${recommendation.model}`,
                  command: 'tokenwise.switchModel',
                  arguments: [document.uri, report.prompt.id, recommendation.model],
                }
              : {
                  title: saving,
                  tooltip: 'Compare models',
                  command: 'tokenwise.compareModels',
                  arguments: [document.uri, report.prompt.id],
                },
          ),
        );
      }
      return lenses;
    });
  }

  dispose(): void {
    this.changed.dispose();
  }
}
