import { strict as assert } from 'node:assert';
import { classifyTask } from '../../../core/recommend';
import { phrase, unicodeSource, vocabulary } from '../../../core/recommend/vocabulary';

describe('vocabulary', () => {
  it('finds words that start or end with a non-ASCII letter, and not inside longer words', () => {
    const translate = vocabulary({ de: ['übersetz*'], fr: ['résume'] });
    assert.ok(translate.test('Übersetze den folgenden Text.'));
    assert.ok(translate.test('Bitte übersetzen.'));
    assert.ok(!translate.test('Die Neuübersetzung liegt bei.'), 'inside a longer word');
    assert.ok(translate.test('Résume cet article.'));
    assert.ok(!translate.test('Résumez-vous.'), 'a longer word');
  });

  it("makes a RegExp entry's \\b Unicode-aware", () => {
    assert.ok(!/\büber/i.test('über'), "JavaScript's own \\b never fires before ü");
    assert.ok(vocabulary({ de: [/\büber\b/] }).test('über'));
    assert.ok(!vocabulary({ de: [/\büber\b/] }).test('darüber'));
    assert.equal(unicodeSource(/[\b]/), '[\\b]', 'a backspace in a class is left alone');
  });

  it('matches Chinese, Japanese and Korean entries without boundaries, and Latin words next to them', () => {
    assert.ok(vocabulary({ ja: ['要約'] }).test('次の議事録を3行で要約してください。'));
    assert.ok(vocabulary({ ko: ['요약'] }).test('다음 기사를 요약해 주세요'));
    assert.ok(vocabulary({ en: ['json'] }).test('以JSON格式返回'));
    assert.ok(vocabulary({ en: [/\bpython\b/] }).test('Pythonで関数を書いて'));
  });

  it('reads `*` as further letters, spaces as any whitespace and `…` as the rest of the sentence', () => {
    const separable = vocabulary({ de: ['fass* … zusammen'] });
    assert.ok(separable.test('Fasse das folgende Protokoll in fünf Punkten zusammen.'));
    assert.ok(!separable.test('Fasse dich kurz. Wir lesen es später zusammen.'), 'not across a sentence end');
    assert.ok(vocabulary({ en: ['pull out'] }).test('pull\n  out the dates'));
    assert.ok(phrase('^(', ['c++', 'a.b'], ')$').test('c++'));
    assert.ok(!phrase('^(', ['c++', 'a.b'], ')$').test('axb'), 'list words are literal');
  });

  it('gives prompts in eight languages task features instead of "no task features found"', function () {
    this.timeout(20_000);
    const prompts: [string, string][] = [
      ['Übersetze den folgenden Text ins Englische.', 'translation'],
      ['Résume cet article en trois phrases.', 'summarisation'],
      ['Clasifica el comentario: positivo, negativo o neutro. Responde solo con una palabra.', 'classification'],
      ['Extraia do recibo o valor total e a data.', 'extraction'],
      ['Riscrivi questa descrizione in modo più professionale.', 'rewriting'],
      ['以下のメールから注文番号を抽出してください。', 'extraction'],
      ['把下面的产品说明翻译成英文。', 'translation'],
      ['다음 문의를 결제, 배송, 기타 중 하나로 분류하세요.', 'classification'],
      ['Get the order number from this email.', 'extraction'],
      ['Which tool should handle this? Reply with the tool name only.', 'classification'],
    ];
    for (const [prompt, taskClass] of prompts) assert.equal(classifyTask(prompt).taskClass, taskClass, prompt);
  });
});
