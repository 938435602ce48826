// Finding prompts in code and prompt files. See the README's "Finding prompts" for what is found and how.
import { extractFile, isPromptFile } from './files';
import { promptIdentities } from './identity';
import { extractJavaScript } from './javascript';
import { finishPrompts, finishUnreadCalls } from './prompts';
import { extractPython } from './python';
import type { UnreadCallDraft } from './sdk';
import type { ExtractedPrompt, ExtractOptions, ExtractResult } from './types';

export * from './types';
export { LineIndex } from './positions';
export { isPromptFile } from './files';
export { promptIdentities } from './identity';
export {
  DEFAULT_VARIABLE_TOKENS,
  UNBOUNDED_VARIABLE_TOKENS,
  UNBOUNDED_VARIABLE_WORDS,
  isUnboundedName,
  variableSize,
} from './variables';

const LANGUAGES: Record<string, string> = {
  '.ts': 'typescript',
  '.mts': 'typescript',
  '.cts': 'typescript',
  '.tsx': 'typescriptreact',
  '.js': 'javascript',
  '.mjs': 'javascript',
  '.cjs': 'javascript',
  '.jsx': 'javascriptreact',
  '.py': 'python',
};

function extensionOf(fileName: string): string {
  const base = fileName.slice(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
  const dot = base.lastIndexOf('.');
  return dot <= 0 ? '' : base.slice(dot).toLowerCase();
}

/** Whether extraction reads this file: source code it understands, or a prompt file. */
export function isSupportedFile(fileName: string, options?: ExtractOptions): boolean {
  return extensionOf(fileName) in LANGUAGES || isPromptFile(fileName, options);
}

/** A whole text read as one prompt file, whatever its name (`tokenwise cost` of any text): its front matter gives
 * the model and max tokens and is never prompt text. */
export function extractPromptFile(text: string, fileName: string, options?: ExtractOptions): ExtractedPrompt {
  const found = extractFile(text, fileName, options, [], true)!;
  return finishPrompts([found.draft], text, fileName, found.language, found.options)[0]!;
}

/** Every prompt of one file. Never throws for bad source: problems become notices. */
export function extractPrompts(text: string, fileName: string, options?: ExtractOptions): ExtractResult {
  const notices: string[] = [];
  try {
    if (isPromptFile(fileName, options)) {
      const found = extractFile(text, fileName, options, notices);
      if (!found) return { prompts: [], unreadCalls: [], notices };
      return {
        prompts: identified(
          finishPrompts([found.draft], text, fileName, found.language, found.options),
          text,
          fileName,
          found.language,
        ),
        unreadCalls: [],
        notices,
      };
    }
    const language = LANGUAGES[extensionOf(fileName)];
    if (language === undefined) return { prompts: [], unreadCalls: [], notices };
    const unread: UnreadCallDraft[] = [];
    const drafts =
      language === 'python'
        ? extractPython(text, fileName, notices, unread)
        : extractJavaScript(text, fileName, notices, unread);
    return {
      prompts: identified(finishPrompts(drafts, text, fileName, language, options), text, fileName, language),
      unreadCalls: finishUnreadCalls(unread, text),
      notices,
    };
  } catch (error) {
    // A bug here must cost one file's prompts, not the whole run.
    notices.push(`${fileName}: could not extract prompts: ${(error as Error).message}`);
    return { prompts: [], unreadCalls: [], notices };
  }
}

function identified(prompts: ExtractedPrompt[], text: string, fileName: string, language: string): ExtractedPrompt[] {
  const ids = promptIdentities(prompts, text, fileName.replace(/\\/g, '/'), language);
  prompts.forEach((prompt, i) => (prompt.promptId = ids[i]!));
  return prompts;
}
