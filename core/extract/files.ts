// Whole-file prompts: prompt files with optional YAML front matter, and template files.
import { matchesPathGlob } from '../policy/glob';
import { parseFrontMatter } from './frontMatter';
import type { DraftPart, DraftPrompt } from './prompts';
import type { ExtractOptions, PromptRole, VariableSizeHint } from './types';
import { scanBraceVariables, scanJinjaVariables, scanMustacheVariables, type RawVariable } from './variables';

type Syntax = 'mustache' | 'jinja' | 'liquid' | 'detect';

/** Extension → template syntax and editor language id. `.prompt` is Dotprompt (handlebars); `.prompty` is jinja. */
const PROMPT_FILES: Record<string, { syntax: Syntax; language: string }> = {
  '.prompt': { syntax: 'mustache', language: 'prompt' },
  '.prompty': { syntax: 'jinja', language: 'prompty' },
  '.j2': { syntax: 'jinja', language: 'jinja' },
  '.jinja': { syntax: 'jinja', language: 'jinja' },
  '.jinja2': { syntax: 'jinja', language: 'jinja' },
  '.hbs': { syntax: 'mustache', language: 'handlebars' },
  '.handlebars': { syntax: 'mustache', language: 'handlebars' },
  '.mustache': { syntax: 'mustache', language: 'handlebars' },
  '.liquid': { syntax: 'liquid', language: 'liquid' },
};

const FOLDER_PROMPTS: Record<string, string> = { '.md': 'markdown', '.txt': 'plaintext' };

function splitPath(fileName: string): { folders: string[]; extension: string; base: string } {
  const segments = fileName.split(/[\\/]/);
  const base = segments.pop() ?? '';
  const dot = base.lastIndexOf('.');
  return { folders: segments, extension: dot <= 0 ? '' : base.slice(dot).toLowerCase(), base };
}

/** A prompt file by extension, a `.md`/`.txt` under a folder named `prompts`, or a match of the configured globs. */
export function isPromptFile(fileName: string, options?: ExtractOptions): boolean {
  const { folders, extension } = splitPath(fileName);
  if (extension in PROMPT_FILES) return true;
  if (extension in FOLDER_PROMPTS && folders.some((folder) => folder.toLowerCase() === 'prompts')) return true;
  return options?.promptGlobs?.some((glob) => matchesPathGlob(glob, fileName)) ?? false;
}

interface FrontMatter {
  data: Record<string, unknown>;
  bodyStart: number;
}

function readFrontMatter(text: string, fileName: string, notices: string[]): FrontMatter | undefined {
  const opening = /^\uFEFF?---[ \t]*\r?\n/.exec(text);
  if (!opening) return undefined;
  const closing = /^---[ \t]*(?:\r?\n|\r|$)/m;
  const rest = text.slice(opening[0].length);
  const match = closing.exec(rest);
  if (!match) return undefined;
  const yaml = rest.slice(0, match.index);
  const bodyStart = opening[0].length + match.index + match[0].length;
  try {
    const data = parseFrontMatter(yaml);
    return {
      data: typeof data === 'object' && data !== null && !Array.isArray(data) ? (data as Record<string, unknown>) : {},
      bodyStart,
    };
  } catch (error) {
    const line = (error as { linePos?: Array<{ line: number }> }).linePos?.[0]?.line;
    notices.push(
      `${fileName}${line ? `:${line + 1}` : ''}: front matter is not valid YAML: ${(error as Error).message.split('\n')[0]}`,
    );
    return { data: {}, bodyStart };
  }
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function firstString(...values: unknown[]): string | undefined {
  return values.find((value): value is string => typeof value === 'string' && value.trim() !== '');
}

function firstNumber(...values: unknown[]): number | undefined {
  return values.find((value): value is number => typeof value === 'number' && Number.isFinite(value));
}

/** The model and output cap of front matter: Prompty's `model: { configuration, parameters }`, a plain
 * `model: gpt-4o`, or Dotprompt's `model: provider/id` with `config: { maxOutputTokens }`. */
function modelSettings(data: Record<string, unknown>): { model?: string; maxTokens?: number } {
  const model = record(data.model);
  const configuration = record(model?.configuration);
  const parameters = { ...record(data.config), ...record(model?.parameters) };
  const id = firstString(
    data.model,
    model?.id,
    model?.name,
    configuration?.name,
    configuration?.model,
    configuration?.azure_deployment,
  );
  const maxTokens = firstNumber(
    parameters.max_tokens,
    parameters.max_completion_tokens,
    parameters.max_output_tokens,
    parameters.maxOutputTokens,
    parameters.maxTokens,
  );
  return { model: id?.slice(id.lastIndexOf('/') + 1), maxTokens };
}

/** Prompty's `sample:` values size the variables they name, unless the policy already does. */
function withSamples(data: Record<string, unknown>, options: ExtractOptions | undefined): ExtractOptions | undefined {
  const sample = record(data.sample);
  if (!sample) return options;
  const sizes: Record<string, VariableSizeHint> = {};
  for (const [name, value] of Object.entries(sample))
    sizes[name] = { sample: typeof value === 'string' ? value : JSON.stringify(value) };
  return { ...options, variableSizes: { ...sizes, ...options?.variableSizes } };
}

function detectSyntax(body: string): 'mustache' | 'jinja' | 'format' {
  if (/\{%/.test(body)) return 'jinja';
  if (/\{\{/.test(body)) return 'mustache';
  return 'format';
}

function variablesOf(text: string, offset: number, syntax: Syntax): RawVariable[] {
  const resolved = syntax === 'detect' ? detectSyntax(text) : syntax;
  if (resolved === 'mustache') return scanMustacheVariables(text, offset);
  if (resolved === 'format')
    return scanBraceVariables(text, 'format', offset, { start: offset, end: offset + text.length });
  return scanJinjaVariables(text, offset, resolved);
}

const ROLE_NAMES: Record<string, PromptRole> = {
  system: 'system',
  developer: 'developer',
  user: 'user',
  human: 'user',
  assistant: 'assistant',
  tool: 'tool',
};
/** Prompty marks roles with a line `system:` (optionally `# system:`); Dotprompt with `{{role "system"}}`. */
const PROMPTY_ROLE = /^[ \t]*#?[ \t]*(system|developer|user|human|assistant|tool)[ \t]*:[ \t]*(?:\r?\n|\r|$)/gim;
const DOTPROMPT_ROLE =
  /\{\{~?\s*role\s+["'](system|developer|user|assistant|tool|model)["']\s*~?\}\}[ \t]*(?:\r?\n|\r)?/g;

function splitRoles(text: string, bodyStart: number, marker: RegExp): DraftPart[] | undefined {
  const markers = [...text.slice(bodyStart).matchAll(marker)];
  if (markers.length === 0) return undefined;
  const parts: DraftPart[] = [];
  const lead = text.slice(bodyStart, bodyStart + markers[0]!.index!);
  if (lead.trim() !== '')
    parts.push({ role: 'system', text: lead, start: bodyStart, end: bodyStart + lead.length, variables: [] });
  markers.forEach((match, i) => {
    const start = bodyStart + match.index! + match[0].length;
    const end = i + 1 < markers.length ? bodyStart + markers[i + 1]!.index! : text.length;
    const name = match[1]!.toLowerCase();
    parts.push({
      role: name === 'model' ? 'assistant' : (ROLE_NAMES[name] ?? 'user'),
      text: text.slice(start, end),
      start,
      end,
      variables: [],
    });
  });
  return parts;
}

/** What a template renders, by the extension before the template's own (`setup.py.j2`, `values.yml.jinja2`,
 * `index.html.hbs`): code, configuration and markup, not text for a model. */
const RENDERED_CODE = new Set([
  'py',
  'js',
  'mjs',
  'cjs',
  'ts',
  'tsx',
  'jsx',
  'java',
  'kt',
  'go',
  'rs',
  'rb',
  'php',
  'c',
  'h',
  'cc',
  'cpp',
  'hpp',
  'cs',
  'swift',
  'scala',
  'sh',
  'bash',
  'zsh',
  'ps1',
  'bat',
  'cmd',
  'sql',
  'html',
  'htm',
  'xml',
  'svg',
  'css',
  'scss',
  'less',
  'vue',
  'svelte',
  'yml',
  'yaml',
  'json',
  'toml',
  'ini',
  'cfg',
  'conf',
  'env',
  'properties',
  'tf',
  'hcl',
  'nix',
  'dockerfile',
  'service',
  'plist',
  'gradle',
  'cmake',
  'lock',
  'csv',
  'tex',
  'rst',
  'ipynb',
  'j2',
  'proto',
  'graphql',
]);
/** File names of build and deployment files, with or without an extension before the template's. */
const RENDERED_NAMES =
  /^(?:dockerfile|containerfile|makefile|jenkinsfile|vagrantfile|procfile|gemfile|rakefile|caddyfile|nginx|requirements|setup|pyproject|package|tsconfig|docker-compose|compose|\.env|\.gitignore|\.dockerignore|license|codeowners|changelog|readme|manifest)(?:[.-]|$)/i;
/** The first lines of a template that renders code or configuration. */
const CODE_START =
  /^(?:\s*(?:\{[%#][\s\S]*?[%#]\}\s*)*)(?:#!|<!(?:doctype|DOCTYPE)|<\?xml|<(?:html|HTML)|<(?:div|template|svg|head|body|section|table|ul|span|p|a|form|script|style|link|meta)\b|import\s+[\w.]+|from\s+[\w.]+\s+import\b|package\s+[\w.]+;?$|FROM\s+\S+|apiVersion:|kind:\s|version:\s*['"]?\d|\[[\w.-]+\]\s*$|def\s+\w+\(|class\s+\w+[(:]|(?:const|let|var|function|export)\s|\{\s*"|server\s*\{|\w+\s*=\s*\{|[a-z_][\w.-]*:\s*(?:\{\{|$))/m;

/** Whether a template file renders code, configuration or markup rather than a prompt: by its name (`Dockerfile.j2`,
 * `setup.py.jinja2`), its extension chain (`*.yml.jinja2`, `*.html.hbs`) or, for a template with no such name, its
 * first lines (`#!/bin/sh`, `<html>`, `apiVersion:`, `import x`). Only the generic template extensions are judged:
 * a `.prompt`/`.prompty` file, a `prompts/` file or a configured glob is a prompt by the user's word. */
export function isCodeTemplate(text: string, fileName: string, options?: ExtractOptions): boolean {
  const { folders, extension, base } = splitPath(fileName);
  if (!(extension in PROMPT_FILES) || extension === '.prompt' || extension === '.prompty') return false;
  if (
    folders.some((folder) => /^prompts?$/i.test(folder)) ||
    options?.promptGlobs?.some((glob) => matchesPathGlob(glob, fileName))
  )
    return false;
  const stem = base.slice(0, base.length - extension.length);
  const inner = stem.includes('.') ? stem.slice(stem.lastIndexOf('.') + 1).toLowerCase() : '';
  if (RENDERED_CODE.has(inner) || RENDERED_NAMES.test(stem)) return true;
  if (inner === 'md' || inner === 'txt') return false;
  const head = text.replace(/^\uFEFF/, '').slice(0, 600);
  if (CODE_START.test(head)) return true;
  // Markup throughout: more tags than lines of prose.
  const tags = (text.match(/<\/?[a-zA-Z][\w-]*(?:\s[^<>]*)?>/g) ?? []).length;
  return tags >= 6 && tags * 2 >= text.split('\n').length;
}

/** The prompt a whole file holds, with its model and cap from front matter; undefined for a template that renders
 * code or configuration (see isCodeTemplate). */
export function extractFile(
  text: string,
  fileName: string,
  options: ExtractOptions | undefined,
  notices: string[],
  /** Read it as a prompt even when it looks like a code or config template (a text the user named as a prompt). */
  evenIfCode = false,
): { draft: DraftPrompt; language: string; options: ExtractOptions | undefined } | undefined {
  if (!evenIfCode && isCodeTemplate(text, fileName, options)) return undefined;
  const { extension, base } = splitPath(fileName);
  const kind = PROMPT_FILES[extension] ?? {
    syntax: 'detect' as const,
    language: FOLDER_PROMPTS[extension] ?? 'plaintext',
  };
  // Front matter is settings (model, max tokens, samples), never prompt text, in every kind of prompt file.
  const frontMatter = readFrontMatter(text, fileName, notices);
  const bodyStart = frontMatter?.bodyStart ?? 0;
  const marker = extension === '.prompty' ? PROMPTY_ROLE : extension === '.prompt' ? DOTPROMPT_ROLE : undefined;
  const parts = (marker && splitRoles(text, bodyStart, marker)) ?? [
    { role: 'template' as const, text: text.slice(bodyStart), start: bodyStart, end: text.length, variables: [] },
  ];
  for (const part of parts) {
    part.variables = variablesOf(part.text, part.start, kind.syntax);
  }
  const settings = frontMatter ? modelSettings(frontMatter.data) : {};
  const draft: DraftPrompt = {
    kind: 'file',
    name: base,
    start: 0,
    end: text.length,
    parts: parts.filter((part) => part.text.trim() !== ''),
  };
  if (settings.model !== undefined) {
    draft.model = settings.model;
    const span = modelSpanIn(text, bodyStart, settings.model);
    if (span) draft.modelSpan = span;
  }
  if (settings.maxTokens !== undefined) draft.maxTokens = settings.maxTokens;
  return { draft, language: kind.language, options: frontMatter ? withSamples(frontMatter.data, options) : options };
}

/** Where the front matter (before `bodyStart`) writes `model`: a `model:`, `id:`, `name:` or `azure_deployment:`
 * value whose last `/` segment is the id; the top-level `name:` is the prompt's own name and is passed over. */
function modelSpanIn(text: string, bodyStart: number, model: string): { start: number; end: number } | undefined {
  const line = /^([ \t]*)(model|id|name|azure_deployment)[ \t]*:[ \t]*(["']?)([^"'\s#]+)\3[ \t]*(?:#.*)?$/gm;
  const head = text.slice(0, bodyStart);
  for (let match = line.exec(head); match; match = line.exec(head)) {
    if (match[1] === '' && match[2] === 'name') continue;
    const value = match[4]!;
    if (value.slice(value.lastIndexOf('/') + 1) !== model) continue;
    const end = match.index + match[0].indexOf(value) + value.length;
    return { start: end - model.length, end };
  }
  return undefined;
}
