import { strict as assert } from 'node:assert';
import { tierRank } from '../../../core/models';
import { classifyTask, recommendModel, taskClasses, tierServes } from '../../../core/recommend';
import { languagePrompts, type TierLabelledPrompt } from './languages';
import { heldBackLanguagePrompts } from './languagesHeldBack';

/** What acting on the recommendations would do, from a frontier model whose provider has every tier below it. */
interface Measurement {
  prompts: number;
  agreed: number;
  /** Downgrades to a smaller tier shown, and those to a tier that cannot do the task. */
  shown: number;
  unsafe: number;
  /** Prompts a small model handles, and those moved to the small tier. */
  smallHandled: number;
  covered: number;
}

const rate = (part: number, whole: number) => (whole ? part / whole : 1);
const percent = (part: number, whole: number) => `${part}/${whole} = ${(rate(part, whole) * 100).toFixed(1)} %`;

function measure(examples: readonly TierLabelledPrompt[]): Measurement {
  const result: Measurement = { prompts: examples.length, agreed: 0, shown: 0, unsafe: 0, smallHandled: 0, covered: 0 };
  const notes: string[] = [];
  for (const example of examples) {
    const classification = classifyTask(example.prompt, example.callSite);
    if (classification.taskClass === example.label) result.agreed++;
    else notes.push(`  ${example.app}: labelled ${example.label}, classified ${classification.taskClass}`);
    const { recommendation, notSure } = recommendModel({
      promptText: example.prompt,
      promptTokens: 400,
      outputTokens: 300,
      model: 'gpt-5.6-sol',
      callsPerDay: 1000,
      callSite: example.callSite,
    });
    const downgrade = recommendation?.kind === 'smaller-tier' ? recommendation : undefined;
    if (example.handledBy === 'small') result.smallHandled++;
    if (downgrade) {
      result.shown++;
      if (tierRank(downgrade.tier) < tierRank(example.handledBy)) {
        result.unsafe++;
        notes.push(
          `  ${example.app}: UNSAFE ${downgrade.model} (${downgrade.tier}) for a ${example.handledBy}-tier task`,
        );
      }
      if (example.handledBy === 'small' && downgrade.tier === 'small') result.covered++;
    }
    if (example.handledBy === 'small' && downgrade?.tier !== 'small') {
      notes.push(
        `  ${example.app}: not moved to small (${downgrade ? downgrade.tier : (notSure ?? 'no smaller model')})`,
      );
    }
  }
  console.log(
    `      task agreement ${percent(result.agreed, result.prompts)}; downgrades shown ${result.shown}, ` +
      `precision ${percent(result.shown - result.unsafe, result.shown)}, unsafe ${percent(result.unsafe, result.prompts)} of prompts; ` +
      `coverage ${percent(result.covered, result.smallHandled)} of prompts a small model handles`,
  );
  if (notes.length) console.log(notes.join('\n'));
  return result;
}

describe('tier recommendations in nine languages and on misleading surfaces', () => {
  const languages = ['de', 'fr', 'es', 'pt', 'it', 'ja', 'zh', 'ko'] as const;
  const surfaces = ['few-shot', 'json-mode', 'tool-calling', 'misleading'] as const;

  it('has at least 150 prompts, 60 of them held back, across the languages and surfaces', () => {
    assert.ok(languagePrompts.length + heldBackLanguagePrompts.length >= 150);
    assert.ok(heldBackLanguagePrompts.length >= 60);
    for (const part of [languagePrompts, heldBackLanguagePrompts]) {
      for (const language of languages) assert.ok(part.filter((p) => p.language === language).length >= 6, language);
      for (const surface of surfaces)
        assert.ok(
          part.some((p) => p.surface === surface),
          surface,
        );
    }
    const apps = [...languagePrompts, ...heldBackLanguagePrompts].map((p) => p.app);
    assert.equal(new Set(apps).size, apps.length, 'every prompt has its own name');
  });

  it('labels no prompt with a tier the tier table does not allow for its task', () => {
    for (const example of [...languagePrompts, ...heldBackLanguagePrompts]) {
      assert.ok(
        tierServes(example.handledBy, example.label, 300),
        `${example.app}: ${example.handledBy} does not serve ${example.label}`,
      );
      assert.ok(taskClasses.includes(example.label));
    }
  });

  it('meets the floors on the prompts the features were tuned on', function () {
    this.timeout(60_000);
    const m = measure(languagePrompts);
    assert.ok(rate(m.agreed, m.prompts) >= 0.95, 'task agreement');
    assert.equal(m.unsafe, 0, 'unsafe downgrades');
    assert.ok(rate(m.covered, m.smallHandled) >= 0.9, 'coverage');
  });

  it('meets the floors on the held-back prompts (scored once; see docs/recommendations.md)', function () {
    this.timeout(60_000);
    const m = measure(heldBackLanguagePrompts);
    assert.ok(rate(m.shown - m.unsafe, m.shown) >= 0.95, 'precision of shown downgrades');
    assert.ok(rate(m.unsafe, m.prompts) <= 0.02, 'unsafe downgrades');
    assert.ok(rate(m.covered, m.smallHandled) >= 0.7, 'coverage');
    assert.ok(rate(m.agreed, m.prompts) >= 0.9, 'task agreement');
  });

  it('gives every recommendation its confidence and reasons, and every withheld one its doubt', function () {
    this.timeout(60_000);
    for (const example of [...languagePrompts, ...heldBackLanguagePrompts]) {
      for (const model of ['gpt-5.6-sol', 'claude-opus-4-1', 'gpt-4.1']) {
        const { recommendation, notSure } = recommendModel({
          promptText: example.prompt,
          promptTokens: 400,
          outputTokens: 300,
          model,
          callsPerDay: 1000,
          callSite: example.callSite,
        });
        if (recommendation) {
          assert.ok(recommendation.confidence > 0 && recommendation.confidence <= 1);
          assert.ok(
            recommendation.reasons.length >= 2 &&
              recommendation.reasons.every((r) => r.length > 0 && !r.includes('\n')),
          );
          if (recommendation.kind === 'smaller-tier')
            assert.match(recommendation.reasons[0]!, /^task: .+ \(confidence (0\.\d\d|1\.00)\)/);
          else
            assert.ok(
              recommendation.taskClass === undefined && /no claim about the task/.test(recommendation.reasons[0]!),
            );
        }
        if (notSure) {
          assert.match(notSure, /^not sure: /);
          assert.notEqual(recommendation?.kind, 'smaller-tier');
        }
      }
    }
  });

  it('withholds a smaller tier when a simple verb fronts a task that needs reasoning, and says which marker', () => {
    const { recommendation, notSure } = recommendModel({
      promptText:
        'Classify each invoice as payable or disputed. Where the invoice and the purchase order contradict each other, decide which one to trust.',
      promptTokens: 400,
      outputTokens: 20,
      model: 'gpt-5.6-sol',
      callsPerDay: 1000,
    });
    assert.notEqual(recommendation?.kind, 'smaller-tier');
    assert.match(notSure!, /sources contradict each other/);
  });
});
