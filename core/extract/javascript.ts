// TypeScript/JavaScript front end: Babel's parser (see the README's "Finding prompts" for why Babel), reduced to
// the shared value model.
import { parse, type ParserPlugin } from '@babel/parser';
import type * as t from '@babel/types';
import {
  BINDING_HINT,
  asksTerminal,
  insideAny,
  isPromptBinding,
  mentionsLlm,
  roleOfName,
  type DraftPrompt,
} from './prompts';
import { CALL_HINT, apiOf, interpretCall, type UnreadCallDraft } from './sdk';
import {
  Declarations,
  dedented,
  isTextLike,
  resolve,
  textOf,
  type CallValue,
  type TextValue,
  type Value,
  type ValueContext,
} from './values';
import { looksTruncated, scanMustacheVariables } from './variables';

/** Subtrees that cannot hold a prompt: types and imports. */
const SKIPPED_TYPES = new Set([
  'ImportDeclaration',
  'TSInterfaceDeclaration',
  'TSTypeAliasDeclaration',
  'TSDeclareFunction',
  'TSTypeAnnotation',
  'TSTypeParameterInstantiation',
]);
const SKIPPED_KEYS = new Set([
  'loc',
  'start',
  'end',
  'extra',
  'leadingComments',
  'trailingComments',
  'innerComments',
  'comments',
  'tokens',
  'errors',
  'typeAnnotation',
  'returnType',
  'typeParameters',
]);
const GLOBALS = new Set(['JSON', 'Math', 'Object', 'String', 'Array', 'Number', 'Promise', 'console']);
const RETRY_CALLEE = /retry|backoff|attempt/i;
const RETRY_LIMIT_KEYS = /^(retries|maxRetries|max_retries|attempts|maxAttempts|times|tries|maxTries|limit|stop)$/;

type Node = t.Node;

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

function unwrap(node: Node): Node {
  let current = node;
  while (
    current.type === 'TSAsExpression' ||
    current.type === 'TSSatisfiesExpression' ||
    current.type === 'TSNonNullExpression' ||
    current.type === 'TSTypeAssertion' ||
    current.type === 'ParenthesizedExpression' ||
    current.type === 'AwaitExpression'
  ) {
    current = current.type === 'AwaitExpression' ? current.argument : current.expression;
  }
  return current;
}

/** The dotted name of `a.b.c` / `this.a.b` / `a?.b`, or undefined for computed or non-name paths. */
function pathOf(node: Node): string | undefined {
  const current = unwrap(node);
  if (current.type === 'Identifier') return current.name;
  if (current.type === 'ThisExpression') return 'this';
  if ((current.type === 'MemberExpression' || current.type === 'OptionalMemberExpression') && !current.computed) {
    const object = pathOf(current.object);
    const property = current.property.type === 'Identifier' ? current.property.name : undefined;
    return object !== undefined && property !== undefined ? `${object}.${property}` : undefined;
  }
  return undefined;
}

/** The callee as a dotted path even when the chain starts at a call or another expression:
 * `getClient().chat.completions.create`, `(await makeClient()).messages.create`, `clients[0].responses.create`
 * (as `.responses.create`), `new ChatOpenAI({…}).invoke`. */
function calleePath(node: Node): string | undefined {
  const current = unwrap(node);
  const path = pathOf(current);
  if (path !== undefined) return path;
  if (
    (current.type === 'MemberExpression' || current.type === 'OptionalMemberExpression') &&
    !current.computed &&
    current.property.type === 'Identifier'
  ) {
    return `${calleePath(current.object) ?? ''}.${current.property.name}`;
  }
  if (
    current.type === 'CallExpression' ||
    current.type === 'OptionalCallExpression' ||
    current.type === 'NewExpression'
  ) {
    const inner = calleePath(current.callee);
    return inner === undefined ? '' : `${inner}()`;
  }
  return undefined;
}

class JavaScriptReader {
  private readonly declarations = new Declarations();
  readonly context: ValueContext;

  constructor(private readonly source: string) {
    this.context = {
      source,
      constant: () => undefined,
      placeholder: (expression) => '${' + expression + '}',
      syntax: 'js',
      used: new Set(),
    };
  }

  /** Names assigned after their declaration (`name = other`, `i++`): their initial value is not followed. A builder's
   * appends (`prompt += …`) keep it followed: they are joined to its value instead. */
  readonly reassigned = new Set<string>();

  addConstant(name: string, init: Node, start: number, scope: Node): void {
    let value: Value | undefined;
    this.declarations.add({
      name,
      start,
      scopeStart: scope.start!,
      scopeEnd: scope.end!,
      value: () => (value ??= this.value(init)),
    });
  }

  /** A parameter's default (`model = 'gpt-4o'`): a fallback, since a caller may pass another value. */
  addDefault(name: string, init: Node, start: number, scope: Node): void {
    let value: Value | undefined;
    this.declarations.add({
      name,
      start,
      scopeStart: scope.start!,
      scopeEnd: scope.end!,
      value: () =>
        (value ??= {
          kind: 'call',
          callee: '??',
          args: [this.value(init)],
          start: init.start!,
          end: init.end!,
          argsStart: init.start!,
          argsEnd: init.end!,
        }),
    });
  }

  /** A member set once (`this.model = model` in a constructor): its value read where it is assigned, so a
   * constructor parameter resolves to that parameter's default, not to a same-named value elsewhere. */
  addMember(path: string, init: Node, start: number, scope: Node): void {
    let value: Value | undefined;
    this.declarations.add({
      name: path,
      start,
      scopeStart: scope.start!,
      scopeEnd: scope.end!,
      value: () => (value ??= resolve(this.value(init), this.contextAt(start))),
    });
  }

  /** `name += piece` (or `name = name + piece`) at `start`: false when `name` has no declaration to extend. */
  append(name: string, piece: Node, start: number): boolean {
    let value: Value | undefined;
    return this.declarations.append(name, start, () => (value ??= this.value(piece)));
  }

  /** `list.push(a, b)` at `start`: items joined to the list declared before (a no-op when there is none). */
  appendItems(name: string, items: Node[], start: number): void {
    let value: Value | undefined;
    const first = items[0]!;
    const last = items[items.length - 1]!;
    this.declarations.append(
      name,
      start,
      () =>
        (value ??= { kind: 'list', items: items.map((item) => this.value(item)), start: first.start!, end: last.end! }),
    );
  }

  /** A builder's whole text, for the binding declared at `start`. */
  built(name: string, start: number): Value | undefined {
    return this.declarations.built(name, start);
  }

  /** The context for reading code at `position`: with the declarations visible there (`const`, and `let`/`var`
   * never assigned again). */
  contextAt(position: number): ValueContext {
    return {
      ...this.context,
      constant: (name) => (this.reassigned.has(name) ? undefined : this.declarations.at(name, position)),
    };
  }

  /** The name a run-time value is reported under: the collection of `docs.map(…).join()`, the argument of
   * `formatHistory(history)`, the test of a conditional. */
  variableName(node: Node): string {
    const current = unwrap(node);
    const path = pathOf(current);
    if (path !== undefined) return path.replace(/^this\./, '');
    switch (current.type) {
      case 'MemberExpression':
      case 'OptionalMemberExpression':
        return this.variableName(current.object);
      case 'CallExpression':
      case 'OptionalCallExpression': {
        const callee = unwrap(current.callee);
        const firstArg = current.arguments[0];
        if (callee.type === 'MemberExpression' || callee.type === 'OptionalMemberExpression') {
          const objectPath = pathOf(callee.object);
          if (objectPath !== undefined && GLOBALS.has(objectPath) && firstArg) return this.variableName(firstArg);
          return this.variableName(callee.object);
        }
        if (firstArg && firstArg.type !== 'ArgumentPlaceholder') return this.variableName(firstArg);
        return this.variableName(callee);
      }
      case 'ConditionalExpression':
        return this.variableName(current.test);
      case 'LogicalExpression':
      case 'BinaryExpression':
        return this.variableName(current.left);
      case 'TemplateLiteral':
        return current.expressions[0] ? this.variableName(current.expressions[0]) : 'template';
      case 'SpreadElement':
        return this.variableName(current.argument);
      default: {
        const source = this.source.slice(current.start!, current.end!).replace(/\s+/g, ' ');
        return source.length > 40 ? `${source.slice(0, 40)}…` : source;
      }
    }
  }

  private ref(node: Node): Value {
    const current = unwrap(node);
    return {
      kind: 'ref',
      name: this.variableName(current),
      source: this.source.slice(current.start!, current.end!),
      start: current.start!,
      end: current.end!,
      identifier: current.type === 'Identifier' ? current.name : undefined,
    };
  }

  private template(node: t.TemplateLiteral, raw = false): TextValue {
    let text = '';
    const variables = [];
    for (let i = 0; i < node.quasis.length; i++) {
      const quasi = node.quasis[i]!;
      text += raw ? quasi.value.raw : (quasi.value.cooked ?? quasi.value.raw);
      const expression = node.expressions[i];
      const next = node.quasis[i + 1];
      if (expression && next) {
        // The placeholder runs from `${` (where the quasi ends) to just after `}` (where the next begins).
        const start = quasi.end!;
        const end = next.start!;
        const source = this.source.slice(start, end);
        text += source;
        variables.push({
          name: this.variableName(expression),
          syntax: 'js' as const,
          start,
          end,
          truncated: looksTruncated(source) || undefined,
        });
      }
    }
    return { kind: 'text', text, start: node.start! + 1, end: node.end! - 1, variables };
  }

  private concatenation(node: t.BinaryExpression): Value {
    const operands: Node[] = [];
    const flatten = (current: Node) => {
      const inner = unwrap(current);
      if (inner.type === 'BinaryExpression' && inner.operator === '+') {
        flatten(inner.left);
        flatten(inner.right);
      } else operands.push(inner);
    };
    flatten(node);
    if (!operands.some((operand) => operand.type === 'StringLiteral' || operand.type === 'TemplateLiteral'))
      return this.ref(node);
    return {
      kind: 'call',
      callee: '+',
      args: operands.map((operand) => this.value(operand)),
      start: node.start!,
      end: node.end!,
      argsStart: node.start!,
      argsEnd: node.end!,
    };
  }

  /** Where the argument list starts: just after the `(` that follows the callee (comments skipped). */
  private argumentsStart(node: t.CallExpression | t.NewExpression | t.OptionalCallExpression): number {
    let i = (node.typeParameters ?? node.callee).end!;
    const source = this.source;
    while (i < node.end!) {
      const c = source[i];
      if (c === '(') return i + 1;
      const skipTo =
        c === '/' && source[i + 1] === '*'
          ? source.indexOf('*/', i + 2) + 2
          : c === '/' && source[i + 1] === '/'
            ? source.indexOf('\n', i)
            : i + 1;
      if (skipTo <= i) break;
      i = skipTo;
    }
    return node.end!;
  }

  call(node: t.CallExpression | t.NewExpression | t.OptionalCallExpression): CallValue {
    const callee = unwrap(node.callee);
    const path = pathOf(callee);
    const isMember = callee.type === 'MemberExpression' || callee.type === 'OptionalMemberExpression';
    const method =
      isMember && !callee.computed && callee.property.type === 'Identifier' ? callee.property.name : undefined;
    const prefix = node.type === 'NewExpression' ? 'new ' : '';
    const argsStart = this.argumentsStart(node);
    return {
      kind: 'call',
      callee: prefix + (path ?? calleePath(callee) ?? method ?? ''),
      method,
      target: isMember ? this.value(callee.object) : undefined,
      args: node.arguments.map((arg) => this.value(arg)),
      start: node.start!,
      end: node.end!,
      argsStart,
      argsEnd: Math.max(argsStart, node.end! - 1),
    };
  }

  value(node: Node): Value {
    const current = unwrap(node);
    const span = { start: current.start!, end: current.end! };
    switch (current.type) {
      case 'StringLiteral':
        return { kind: 'text', text: current.value, start: span.start + 1, end: span.end - 1, variables: [] };
      case 'TemplateLiteral':
        return this.template(current);
      case 'TaggedTemplateExpression': {
        // String.raw keeps escapes; dedent-style tags (dedent, outdent, stripIndent) strip the common indentation
        // and the first and last blank lines; other tags are assumed to pass the text through.
        const tag = pathOf(current.tag) ?? '';
        const text = this.template(current.quasi, tag === 'String.raw');
        if (!/dedent|outdent|stripIndent/i.test(tag)) return text;
        return {
          ...text,
          text: dedented(text)
            .text.replace(/^[ \t]*\r?\n/, '')
            .replace(/\r?\n[ \t]*$/, ''),
        };
      }
      case 'NumericLiteral':
        return { kind: 'number', value: current.value, ...span };
      case 'NullLiteral':
        return { kind: 'other', empty: true, ...span };
      case 'BooleanLiteral':
        return { kind: 'other', empty: !current.value, ...span };
      case 'Identifier':
        return current.name === 'undefined' ? { kind: 'other', empty: true, ...span } : this.ref(current);
      case 'ArrayExpression':
        return {
          kind: 'list',
          items: current.elements.flatMap((element) => (element ? [this.value(element)] : [])),
          ...span,
        };
      case 'ObjectExpression': {
        const entries = [];
        const spreads: Value[] = [];
        for (const property of current.properties) {
          if (property.type === 'SpreadElement') spreads.push(this.value(property.argument));
          if (property.type !== 'ObjectProperty' || property.computed) continue;
          const key =
            property.key.type === 'Identifier'
              ? property.key.name
              : property.key.type === 'StringLiteral'
                ? property.key.value
                : undefined;
          if (key !== undefined) entries.push({ key, value: this.value(property.value) });
        }
        return spreads.length > 0
          ? { kind: 'object', entries, spreads, ...span }
          : { kind: 'object', entries, ...span };
      }
      case 'LogicalExpression':
        // `process.env.MODEL ?? 'gpt-4o'`, `options.model || DEFAULT_MODEL`: a run-time value with a fallback.
        return current.operator === '&&'
          ? this.ref(current)
          : {
              kind: 'call',
              callee: '??',
              args: [this.value(current.left), this.value(current.right)],
              start: span.start,
              end: span.end,
              argsStart: span.start,
              argsEnd: span.end,
            };
      case 'SpreadElement':
        return { kind: 'spread', value: this.value(current.argument), ...span };
      case 'BinaryExpression':
        return current.operator === '+' ? this.concatenation(current) : this.ref(current);
      case 'CallExpression':
      case 'OptionalCallExpression':
      case 'NewExpression':
        return this.call(current);
      case 'ArrowFunctionExpression':
      case 'FunctionExpression':
        return { kind: 'other', empty: false, ...span };
      default:
        return this.ref(current);
    }
  }
}

/** The text-valued body of a prompt builder `(q) => \`…\`` or `function () { return \`…\` }`, else the node. */
function promptBody(node: Node): Node | undefined {
  const current = unwrap(node);
  if (current.type !== 'ArrowFunctionExpression' && current.type !== 'FunctionExpression') return current;
  if (current.body.type !== 'BlockStatement') return current.body;
  const statements = current.body.body;
  const last = statements[statements.length - 1];
  return statements.length === 1 && last?.type === 'ReturnStatement' && last.argument ? last.argument : undefined;
}

function isLoop(node: Node): node is t.WhileStatement | t.DoWhileStatement | t.ForStatement {
  return node.type === 'WhileStatement' || node.type === 'DoWhileStatement' || node.type === 'ForStatement';
}

function isFunction(node: Node): boolean {
  return (
    node.type === 'ArrowFunctionExpression' ||
    node.type === 'FunctionExpression' ||
    node.type === 'FunctionDeclaration' ||
    node.type === 'ObjectMethod' ||
    node.type === 'ClassMethod'
  );
}

const RELATIONAL = new Set(['<', '<=', '>', '>=']);

/** A visible bound: a relational test (`attempt < 3`), a counter test (`retries--`), or an `if` with one that leaves. */
function hasBound(test: Node | null | undefined, body: Node): boolean {
  if (test) {
    const current = unwrap(test);
    if (current.type === 'BinaryExpression' && RELATIONAL.has(current.operator)) return true;
    if (current.type === 'UpdateExpression') return true;
    if (current.type === 'LogicalExpression' && (hasBound(current.left, body) || hasBound(current.right, body)))
      return true;
  }
  let found = false;
  const visit = (node: Node, guarded: boolean) => {
    if (found || isFunction(node)) return;
    if (
      guarded &&
      (node.type === 'ThrowStatement' || node.type === 'BreakStatement' || node.type === 'ReturnStatement')
    ) {
      found = true;
      return;
    }
    let nowGuarded = guarded;
    if (node.type === 'IfStatement') {
      const condition = unwrap(node.test);
      nowGuarded ||= condition.type === 'BinaryExpression' && RELATIONAL.has(condition.operator);
    }
    for (const key of Object.keys(node)) {
      if (SKIPPED_KEYS.has(key)) continue;
      const child = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(child)) child.forEach((item) => isNode(item) && visit(item, nowGuarded));
      else if (isNode(child)) visit(child, nowGuarded && key !== 'test');
    }
  };
  visit(body, false);
  return found;
}

function retryOf(ancestors: Node[], source: string): { bounded: boolean; start: number; end: number } | undefined {
  for (let i = ancestors.length - 1; i >= 0; i--) {
    const node = ancestors[i]!;
    if (isLoop(node)) return { bounded: hasBound(node.test, node.body), start: node.start!, end: node.end! };
    if (!isFunction(node)) continue;
    const parent = ancestors[i - 1];
    if (
      parent?.type === 'CallExpression' &&
      RETRY_CALLEE.test(source.slice(parent.callee.start!, parent.callee.end!))
    ) {
      const bounded = parent.arguments.some((arg) => {
        const current = unwrap(arg);
        if (current.type === 'NumericLiteral') return true;
        return (
          current.type === 'ObjectExpression' &&
          current.properties.some(
            (property) =>
              property.type === 'ObjectProperty' &&
              property.key.type === 'Identifier' &&
              RETRY_LIMIT_KEYS.test(property.key.name),
          )
        );
      });
      return { bounded, start: parent.start!, end: parent.end! };
    }
    if (node.type === 'FunctionDeclaration' || node.type === 'ClassMethod' || node.type === 'ObjectMethod')
      return undefined;
    if (parent?.type !== 'CallExpression') return undefined;
  }
  return undefined;
}

function pluginsFor(fileName: string): ParserPlugin[] {
  const extension = fileName.slice(fileName.lastIndexOf('.')).toLowerCase();
  if (extension === '.ts' || extension === '.mts' || extension === '.cts') return ['typescript', 'decorators-legacy'];
  if (extension === '.tsx') return ['typescript', 'jsx', 'decorators-legacy'];
  return ['jsx', 'decorators-legacy'];
}

interface BindingCandidate {
  name: string;
  node: Node;
  start: number;
  end: number;
  /** A `const`/`let` declaration, whose builder appends belong to it. */
  declared?: boolean;
  /** Set on another object than `this` (`el.prompt = …`). */
  ofAnotherObject?: boolean;
}

/** The block a declaration is visible in: the nearest enclosing block, else the program. */
function scopeOf(ancestors: Node[], program: Node): Node {
  for (let i = ancestors.length - 1; i >= 0; i--) if (ancestors[i]!.type === 'BlockStatement') return ancestors[i]!;
  return program;
}

/** Prompts of a TypeScript/JavaScript file: SDK calls, then prompt-named bindings not already part of a call. */
export function extractJavaScript(
  source: string,
  fileName: string,
  notices: string[],
  unread: UnreadCallDraft[] = [],
): DraftPrompt[] {
  const mayCall = CALL_HINT.test(source);
  if (!mayCall && !BINDING_HINT.test(source)) return [];
  let file: ReturnType<typeof parse>;
  try {
    file = parse(source, {
      sourceType: 'unambiguous',
      plugins: pluginsFor(fileName),
      errorRecovery: true,
      attachComment: false,
      allowReturnOutsideFunction: true,
      allowAwaitOutsideFunction: true,
      allowImportExportEverywhere: true,
      allowUndeclaredExports: true,
    });
  } catch (error) {
    notices.push(`${fileName}: could not parse: ${(error as Error).message}`);
    return [];
  }
  const errors = file.errors ?? [];
  if (errors.length > 0) {
    const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
    notices.push(`${fileName}: syntax error, prompts near it may be missed: ${errors[0]!.message}${more}`);
  }

  const reader = new JavaScriptReader(source);
  const declareDefaults = (pattern: t.ObjectPattern, scope: Node): void => {
    for (const property of pattern.properties) {
      if (
        property.type === 'ObjectProperty' &&
        property.value.type === 'AssignmentPattern' &&
        property.value.left.type === 'Identifier'
      ) {
        reader.addDefault(property.value.left.name, property.value.right, property.start!, scope);
      }
    }
  };
  const calls: Array<{ node: t.CallExpression | t.NewExpression | t.OptionalCallExpression; ancestors: Node[] }> = [];
  const bindings: BindingCandidate[] = [];
  const ancestors: Node[] = [];

  const visit = (node: Node) => {
    if (SKIPPED_TYPES.has(node.type)) return;
    switch (node.type) {
      case 'CallExpression':
      case 'OptionalCallExpression':
      case 'NewExpression': {
        if (mayCall) {
          const path = calleePath(node.callee);
          if (path !== undefined && apiOf(path)) calls.push({ node, ancestors: [...ancestors] });
        }
        // `messages.push({...})`: items added to a list declared before.
        const callee = node.callee;
        if (
          callee.type === 'MemberExpression' &&
          !callee.computed &&
          callee.object.type === 'Identifier' &&
          callee.property.type === 'Identifier' &&
          callee.property.name === 'push' &&
          node.arguments.length > 0
        ) {
          const pushed = node.arguments;
          reader.appendItems(callee.object.name, pushed, node.start!);
        }
        break;
      }
      case 'VariableDeclarator':
        if (node.id.type === 'Identifier' && node.init) {
          reader.addConstant(node.id.name, node.init, node.start!, scopeOf(ancestors, file.program));
          bindings.push({ name: node.id.name, node: node.init, start: node.start!, end: node.end!, declared: true });
        } else if (node.id.type === 'ObjectPattern' && node.init)
          declareDefaults(node.id, scopeOf(ancestors, file.program));
        break;
      case 'ObjectProperty':
      case 'ClassProperty':
        if (!node.computed && node.value && (node.key.type === 'Identifier' || node.key.type === 'StringLiteral')) {
          const name = node.key.type === 'Identifier' ? node.key.name : node.key.value;
          bindings.push({ name, node: node.value, start: node.start!, end: node.end! });
          // A class field is read as `this.name` anywhere in the class.
          const classBody = node.type === 'ClassProperty' ? ancestors[ancestors.length - 1] : undefined;
          if (classBody && node.type === 'ClassProperty' && !node.static)
            reader.addConstant(`this.${name}`, node.value, node.start!, classBody);
        }
        break;
      case 'UpdateExpression':
        if (node.argument.type === 'Identifier') reader.reassigned.add(node.argument.name);
        break;
      case 'AssignmentExpression': {
        const right = unwrap(node.right);
        const selfAppend =
          node.operator === '=' &&
          node.left.type === 'Identifier' &&
          right.type === 'BinaryExpression' &&
          right.operator === '+' &&
          unwrap(right.left).type === 'Identifier' &&
          (unwrap(right.left) as t.Identifier).name === node.left.name;
        if (node.left.type === 'Identifier' && (node.operator === '+=' || selfAppend)) {
          // A builder: `prompt += …` extends the declared text instead of starting another prompt.
          if (reader.append(node.left.name, selfAppend ? (right as t.BinaryExpression).right : node.right, node.start!))
            break;
        }
        if (node.left.type === 'Identifier') reader.reassigned.add(node.left.name);
        const path = pathOf(node.left);
        if (path !== undefined) {
          bindings.push({
            name: path.slice(path.lastIndexOf('.') + 1),
            node: node.right,
            start: node.start!,
            end: node.end!,
            ofAnotherObject: path.includes('.') && !path.startsWith('this.'),
          });
          // `this.model = 'gpt-4o'` in a constructor is read as `this.model` anywhere in the class.
          const classBody =
            path.startsWith('this.') && node.operator === '='
              ? ancestors.find((ancestor) => ancestor.type === 'ClassBody')
              : undefined;
          if (classBody) reader.addMember(path, node.right, node.start!, classBody);
        }
        break;
      }
      case 'FunctionDeclaration':
      case 'FunctionExpression':
      case 'ArrowFunctionExpression':
      case 'ClassMethod':
      case 'ObjectMethod':
        // Defaults of parameters (`model = 'gpt-4o'`, `{ model = DEFAULT_MODEL }`) are what a call uses when the caller
        // passes none.
        for (const param of node.params) {
          if (param.type === 'AssignmentPattern' && param.left.type === 'Identifier')
            reader.addDefault(param.left.name, param.right, param.start!, node);
          else if (param.type === 'ObjectPattern') declareDefaults(param, node);
          else if (param.type === 'AssignmentPattern' && param.left.type === 'ObjectPattern')
            declareDefaults(param.left, node);
          else if (
            param.type === 'TSParameterProperty' &&
            param.parameter.type === 'AssignmentPattern' &&
            param.parameter.left.type === 'Identifier'
          ) {
            // `constructor(private readonly model = 'gpt-4o')` declares `this.model` with that default.
            const classBody = ancestors[ancestors.length - 1];
            reader.addDefault(param.parameter.left.name, param.parameter.right, param.start!, node);
            if (classBody?.type === 'ClassBody')
              reader.addDefault(`this.${param.parameter.left.name}`, param.parameter.right, param.start!, classBody);
          }
        }
        break;
    }
    ancestors.push(node);
    for (const key of Object.keys(node)) {
      if (SKIPPED_KEYS.has(key)) continue;
      const child = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(child)) {
        for (const item of child) if (isNode(item)) visit(item);
      } else if (isNode(child)) visit(child);
    }
    ancestors.pop();
  };
  visit(file.program);

  const drafts: DraftPrompt[] = [];
  for (const { node, ancestors: around } of calls) {
    const draft = interpretCall(reader.call(node), reader.contextAt(node.start!));
    if (!draft) continue;
    if (draft.kind === 'unread') {
      unread.push(draft);
      continue;
    }
    const retry = retryOf(around, source);
    if (retry && draft.call) draft.call.retry = retry;
    drafts.push(draft);
  }
  const inCall = insideAny(drafts);
  const llmFile = drafts.length > 0 || unread.length > 0 || mentionsLlm(source);
  for (const binding of bindings) {
    if (!BINDING_HINT.test(binding.name) || inCall(binding.start)) continue;
    const body = promptBody(binding.node);
    if (!body) continue;
    const initial = reader.value(body);
    const value = (binding.declared && reader.built(binding.name, binding.start)) || initial;
    const context = reader.contextAt(binding.start);
    if (reader.context.used.has(initial.start) || !isTextLike(value, context)) continue;
    const text = textOf(value, context);
    if (!text || text.text.trim() === '') continue;
    if (
      !isPromptBinding(binding.name, text.text, llmFile, binding.ofAnotherObject) ||
      asksTerminal(binding.name, source)
    )
      continue;
    const verbatim = source.slice(text.start, text.end) === text.text;
    // Static text with `{{name}}` placeholders is filled by a template engine or `.replace` later.
    const variables =
      text.variables.length > 0 || !text.text.includes('{{')
        ? text.variables
        : scanMustacheVariables(text.text, text.start).map((variable) =>
            verbatim ? variable : { ...variable, start: text.start, end: text.end },
          );
    drafts.push({
      kind: 'binding',
      name: binding.name,
      start: binding.start,
      end: binding.end,
      parts: [{ role: roleOfName(binding.name), text: text.text, start: text.start, end: text.end, variables }],
    });
  }
  return drafts;
}
