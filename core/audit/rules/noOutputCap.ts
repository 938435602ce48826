// A call with no output cap bills whatever the model writes, up to the model's maximum output: one runaway reply
// (a loop, a repeated list) costs many times the expected answer. The fix adds the cap the cost estimate assumes.
import type { CallApi, CallSite } from '../../extract';
import type { Rule, RuleContext, TextEdit } from '../types';

export const noOutputCap: Rule = {
  id: 'no-output-cap',
  defaultSeverity: 'warning',
  summary: 'An LLM call with no maximum on output tokens',
  waste: false,
  check(context) {
    const call = context.prompt.callSite;
    // A LangChain template or chat model is bound to a model elsewhere; the cap belongs where the model is configured.
    // A cap set in any form (an expression, a spread, nested settings, the client's defaults) is not missing.
    if (
      !call ||
      call.api === 'langchain' ||
      call.outputCap !== 'none' ||
      call.maxTokens !== undefined ||
      call.maxTokensRange
    )
      return [];
    const key = capParameter(call.api, context.prompt.language);
    const ceiling = context.modelInfo?.maxOutputTokens;
    // The fix never adds a second cap: any cap parameter already written in the arguments rules it out.
    const written = CAP_WRITTEN.test(context.source.slice(call.argumentsRange.start, call.argumentsRange.end));
    const edit = key && !written ? insertCap(context, call, key) : undefined;
    return [
      {
        message:
          `This call sets no output cap: a runaway reply bills ${ceiling ? `up to ${ceiling.toLocaleString('en-US')} output tokens on ${context.model}` : 'as many output tokens as the model writes'} ` +
          `(≈ ${context.outputTokens.toLocaleString('en-US')} expected). Set ${key ?? 'a max-tokens parameter'}.`,
        range: call.range,
        tokens: ceiling,
        fix: edit ? { description: `Add ${key}: ${context.outputTokens}`, edits: [edit] } : undefined,
      },
    ];
  },
};

const CAP_WRITTEN =
  /\b(?:max_tokens|max_completion_tokens|max_output_tokens|maxTokens|maxOutputTokens|maxCompletionTokens|max_new_tokens)\b/;

/** The parameter that caps output for each API (OpenAI's chat API deprecated max_tokens in its favour). */
function capParameter(api: CallApi, language: string): string | undefined {
  switch (api) {
    case 'openai.chat':
      return 'max_completion_tokens';
    case 'openai.responses':
      return 'max_output_tokens';
    case 'anthropic.messages':
      return 'max_tokens';
    case 'ai-sdk':
      return language === 'python' ? undefined : 'maxOutputTokens';
    case 'google.genai':
      // Gemini takes its cap inside `config`/`generationConfig`, which an insertion at the top would miss.
      return undefined;
    case 'langchain':
      return undefined;
  }
}

/** Inserts the cap as the first argument property, matching the layout of the existing arguments. */
function insertCap(context: RuleContext, call: CallSite, key: string): TextEdit | undefined {
  const args = context.source.slice(call.argumentsRange.start, call.argumentsRange.end);
  const python = context.prompt.language === 'python';
  const open = python ? args.search(/[^(\s]/) : args.indexOf('{');
  if (open < 0) return undefined;
  // Python: only when the arguments are all keywords, so the new keyword cannot land before a positional one.
  if (python && !/^[A-Za-z_]\w*\s*=/.test(args.slice(open))) return undefined;
  if (!python && args.slice(0, open).trim() !== '' && !args.slice(0, open).trim().endsWith('(')) return undefined;
  const insertAt = call.argumentsRange.start + (python ? open : open + 1);
  const value = context.outputTokens;
  const property = python ? `${key}=${value},` : `${key}: ${value},`;
  let newText: string;
  if (python) {
    const indent = /(?:^|\n)([ \t]*)$/.exec(context.source.slice(0, insertAt));
    newText = args.slice(0, open).includes('\n') && indent ? `${property}\n${indent[1]}` : `${property} `;
  } else {
    const layout = /^[ \t]*\r?\n([ \t]*)/.exec(args.slice(open + 1));
    newText = layout ? `\n${layout[1]}${property}` : ` ${property}`;
  }
  return { range: context.range(insertAt, insertAt), newText };
}
