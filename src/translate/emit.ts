/**
 * Code generation: a parsed .m file becomes a TypeScript module that calls
 * the runtime and the toolbox, keeping the script's comments and its line
 * structure (one .ts line per .m line in the body), so it reads like the
 * hand-written twins in toolbox/. MATLAB semantics stay in the runtime:
 * operators become calls (`==` → eq, `*` → mtimes), indexing becomes
 * at/brace/setAt, and asynchronous toolbox calls get `await`.
 */
import { stmtExprs, targetName, walkExpr, walkStmts, type Expr, type FunctionDef, type Program, type Stmt } from './ast.ts';
import { Diagnostics } from './diagnostics.ts';
import { analyseScope, isPoofingLoad, type ScopeInfo } from './scope.ts';
import { ASYNC_FUNCTIONS, TOOLBOX_FUNCTIONS } from './toolboxNames.ts';

export interface EmitOptions {
  /** Module specifier the generated code imports the toolbox from. */
  importFrom: string;
  /** Function files beside the script, already parsed (name → program). */
  fileFunctions?: ReadonlyMap<string, Program>;
}

export interface Emitted {
  code: string;
  /** lineMap[k] = the .m line of generated line k + 1 (0: generated, no .m line). */
  lineMap: number[];
  /** For each generated line, the .m file it comes from. */
  fileMap: string[];
}

const BINARY: Record<string, string> = {
  '+': 'plus', '-': 'minus', '.*': 'times', './': 'rdivide', '.\\': 'ldivide', '.^': 'power',
  '*': 'mtimes', '/': 'mrdivide', '\\': 'mldivide', '^': 'mpower',
  '==': 'eq', '~=': 'ne', '<': 'lt', '<=': 'le', '>': 'gt', '>=': 'ge', '&': 'and', '|': 'or',
};
const JS_ARITH: Record<string, string> = { '+': '+', '-': '-', '*': '*', '.*': '*', '/': '/', './': '/', '^': '**', '.^': '**' };

/** Toolbox functions that, called with no output, print nothing and leave `ans` alone. */
const NO_OUTPUT = new Set([
  'figure', 'subplot', 'imshow', 'title', 'xlabel', 'ylabel', 'plot', 'close', 'clc', 'hold', 'montage', 'plotconfusion',
  'plotWeights', 'fprintf', 'disp', 'display', 'save', 'rng', 'imwrite', 'saveas', 'exportgraphics', 'error', 'warning',
  'format', 'confusionchart', 'axis', 'legend', 'grid', 'drawnow', 'pause', 'tic', 'reset', 'delete',
]);
/** Functions returning a scalar number: `/ numel(x)` reads as rdivide. */
const SCALAR_FUNCTIONS = new Set(['numel', 'length', 'ndims', 'height', 'width', 'nnz', 'trace', 'toc']);
/** Functions returning a char vector: `[pwd '\MNIST']` is a string concatenation. */
const STRING_FUNCTIONS = new Set(['pwd', 'fullfile', 'sprintf', 'num2str', 'int2str', 'mat2str', 'upper', 'lower', 'strtrim', 'char', 'strrep', 'strcat', 'tempdir', 'strjoin', 'class']);
/** Toolbox functions that return all their outputs as a plain array: one output is its first element. */
const ARRAY_OUTPUTS = new Set(['splitEachLabel', 'fileparts']);
/**
 * `[a, b, …] = f(…)` where f's extra outputs change what it computes: the
 * runtime function that returns them all (f itself returns the first only).
 */
const MULTI_OUTPUT: Record<string, string> = { max: 'maxWithIndex', min: 'minWithIndex', sort: 'sortWithIndex', find: 'findSubscripts' };
/** Functions whose call as a statement (no output) prints instead of returning: the runtime's printing form. */
const STATEMENT_FORM: Record<string, string> = { toc: 'tocDisplay' };
const CONSTANTS: Record<string, string> = {
  pi: 'Math.PI', Inf: 'Infinity', inf: 'Infinity', NaN: 'NaN', nan: 'NaN', eps: 'Number.EPSILON', true: 'true', false: 'false',
};
const UNSUPPORTED_CALLS: Record<string, string> = {
  eval: 'eval (it runs text as code)', evalin: 'evalin', assignin: 'assignin', evalc: 'evalc', inputname: 'inputname',
};
const JS_RESERVED = new Set([
  'arguments', 'await', 'case', 'catch', 'class', 'const', 'debugger', 'default', 'delete', 'do', 'enum', 'eval', 'export',
  'extends', 'finally', 'implements', 'import', 'in', 'instanceof', 'interface', 'let', 'new', 'null', 'package', 'private',
  'protected', 'public', 'static', 'super', 'this', 'throw', 'typeof', 'var', 'void', 'with', 'yield', 'undefined', 'Math',
  'Number', 'Object', 'Array', 'String', 'Infinity', 'NaN', 'Promise', 'Symbol', 'Error', 'JSON', 'console', 'process',
]);
/** Runtime helpers the generated code may import (a variable with one of these names is renamed). */
const HELPERS = new Set([
  'at', 'brace', 'braceList', 'endOf', 'setAt', 'setCell', 'setField', 'assign', 'deleteAt', 'hcat', 'vcat', 'truthy', 'columns',
  'range', 'caseMatches', 'unrecognized', 'defined', 'copyValue', 'sizeOutputs', 'definedVars', 'toMException', 'Cell',
  'maxWithIndex', 'minWithIndex', 'sortWithIndex', 'findSubscripts', 'tocDisplay', 'display', 'colon', 'zeros', 'cell', 'vertcat',
]);

interface Line {
  text: string;
  mline: number;
  file: string;
}

interface FnInfo {
  def: FunctionDef;
  async: boolean;
  file: string;
}

class Ctx {
  constructor(
    readonly scope: ScopeInfo,
    readonly fn: FunctionDef | undefined,
    readonly locals: ReadonlySet<string>, // names bound by enclosing anonymous functions
  ) {}
  with(locals: Iterable<string>): Ctx {
    return new Ctx(this.scope, this.fn, new Set([...this.locals, ...locals]));
  }
}

export function emitProgram(program: Program, diag: Diagnostics, opts: EmitOptions): Emitted {
  return new Emitter(program, diag, opts).run();
}

class Emitter {
  private readonly imports = new Set<string>();
  /** Variables shown by display({ … }) (so they count as used). */
  private readonly displayed = new Set<string>();
  private readonly out: Line[] = [];
  private readonly functions = new Map<string, FnInfo>();
  private file: string;
  private diag: Diagnostics;
  private switchCount = 0;
  private tempCount = 0;
  private scriptLabel = false;

  constructor(private readonly program: Program, diag: Diagnostics, private readonly opts: EmitOptions) {
    this.file = program.file;
    this.diag = diag;
    for (const f of program.functions) this.functions.set(f.name, { def: f, async: false, file: program.file });
    for (const [name, p] of opts.fileFunctions ?? []) {
      if (this.functions.has(name) || p.functions.length === 0) continue;
      p.functions.forEach((f, i) => {
        // A function file's own subfunctions are private to it; only its first function is visible by name.
        const key = i === 0 ? name : `${name}_${f.name}`;
        this.functions.set(key, { def: i === 0 ? { ...f, name } : f, async: false, file: p.file });
      });
    }
    this.markAsync();
  }

  // ---- name resolution ----

  private isFunctionName(name: string): boolean {
    return this.functions.has(name) || TOOLBOX_FUNCTIONS.has(name) || name in CONSTANTS || name in UNSUPPORTED_CALLS || name === 'nargin';
  }

  /** A function whose result must be awaited: async toolbox functions and local functions that await. */
  private isAsyncCall(name: string): boolean {
    const f = this.functions.get(name);
    return f ? f.async : ASYNC_FUNCTIONS.has(name);
  }

  /** Local functions are async when they (transitively) call an async function. */
  private markAsync(): void {
    let changed = true;
    while (changed) {
      changed = false;
      for (const f of this.functions.values()) {
        if (f.async) continue;
        const params = new Set([...f.def.params, ...f.def.outputs]);
        for (const s of walkStmts(f.def.body)) {
          const names = s.type === 'command' ? [s.name] : [];
          for (const e of stmtExprs(s)) for (const x of walkExpr(e)) if (x.type === 'ident') names.push(x.name);
          if (names.some((n) => !params.has(n) && this.isAsyncCall(n)) || (s.type === 'command' && ['save', 'load'].includes(s.name))) {
            f.async = true;
            changed = true;
            break;
          }
        }
      }
    }
  }

  private jsName(name: string, ctx?: Ctx): string {
    if (ctx?.locals.has(name)) return JS_RESERVED.has(name) ? `${name}_` : name;
    if (JS_RESERVED.has(name) || HELPERS.has(name) || TOOLBOX_FUNCTIONS.has(name) || this.functions.has(name)) return `${name}_`;
    return name;
  }

  private use(name: string): string {
    // Runtime functions named by JS reserved words (class, delete, var) are imported under an alias.
    if (JS_RESERVED.has(name)) {
      this.imports.add(`${name} as ${name}_`);
      return `${name}_`;
    }
    this.imports.add(name);
    return name;
  }

  private isVar(name: string, ctx: Ctx): boolean {
    return ctx.locals.has(name) || ctx.scope.kinds.has(name);
  }

  /** Definitely a variable when this line runs (declared before, a parameter, a loop variable). */
  private isSureVar(name: string, ctx: Ctx): boolean {
    if (ctx.locals.has(name)) return true;
    const k = ctx.scope.kinds.get(name);
    return k === 'const' || k === 'let' || k === 'param' || k === 'loop' || ctx.scope.sure.has(name);
  }

  /** A variable that exists before statement `s` runs. */
  private existsBefore(name: string, s: Stmt, ctx: Ctx): boolean {
    return this.isSureVar(name, ctx) && ctx.scope.sure.get(name) !== s && ctx.scope.declaredAt.get(name) !== s;
  }

  // ---- output ----

  private emit(text: string, mline: number): void {
    for (const [i, t] of text.split('\n').entries()) this.out.push({ text: t, mline: mline ? mline + i : 0, file: this.file });
  }

  run(): Emitted {
    const p = this.program;
    if (p.kind === 'classdef') this.unsupported({ line: 1, col: 1 }, 'classdef (class definitions)');
    for (const f of this.functions.values()) if (f.def.nested) this.unsupported(f.def.nested[0], 'nested functions');
    const header: Line[] = [];
    const name = p.file.replace(/^.*[\\/]/, '');
    const body: Line[] = [];
    const fnLines: Line[] = [];
    if (p.kind === 'script') {
      const scope = analyseScope(p.body, [], [], (n) => this.isFunctionName(n));
      const ctx = new Ctx(scope, undefined, new Set());
      this.scriptLabel = [...walkStmts(p.body)].some((s) => s.type === 'return');
      if (this.scriptLabel) this.emit('script: {', 0);
      this.block(p.body, 0, ctx, 1);
      this.unusedNote(scope, 0);
      if (this.scriptLabel) this.emit('}', 0);
      // Declared last: the body may have found that it needs `ans`.
      const hoisted = this.hoistedDecl(scope, new Set());
      if (hoisted) body.push({ text: hoisted, mline: 0, file: p.file });
      body.push(...this.out.splice(0));
    }
    const emitted = new Set<string>();
    for (const [key, f] of this.functions) {
      if (emitted.has(key)) continue;
      emitted.add(key);
      this.file = f.file;
      this.emit('', 0);
      if (f.file !== p.file) this.emit(`// ${f.def.name} — from ${f.file.replace(/^.*[\\/]/, '')}`, 0);
      this.functionDef(key, f);
      fnLines.push(...this.out.splice(0));
    }
    this.file = p.file;
    header.push({ text: `// ${name.replace(/\.m$/, '.ts')} — translated from ${name} by \`dltb translate\`.`, mline: 0, file: p.file });
    const imports = [...this.imports].sort();
    if (imports.length > 0) {
      const lines = wrapList(imports, 110);
      header.push({ text: lines.length === 1 ? `import { ${lines[0]} } from '${this.opts.importFrom}';` : 'import {', mline: 0, file: p.file });
      if (lines.length > 1) {
        for (const l of lines) header.push({ text: `  ${l},`, mline: 0, file: p.file });
        header.push({ text: `} from '${this.opts.importFrom}';`, mline: 0, file: p.file });
      }
    }
    header.push({ text: '', mline: 0, file: p.file });
    const all = [...header, ...body, ...fnLines];
    return { code: all.map((l) => l.text.replace(/\s+$/, '')).join('\n') + '\n', lineMap: all.map((l) => l.mline), fileMap: all.map((l) => l.file) };
  }

  private hoistedDecl(scope: ScopeInfo, exclude: ReadonlySet<string>): string {
    const names = [...scope.kinds].filter(([n, k]) => k === 'hoist' && !exclude.has(n)).map(([n]) => `${this.jsName(n)}: any`);
    return names.length > 0 ? `let ${names.join(', ')};` : '';
  }

  /** TypeScript rejects unused variables: list the ones the .m assigns but never reads. */
  private unusedNote(scope: ScopeInfo, indent: number, outputs: readonly string[] = []): void {
    const unused = [...scope.kinds]
      .filter(([n, k]) => k !== 'param' && k !== 'loop' && !scope.read.has(n) && !outputs.includes(n) && !this.displayed.has(n))
      .map(([n]) => this.jsName(n));
    if (unused.length > 0) this.emit(`${' '.repeat(indent)}void [${unused.join(', ')}]; // assigned but never used`, 0);
  }

  private functionDef(key: string, f: FnInfo): void {
    const d = f.def;
    const params = d.params.map((p, i) => (p === '~' ? `_unused${i + 1}` : p));
    const scope = analyseScope(d.body, params, d.outputs, (n) => this.isFunctionName(n));
    const ctx = new Ctx(scope, d, new Set());
    const sig = params.map((p) => `${this.jsName(p)}?: any`).join(', ');
    this.emit(`${f.async ? 'async ' : ''}function ${this.jsName(key === d.name ? d.name : key).replace(/_$/, '')}(${sig}): ${f.async ? 'Promise<any>' : 'any'} {`, d.line);
    const start = this.out.length;
    if (scope.read.has('nargin')) this.emit('    const nargin = arguments.length;', 0);
    for (const p of params) if (scope.mutated.has(p)) this.emit(`    ${this.jsName(p)} = ${this.use('copyValue')}(${this.jsName(p)}); // MATLAB passes arguments by value`, 0);
    this.block(d.body, 1, ctx, d.line + 1);
    this.unusedNote(scope, 4, d.outputs);
    const ret = this.returnValue(d);
    if (ret) this.emit(`    return ${ret};`, 0);
    this.emit('}', d.endLine);
    const hoisted = this.hoistedDecl(scope, new Set(params));
    if (hoisted) this.out.splice(start, 0, { text: `    ${hoisted}`, mline: 0, file: this.file });
  }

  private returnValue(d: FunctionDef): string {
    if (d.outputs.length === 0) return '';
    if (d.outputs.length === 1) return this.jsName(d.outputs[0]);
    return `[${d.outputs.map((o) => this.jsName(o)).join(', ')}]`;
  }

  // ---- statements ----

  /** Statements, with blank lines kept so each .m line keeps its place. */
  private block(list: readonly Stmt[], depth: number, ctx: Ctx, fromLine: number): number {
    let next = fromLine;
    for (const s of list) {
      while (next < s.line) {
        this.emit('', 0);
        next++;
      }
      const before = this.out.length;
      this.statement(s, depth, ctx);
      // Several statements on one .m line stay on one .ts line.
      const prev = this.out[before - 1];
      if (before > 0 && this.out.length === before + 1 && prev.mline === s.line && prev.file === this.file && isSimple(s) && !prev.text.trimStart().startsWith('//')) {
        prev.text += ' ' + this.out.pop()!.text.trimStart();
        continue;
      }
      const emittedLines = this.out.length - before;
      next = Math.max(next, s.line + Math.max(1, emittedLines));
      if ('endLine' in s) next = Math.max(next, s.endLine + 1);
    }
    return next;
  }

  private statement(s: Stmt, depth: number, ctx: Ctx): void {
    const ind = '    '.repeat(depth);
    const trail = 'comment' in s && s.comment ? ` // ${s.comment.replace(/^[%#]\s?/, '')}` : '';
    switch (s.type) {
      case 'comment':
        if (s.block) {
          const lines = s.text.split('\n');
          this.emit(lines.map((l, i) => (i === 0 ? `${ind}/*` : i === lines.length - 1 ? `${ind}*/` : `${ind}${l.replace(/\*\//g, '* /')}`)).join('\n'), s.line);
        } else this.emit(`${ind}//${s.text.replace(/^[%#]/, '')}`, s.line);
        return;
      case 'expr': return this.emit(indented(ind, this.exprStatement(s, ctx)) + trail, s.line);
      case 'assign': return this.emit(indented(ind, this.assignStatement(s, ctx)) + trail, s.line);
      case 'command': return this.emit(indented(ind, this.command(s, ctx)) + trail, s.line);
      case 'break': case 'continue':
        return this.emit(`${ind}${s.type};${trail}`, s.line);
      case 'return': {
        if (!ctx.fn) return this.emit(`${ind}break script; // return: the script stops here${trail}`, s.line);
        const v = this.returnValue(ctx.fn);
        return this.emit(`${ind}return${v ? ' ' + v : ''};${trail}`, s.line);
      }
      case 'if': {
        s.clauses.forEach((c, i) => {
          const head = `if (${this.cond(c.cond, ctx)}) {`;
          this.emit(i === 0 ? ind + head : `${ind}} else ${head}`, c.line);
          this.block(c.body, depth + 1, ctx, c.line + 1);
        });
        if (s.elseBody) {
          this.emit(`${ind}} else {`, s.elseLine!);
          this.block(s.elseBody, depth + 1, ctx, s.elseLine! + 1);
        }
        this.padTo(s.endLine);
        return this.emit(`${ind}}`, s.endLine);
      }
      case 'while':
        this.emit(`${ind}while (${this.cond(s.cond, ctx)}) {`, s.line);
        this.block(s.body, depth + 1, ctx, s.line + 1);
        this.padTo(s.endLine);
        return this.emit(`${ind}}`, s.endLine);
      case 'for': {
        this.emit(ind + this.forHead(s, ctx), s.line);
        this.block(s.body, depth + 1, ctx, s.line + 1);
        this.padTo(s.endLine);
        return this.emit(`${ind}}`, s.endLine);
      }
      case 'switch': {
        const simple = s.subject.type === 'ident' && this.isSureVar(s.subject.name, ctx);
        let subject = this.expr(s.subject, ctx);
        if (!simple) {
          const tmp = `switch${++this.switchCount}`;
          this.emit(`${ind}const ${tmp} = ${subject};`, s.line);
          subject = tmp;
        } else this.emit(`${ind}// switch ${s.subject.type === 'ident' ? s.subject.name : ''}`, s.line);
        s.cases.forEach((c, i) => {
          const head = `if (${this.use('caseMatches')}(${subject}, ${this.caseValue(c.values, ctx)})) {`;
          this.padTo(c.line);
          this.emit(i === 0 ? ind + head : `${ind}} else ${head}`, c.line);
          this.block(c.body, depth + 1, ctx, c.line + 1);
        });
        if (s.otherwise) {
          this.padTo(s.otherwiseLine!);
          this.emit(s.cases.length > 0 ? `${ind}} else {` : `${ind}{`, s.otherwiseLine!);
          this.block(s.otherwise, depth + 1, ctx, s.otherwiseLine! + 1);
        }
        this.padTo(s.endLine);
        if (s.cases.length > 0 || s.otherwise) this.emit(`${ind}}`, s.endLine);
        return;
      }
      case 'unsupported':
        return this.unsupported(s, s.what);
      case 'decl':
        return this.unsupported(s, s.keyword === 'global' ? 'global variables' : 'persistent variables');
      case 'do':
        this.emit(`${ind}do {`, s.line);
        this.block(s.body, depth + 1, ctx, s.line + 1);
        this.padTo(s.endLine);
        return this.emit(`${ind}} while (!${this.cond(s.cond, ctx)});`, s.endLine);
      case 'try': {
        this.emit(`${ind}try {`, s.line);
        this.block(s.body, depth + 1, ctx, s.line + 1);
        const line = s.catchLine ?? s.endLine;
        this.padTo(line);
        if (s.cleanup) {
          this.emit(`${ind}} finally {`, line);
          this.block(s.cleanup, depth + 1, ctx, line + 1);
          this.padTo(s.endLine);
          return this.emit(`${ind}}`, s.endLine);
        }
        if (s.catchVar) {
          const v = this.jsName(s.catchVar);
          const decl = ctx.scope.kinds.get(s.catchVar) === 'loop' ? 'const ' : '';
          this.emit(`${ind}} catch (caught) { ${decl}${v} = ${this.use('toMException')}(caught);`, line);
        } else this.emit(`${ind}} catch {`, line);
        this.block(s.catchBody, depth + 1, ctx, line + 1);
        this.padTo(s.endLine);
        return this.emit(`${ind}}`, s.endLine);
      }
    }
  }

  /** Blank lines up to .m line `line`, so a block's closing brace stays on its `end` line. */
  private padTo(line: number): void {
    let last = 0;
    for (let i = this.out.length - 1; i >= 0; i--) if (this.out[i].mline) { last = this.out[i].mline; break; }
    for (let l = last + 1; l < line && last > 0; l++) this.emit('', 0);
  }

  private cond(e: Expr, ctx: Ctx): string {
    if (e.type === 'binary' && (e.op === '&&' || e.op === '||')) return this.expr(e, ctx);
    return `${this.use('truthy')}(${this.expr(e, ctx)})`;
  }

  private caseValue(e: Expr, ctx: Ctx): string {
    return this.expr(e, ctx);
  }

  private forHead(s: Extract<Stmt, { type: 'for' }>, ctx: Ctx): string {
    const v = this.jsName(s.variable);
    const decl = ctx.scope.kinds.get(s.variable) === 'loop' ? 'let ' : '';
    const assignedInBody = new Set<string>();
    for (const b of walkStmts(s.body)) {
      if (b.type === 'assign') b.targets.forEach((t) => { const n = targetName(t); if (n) assignedInBody.add(n); });
      if (b.type === 'for') assignedInBody.add(b.variable);
      if (isPoofingLoad(b)) return `for (${decl === 'let ' ? 'const ' : ''}${v} of ${this.use('columns')}(${this.expr(s.iter, ctx)})) {`;
    }
    const stable = (e: Expr): boolean => {
      if (e.type === 'num') return true;
      if (e.type === 'ident') return this.isSureVar(e.name, ctx) && !assignedInBody.has(e.name);
      if (e.type === 'field') return stable(e.base);
      if (e.type === 'index' && e.base.type === 'ident' && ['length', 'numel', 'size'].includes(e.base.name) && !this.isVar(e.base.name, ctx)) {
        return e.args.every(stable);
      }
      if (e.type === 'binary' && ['+', '-', '*'].includes(e.op)) return stable(e.left) && stable(e.right);
      return false;
    };
    const r = s.iter;
    const plain = r.type === 'range' && !assignedInBody.has(s.variable) && stable(r.start) && stable(r.stop) &&
      (!r.step || r.step.type === 'num') && !s.parfor;
    if (r.type === 'range' && plain) {
      const step = r.step?.type === 'num' ? r.step.value : 1;
      const start = this.numberExpr(r.start, ctx);
      const stop = this.numberExpr(r.stop, ctx);
      const inc = step === 1 ? `${v}++` : step === -1 ? `${v}--` : step > 0 ? `${v} += ${step}` : `${v} -= ${-step}`;
      return `for (${decl}${v} = ${start}; ${v} ${step > 0 ? '<=' : '>='} ${stop}; ${inc}) {`;
    }
    return `for (${decl === 'let ' ? 'const ' : ''}${v} of ${this.use('columns')}(${this.expr(s.iter, ctx)})) {`;
  }

  /** An expression used as a JS number (loop bounds). */
  private numberExpr(e: Expr, ctx: Ctx): string {
    const js = this.expr(e, ctx);
    // Variables declared `any` compare as numbers already (a scalar MArray has valueOf).
    const typedAny = e.type === 'ident' && ['let', 'hoist', 'param'].includes(ctx.scope.kinds.get(e.name) ?? '');
    if (e.type === 'num' || this.isJsNumber(e) || typedAny) return js;
    return `+${js.includes(' ') && !/^\w+\(.*\)$/.test(js) ? `(${js})` : js}`;
  }

  /** Expressions whose generated code is a plain JS number. */
  private isJsNumber(e: Expr): boolean {
    if (e.type === 'num') return true;
    if (e.type === 'binary' && e.op in JS_ARITH) return this.isJsNumber(e.left) && this.isJsNumber(e.right);
    if (e.type === 'index' && e.base.type === 'ident' && ['length', 'numel', 'ndims'].includes(e.base.name)) return true;
    return false;
  }

  private displayCall(names: string[], ctx: Ctx): string {
    void ctx;
    names.forEach((n) => this.displayed.add(n));
    return ` ${this.use('display')}({ ${names.map((n) => (this.jsName(n) === n ? n : `${n}: ${this.jsName(n)}`)).join(', ')} });`;
  }

  private exprStatement(s: Extract<Stmt, { type: 'expr' }>, ctx: Ctx): string {
    const e = s.expr;
    const callee = calleeName(e);
    if (callee && !this.isVar(callee, ctx)) {
      if (callee in UNSUPPORTED_CALLS) this.unsupported(e, UNSUPPORTED_CALLS[callee]);
      if (callee === 'load') return this.loadStatement(s, e.type === 'index' ? e.args : [], ctx);
      if (callee === 'save') return this.saveStatement(s, e.type === 'index' ? e.args : [], ctx);
      const local = this.functions.get(callee);
      if (!local && callee in STATEMENT_FORM) {
        return `${this.use(STATEMENT_FORM[callee])}(${e.type === 'index' ? this.callArgs(e.args, ctx) : ''});`;
      }
      const silent = NO_OUTPUT.has(callee) || (local && local.def.outputs.length === 0) || !s.display;
      const call = this.expr(e, ctx, { statement: true });
      if (silent && !ctx.scope.usesAns) return `${call};`;
      if (silent) return local?.def.outputs.length === 0 || NO_OUTPUT.has(callee) ? `${call};` : `ans = ${call};`;
      return `ans = ${call};${this.displayCall(['ans'], ctx)}`;
    }
    const value = this.expr(e, ctx);
    if (e.type === 'ident' && this.isVar(e.name, ctx)) return s.display ? this.displayCall([e.name], ctx).trim() : `${value};`;
    this.needAns(ctx);
    return `ans = ${value};${s.display ? this.displayCall(['ans'], ctx) : ''}`;
  }

  private needAns(ctx: Ctx): void {
    if (!ctx.scope.kinds.has('ans')) ctx.scope.kinds.set('ans', 'hoist');
  }

  private declPrefix(name: string, s: Stmt, ctx: Ctx): string {
    const k = ctx.scope.kinds.get(name);
    if (ctx.scope.declaredAt.get(name) !== s) return '';
    return k === 'const' ? 'const ' : k === 'let' ? 'let ' : '';
  }

  private assignStatement(s: Extract<Stmt, { type: 'assign' }>, ctx: Ctx): string {
    if (s.targets.length > 1 || (s.targets.length === 1 && s.targets[0].type === 'tilde')) return this.multiAssign(s, ctx);
    const t = s.targets[0];
    const name = targetName(t)!;
    const v = this.jsName(name);
    const show = s.display ? this.displayCall([name], ctx) : '';
    if (t.type === 'ident') {
      let rhs = this.expr(s.rhs, ctx);
      if (this.aliases(s.rhs, name, ctx)) rhs = `${this.use('copyValue')}(${rhs})`;
      const prefix = this.declPrefix(name, s, ctx);
      const typed = prefix === 'let ' ? ': any' : '';
      return `${prefix}${v}${typed} = ${rhs};${show}`;
    }
    // Indexed assignment: x(i) = v, x{i} = v, s.f = v, x(i) = [] and deeper paths.
    const path = assignPath(t);
    const rhsIsEmpty = s.rhs.type === 'matrix' && !s.rhs.cell && s.rhs.rows.length === 0;
    const baseCtx = this.subscriptContext(t);
    if (rhsIsEmpty && path.length === 1 && path[0].kind === '()') {
      return `${v} = ${this.use('deleteAt')}(${v}, [${this.args(path[0].args!, ctx, baseCtx[0])}]);${show}`;
    }
    let rhs = this.expr(s.rhs, ctx);
    if (this.aliases(s.rhs, name, ctx)) rhs = `${this.use('copyValue')}(${rhs})`;
    if (path.length === 1) {
      const p = path[0];
      if (p.kind === '.' && p.name && this.existsBefore(name, s, ctx)) return `${v}.${p.name} = ${rhs};${show}`;
      if (p.kind === '.') return `${v} = ${this.use('setField')}(${v}, ${p.name ? quote(p.name) : this.expr(p.dynamic!, ctx)}, ${rhs});${show}`;
      const fn = p.kind === '()' ? 'setAt' : 'setCell';
      return `${v} = ${this.use(fn)}(${v}, [${this.args(p.args!, ctx, baseCtx[0])}], ${rhs});${show}`;
    }
    const steps = path.map((p, i) => p.kind === '.'
      ? `{ type: '.', name: ${p.name ? quote(p.name) : this.expr(p.dynamic!, ctx)} }`
      : `{ type: '${p.kind}', subs: [${this.args(p.args!, ctx, baseCtx[i])}] }`);
    return `${v} = ${this.use('assign')}(${v}, [${steps.join(', ')}], ${rhs});${show}`;
  }

  /** For each step of an assignment path, the code of the value that `end` refers to. */
  private subscriptContext(t: Expr): string[] {
    const chain: Expr[] = [];
    let e = t;
    while (e.type === 'index' || e.type === 'field') {
      chain.unshift(e);
      e = e.base;
    }
    return chain.map((c) => this.plainLvalue(c.type === 'index' || c.type === 'field' ? c.base : c));
  }

  /** Code reading an assignment target's base (for `end` inside it). */
  private plainLvalue(e: Expr): string {
    if (e.type === 'ident') return this.jsName(e.name);
    if (e.type === 'field') return `${this.plainLvalue(e.base)}.${e.name ?? ''}`;
    if (e.type === 'index') return `${this.use(e.brace ? 'brace' : 'at')}(${this.plainLvalue(e.base)}, ...)`;
    return '';
  }

  /** `b = a` where a or b is later modified in place: MATLAB's copy must be made. */
  private aliases(rhs: Expr, target: string, ctx: Ctx): boolean {
    let base = rhs;
    while (base.type === 'field') base = base.base;
    if (base.type !== 'ident' || !this.isVar(base.name, ctx)) return false;
    // `y = s.a` shares s.a: a copy is needed only when s.a itself (not s) is modified in place later.
    const source = rhs.type === 'ident' ? ctx.scope.mutated : ctx.scope.deepMutated;
    return source.has(base.name) || ctx.scope.mutated.has(target);
  }

  private multiAssign(s: Extract<Stmt, { type: 'assign' }>, ctx: Ctx): string {
    const names = s.targets.map((t) => (t.type === 'ident' ? t.name : undefined));
    const n = s.targets.length;
    const rhs = s.rhs;
    const callee = calleeName(rhs);
    const args = rhs.type === 'index' ? rhs.args : [];
    let value: string;
    if (callee && !this.isVar(callee, ctx) && !this.functions.has(callee) && callee in MULTI_OUTPUT) {
      const all = callee === 'max' || callee === 'min' ? maxArgs(args) : args;
      value = `${this.use(MULTI_OUTPUT[callee])}(${this.callArgs(all, ctx)})`;
    } else if (callee === 'size' && !this.isVar(callee, ctx) && args.length === 1) {
      value = `${this.use('sizeOutputs')}(${this.expr(args[0], ctx)}, ${n})`;
    } else if (rhs.type === 'index' && rhs.brace) {
      value = `${this.use('braceList')}(${this.expr(rhs.base, ctx)}, ${this.args(rhs.args, ctx, this.expr(rhs.base, ctx))})`;
    } else {
      value = this.expr(rhs, ctx, { outputs: n });
    }
    const allPlain = s.targets.every((t) => t.type === 'ident' || t.type === 'tilde');
    const show = s.display ? this.displayCall(names.filter((x): x is string => !!x), ctx) : '';
    if (allPlain) {
      const pattern = `[${names.map((x) => (x ? this.jsName(x) : '')).join(', ')}]`;
      const declared = names.filter((x): x is string => !!x).every((x) => this.declPrefix(x, s, ctx) === 'const ');
      return `${declared && names.some(Boolean) ? 'const ' : ''}${pattern} = ${value};${show}`;
    }
    // Indexed targets: take the outputs, then assign each.
    const tmp = `outputs${++this.tempCount}`;
    const parts = s.targets.map((t, i) => {
      if (t.type === 'tilde') return '';
      const fake: Stmt = { type: 'assign', targets: [t], rhs: { type: 'ident', name: `${tmp}[${i}]`, line: t.line, col: t.col }, display: false, line: s.line, col: s.col };
      return this.assignStatement(fake as Extract<Stmt, { type: 'assign' }>, new Ctx(ctx.scope, ctx.fn, new Set([...ctx.locals, `${tmp}[${i}]`])));
    }).filter(Boolean);
    return `{ const ${tmp} = ${value}; ${parts.join(' ')} }${show}`;
  }

  // ---- command syntax, save, load, clear ----

  private command(s: Extract<Stmt, { type: 'command' }>, ctx: Ctx): string {
    const name = s.name;
    if (this.isVar(name, ctx)) {
      this.diag.error(s, `'${name}' is a variable here; '${name} ${s.args.join(' ')}' is not valid MATLAB syntax.`);
    }
    const words = s.args.map((a) => quote(a));
    const lit = (a: string): Expr => ({ type: 'str', value: a, double: false, line: s.line, col: s.col });
    switch (name) {
      case 'clear': case 'clearvars': {
        const before = ctx.scope.assignedBefore.get(s) ?? [];
        const explicit = s.args.filter((a) => !a.startsWith('-') && !['all', 'variables', 'functions', 'classes', 'global', 'import', 'java', 'mex'].includes(a));
        const names = explicit.length > 0 ? explicit.filter((n) => before.includes(n)) : before;
        const settable = names.filter((n) => ctx.scope.kinds.get(n) !== 'const' && ctx.scope.kinds.get(n) !== 'loop');
        if (settable.length === 0) return `// ${name}${s.args.length ? ' ' + s.args.join(' ') : ''} — no variables exist yet at this point`;
        return settable.map((n) => `${this.jsName(n)} = undefined;`).join(' ') + ` // ${name} ${s.args.join(' ')}`.trimEnd();
      }
      case 'load': return this.loadStatement(s, s.args.map(lit), ctx);
      case 'save': return this.saveStatement(s, s.args.map(lit), ctx);
      case 'format': return `${this.use('format')}(${words.join(', ')});`;
      default:
        break;
    }
    if (name in UNSUPPORTED_CALLS) this.unsupported(s, UNSUPPORTED_CALLS[name]);
    const call = this.callName(name, s) + `(${words.join(', ')})`;
    const aw = this.isAsyncCall(name) ? 'await ' : '';
    const local = this.functions.get(name);
    if (!s.display || NO_OUTPUT.has(name) || local?.def.outputs.length === 0) return `${aw}${call};`;
    this.needAns(ctx);
    return `ans = ${aw}${call};${this.displayCall(['ans'], ctx)}`;
  }

  /** `save f`, `save f a b`, `save('f', 'a')`: the toolbox's save takes the variables explicitly. */
  private saveStatement(s: Stmt, args: readonly Expr[], ctx: Ctx): string {
    if (args.length === 0) args = [{ type: 'str', value: 'matlab', double: false, line: s.line, col: s.col }];
    const [file, ...rest] = args;
    const names: string[] = [];
    const options: string[] = [];
    for (const a of rest) {
      if (a.type === 'str' && !a.value.startsWith('-')) names.push(a.value);
      else options.push(this.expr(a, ctx));
    }
    const available = (ctx.scope.assignedBefore.get(s) ?? [...ctx.scope.kinds.keys()]).filter((n) => n !== 'ans' || ctx.scope.usesAns);
    const chosen = names.length > 0 ? names : available.filter((n) => ctx.scope.kinds.get(n) !== 'loop');
    for (const n of chosen) if (!this.isVar(n, ctx)) this.diag.warn(s, `save: '${n}' is not a variable of this script.`);
    const fields = chosen.filter((n) => this.isVar(n, ctx)).map((n) => (this.jsName(n) === n ? n : `${n}: ${this.jsName(n)}`));
    const maybe = chosen.some((n) => !this.isSureVar(n, ctx));
    const obj = `{ ${fields.join(', ')} }`;
    return `await ${this.use('save')}(${[this.expr(file, ctx), maybe ? `${this.use('definedVars')}(${obj})` : obj, ...options].join(', ')});`;
  }

  /** `load f` without outputs: the variables it holds replace those of the script (others keep their value). */
  private loadStatement(s: Stmt, args: readonly Expr[], ctx: Ctx): string {
    const names = ctx.scope.loadTargets.get(s) ?? [];
    const call = `await ${this.use('load')}(${args.map((a) => this.expr(a, ctx)).join(', ')})`;
    if (names.length === 0) return `${call};`;
    const pattern = names.map((n) => `${n === this.jsName(n) ? n : `${n}: ${this.jsName(n)}`} = ${this.jsName(n)}`).join(', ');
    return `({ ${pattern} } = ${call});`;
  }

  private unsupported(at: { line: number; col: number }, what: string): never {
    return this.diag.error(at, `Unsupported construct at line ${at.line}: ${what} cannot be translated.`);
  }

  // ---- expressions ----

  /** The callable for function `name` (import, local function, or a run-time error). */
  private callName(name: string, at: { line: number; col: number }): string {
    if (this.functions.has(name)) return this.jsName(name).replace(/_$/, '');
    if (TOOLBOX_FUNCTIONS.has(name)) return this.use(name);
    this.diag.warn(at, `'${name}' is neither a variable nor a function this toolbox provides: running this line stops with "Unrecognized function or variable '${name}'."`);
    return `${this.use('unrecognized')}.bind(null, ${quote(name)})`;
  }

  expr(e: Expr, ctx: Ctx, opts: { statement?: boolean; outputs?: number; endBase?: string } = {}): string {
    switch (e.type) {
      case 'num':
        if (e.imag) return this.unsupported(e, 'complex numbers');
        return e.raw.startsWith('0x') || e.raw.startsWith('-0x') ? String(e.value) : normalNumber(e.raw);
      case 'str': return quote(e.value);
      case 'colon': return "':'";
      case 'tilde': return this.diag.error(e, 'Invalid use of operator.');
      case 'end': {
        if (!opts.endBase) return this.diag.error(e, 'Illegal use of reserved keyword "end".');
        this.use('endOf');
        return opts.endBase;
      }
      case 'ident': return this.identifier(e, ctx, opts);
      case 'binary': return this.binary(e, ctx, opts);
      case 'unary': {
        const x = this.expr(e.operand, ctx, opts);
        if (e.op === '+') return x;
        if (e.op === '-') return this.isJsNumber(e.operand) ? `-${wrapJs(x)}` : `${this.use('uminus')}(${x})`;
        return `${this.use('not')}(${x})`;
      }
      case 'postfix': return `${this.use(e.op === "'" ? 'ctranspose' : 'transpose')}(${this.expr(e.operand, ctx, opts)})`;
      case 'range': {
        const parts = [e.start, ...(e.step ? [e.step] : []), e.stop].map((x) => this.expr(x, ctx, opts));
        const numeric = [e.start, e.step, e.stop].every((x) => !x || this.isJsNumber(x) || x.type === 'end');
        return `${this.use(numeric ? 'colon' : 'range')}(${parts.join(', ')})`;
      }
      case 'index': return this.index(e, ctx, opts);
      case 'field': {
        const base = this.expr(e.base, ctx, opts);
        if (e.dynamic) return `${base}[${this.expr(e.dynamic, ctx, opts)}]`;
        return `${base}.${e.name}`;
      }
      case 'matrix': return this.matrix(e, ctx, opts);
      case 'anon': {
        const inner = ctx.with(e.params);
        const body = this.expr(e.body, inner);
        const params = e.params.map((p, i) => (p === '~' ? `_unused${i + 1}` : this.jsName(p, inner)));
        return `${body.includes('await ') ? 'async ' : ''}(${params.map((p) => `${p}: any`).join(', ')}) => ${body.startsWith('{') ? `(${body})` : body}`;
      }
      case 'assignExpr': return this.unsupported(e, "Octave's assignment inside an expression");
      case 'handle': {
        if (this.functions.has(e.name)) return this.jsName(e.name).replace(/_$/, '');
        if (TOOLBOX_FUNCTIONS.has(e.name)) return this.use(e.name);
        if (e.name in CONSTANTS) return `() => ${CONSTANTS[e.name]}`;
        this.diag.warn(e, `@${e.name}: '${e.name}' is no function this toolbox provides.`);
        return `() => ${this.use('unrecognized')}(${quote(e.name)})`;
      }
    }
  }

  private identifier(e: Extract<Expr, { type: 'ident' }>, ctx: Ctx, opts: { statement?: boolean; outputs?: number }): string {
    const name = e.name;
    if (name.includes('@')) return this.unsupported(e, 'superclass method calls (obj@Superclass)');
    if (ctx.locals.has(name)) return this.jsName(name, ctx);
    if (this.isVar(name, ctx)) {
      const v = this.jsName(name);
      if (this.isSureVar(name, ctx)) return v;
      if (this.isFunctionName(name) && !(name in CONSTANTS)) return `(${v} !== undefined ? ${v} : ${this.call(name, [], e, ctx, opts)})`;
      return `${this.use('defined')}(${v}, ${quote(name)})`;
    }
    if (name in CONSTANTS) return CONSTANTS[name];
    if (name === 'nargin' && ctx.fn) return 'nargin';
    return this.call(name, [], e, ctx, opts);
  }

  /** A call of function `name` (toolbox, local or file function) with MATLAB arguments. */
  private call(name: string, args: readonly Expr[], at: { line: number; col: number }, ctx: Ctx, opts: { outputs?: number } = {}): string {
    if (name in UNSUPPORTED_CALLS) this.unsupported(at, UNSUPPORTED_CALLS[name]);
    if (name in CONSTANTS && args.length === 0) return CONSTANTS[name];
    if (name === 'feval' && args.length > 0 && args[0].type === 'str') {
      return this.call(args[0].value, args.slice(1), at, ctx, opts);
    }
    if (name === 'feval' && args.length > 0) {
      return `${this.use('at')}(${this.callArgs(args, ctx)})`;
    }
    if (!this.functions.has(name) && !TOOLBOX_FUNCTIONS.has(name)) {
      this.callName(name, at); // the warning
      return `${this.use('unrecognized')}(${[quote(name), ...(args.length ? [this.callArgs(args, ctx, at.line)] : [])].join(', ')})`;
    }
    const callee = this.callName(name, at);
    const local = this.functions.get(name);
    let code = `${callee}(${this.callArgs(args, ctx, at.line)})`;
    if (this.isAsyncCall(name)) code = `await ${code}`;
    if (local && local.def.outputs.length > 1 && (opts.outputs ?? 1) === 1) code = `(${code})[0]`;
    if (!local && ARRAY_OUTPUTS.has(name) && (opts.outputs ?? 1) === 1) code = `(${code})[0]`;
    return code;
  }

  private callArgs(args: readonly Expr[], ctx: Ctx, startLine = args[0]?.line ?? 0): string {
    let prev = startLine;
    return args.map((a, i) => {
      const gap = a.line - prev;
      prev = lastLine(a);
      const sep = i === 0 ? '' : gap > 0 ? ',' + '\n'.repeat(gap) + '    ' : ', ';
      return sep + this.argCode(a, ctx);
    }).join('');
  }

  private argCode(a: Expr, ctx: Ctx): string {
    {
      if (a.type === 'end') this.diag.error(a, 'Illegal use of reserved keyword "end": it is only allowed when indexing a variable.');
      if (a.type === 'index' && a.brace && a.args.some((x) => x.type === 'colon' || x.type === 'range')) {
        const base = this.expr(a.base, ctx);
        return `...${this.use('braceList')}(${base}, ${this.args(a.args, ctx, base)})`;
      }
      return this.expr(a, ctx);
    }
  }

  /** Subscripts of an index into `base` (code), with `end` resolved against it. */
  private args(list: readonly Expr[], ctx: Ctx, base: string): string {
    return list.map((a, k) => {
      const endBase = `endOf(${base}, ${k + 1}, ${list.length})`; // imported only where an `end` uses it
      return this.expr(a, ctx, { endBase });
    }).join(', ');
  }

  private index(e: Extract<Expr, { type: 'index' }>, ctx: Ctx, opts: { statement?: boolean; outputs?: number }): string {
    const b = e.base;
    if (b.type === 'ident' && !ctx.locals.has(b.name) && !this.isVar(b.name, ctx)) {
      if (e.brace) return this.diag.error(e, `Brace indexing into '${b.name}', which is not a variable.`);
      return this.call(b.name, e.args, e, ctx, opts);
    }
    const maybeFunction = b.type === 'ident' && this.isVar(b.name, ctx) && !this.isSureVar(b.name, ctx) && this.isFunctionName(b.name) && !e.brace;
    const base = maybeFunction && b.type === 'ident' ? this.jsName(b.name) : this.expr(b, ctx);
    const handle = b.type === 'ident' && ctx.scope.handles.has(b.name);
    const access = `${this.use(e.brace ? 'brace' : 'at')}(${base}${e.args.length ? ', ' : ''}${this.args(e.args, ctx, base)})`;
    if (maybeFunction && b.type === 'ident') {
      const v = this.jsName(b.name);
      return `(${v} !== undefined ? ${access} : ${this.call(b.name, e.args, e, ctx, opts)})`;
    }
    return handle ? `await ${access}` : access;
  }

  private binary(e: Extract<Expr, { type: 'binary' }>, ctx: Ctx, opts: { endBase?: string }): string {
    const l = this.expr(e.left, ctx, opts);
    const r = this.expr(e.right, ctx, opts);
    if (e.op === '&&' || e.op === '||') {
      const side = (x: Expr, code: string) => (x.type === 'binary' && (x.op === '&&' || x.op === '||') ? code : `${this.use('truthy')}(${code})`);
      return `(${side(e.left, l)} ${e.op} ${side(e.right, r)})`;
    }
    if (e.op in JS_ARITH && this.isJsNumber(e.left) && this.isJsNumber(e.right)) return `${wrapJs(l)} ${JS_ARITH[e.op]} ${wrapJs(r)}`;
    let fn = BINARY[e.op];
    const scalarLike = (x: Expr) => x.type === 'num' || this.isJsNumber(x) ||
      (x.type === 'index' && x.base.type === 'ident' && SCALAR_FUNCTIONS.has(x.base.name) && !this.isVar(x.base.name, ctx));
    if (e.op === '*' && (scalarLike(e.left) || scalarLike(e.right))) fn = 'times';
    if (e.op === '/' && scalarLike(e.right)) fn = 'rdivide';
    if (e.op === '^' && scalarLike(e.left) && scalarLike(e.right)) fn = 'power';
    return `${this.use(fn)}(${l}, ${r})`;
  }

  private matrix(e: Extract<Expr, { type: 'matrix' }>, ctx: Ctx, opts: { endBase?: string }): string {
    const rows = e.rows;
    const inner = (x: Expr) => this.expr(x, ctx, opts);
    if (e.cell) {
      if (rows.length === 0) return `${this.use('cell')}(0, 0)`;
      if (rows.length > 1 && rows.some((r) => r.length > 1)) {
        return this.diag.error(e, 'Cell arrays with several rows and columns ({a, b; c, d}) are not supported yet.');
      }
      const items = rows.length === 1 ? rows[0] : rows.map((r) => r[0]);
      return `${this.use('Cell')}.${rows.length === 1 ? 'row' : 'column'}([${this.list(items, inner, e.line)}])`;
    }
    if (rows.length === 0) return `${this.use('zeros')}(0, 0)`;
    const all = rows.flat();
    const literalRow = (r: Expr[]) => r.every((x) => x.type === 'num' || (x.type === 'ident' && (x.name === 'true' || x.name === 'false') && !this.isVar(x.name, ctx)));
    if (rows.length === 1 && all.length === 1) return inner(all[0]);
    if (rows.every(literalRow)) {
      if (rows.length === 1) return `[${this.list(rows[0], inner, e.line)}]`;
      return `${this.use('vertcat')}(${this.rowsList(rows, (r) => `[${r.map(inner).join(', ')}]`, e.line)})`;
    }
    const isLayerCall = (x: Expr) => {
      const c = calleeName(x);
      return !!c && /Layer$/.test(c) && TOOLBOX_FUNCTIONS.has(c) && !this.isVar(c, ctx);
    };
    if (all.every(isLayerCall)) return `[${this.list(all, inner, e.line)}]`;
    const isText = (x: Expr) => x.type === 'str' || (!!calleeName(x) && STRING_FUNCTIONS.has(calleeName(x)!) && !this.isVar(calleeName(x)!, ctx));
    if (rows.length === 1 && all.every(isText) && all.some((x) => x.type === 'str')) return rows[0].map(inner).join(' + ');
    if (rows.length === 1) return `${this.use('hcat')}(${this.list(rows[0], inner, e.line)})`;
    return `${this.use('vcat')}(${this.rowsList(rows, (r) => (r.length === 1 ? inner(r[0]) : `${this.use('hcat')}(${r.map(inner).join(', ')})`), e.line)})`;
  }

  /** Elements joined by ', ', breaking lines where the .m source does. */
  private list(items: readonly Expr[], f: (x: Expr) => string, startLine: number): string {
    let prev = startLine;
    return items.map((x, i) => {
      const gap = x.line - prev;
      prev = lastLine(x);
      const code = f(x);
      return (i === 0 ? '' : gap > 0 ? ',' + '\n'.repeat(gap) + '    ' : ', ') + code;
    }).join('');
  }

  private rowsList(rows: readonly Expr[][], f: (r: Expr[]) => string, startLine: number): string {
    let prev = startLine;
    return rows.map((r, i) => {
      const gap = r[0].line - prev;
      prev = lastLine(r[r.length - 1]);
      return (i === 0 ? '' : gap > 0 ? ',' + '\n'.repeat(gap) + '    ' : ', ') + f(r);
    }).join('');
  }
}

// ---- helpers ----

function isSimple(s: Stmt): boolean {
  return s.type === 'expr' || s.type === 'assign' || s.type === 'command' || s.type === 'break' || s.type === 'continue' || s.type === 'return';
}


function lastLine(e: Expr): number {
  let max = e.line;
  for (const x of walkExpr(e)) max = Math.max(max, x.line);
  return max;
}

/** `f` of `f` or `f(…)`. */
function calleeName(e: Expr): string | undefined {
  if (e.type === 'ident') return e.name;
  if (e.type === 'index' && !e.brace && e.base.type === 'ident') return e.base.name;
  return undefined;
}

/** `max(x, [], dim)`: the empty placeholder stays (maxWithIndex takes the dimension second). */
function maxArgs(args: readonly Expr[]): Expr[] {
  if (args.length === 3 && args[1].type === 'matrix' && args[1].rows.length === 0) return [args[0], args[2]];
  return [...args];
}

interface PathPart {
  kind: '()' | '{}' | '.';
  args?: Expr[];
  name?: string;
  dynamic?: Expr;
}

function assignPath(t: Expr): PathPart[] {
  const out: PathPart[] = [];
  let e = t;
  while (e.type === 'index' || e.type === 'field') {
    out.unshift(e.type === 'index' ? { kind: e.brace ? '{}' : '()', args: e.args } : { kind: '.', name: e.name, dynamic: e.dynamic });
    e = e.base;
  }
  return out;
}

export function quote(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t')}'`;
}

function normalNumber(raw: string): string {
  let s = raw.replace(/[dD]/, 'e');
  if (s.startsWith('.')) s = '0' + s;
  if (s.startsWith('-.')) s = '-0' + s.slice(1);
  if (/\.$/.test(s)) s = s.slice(0, -1);
  if (/\.e/.test(s)) s = s.replace('.e', 'e');
  return s;
}

/** A statement's code at indentation `ind`, its continuation lines too. */
function indented(ind: string, code: string): string {
  return ind + code.replace(/\n(?=.)/g, '\n' + ind);
}

function wrapJs(code: string): string {
  return /^-?[\w.]+$/.test(code) && !code.startsWith('-') ? code : `(${code})`;
}

function wrapList(items: string[], width: number): string[] {
  const lines: string[] = [];
  let cur = '';
  for (const it of items) {
    if (cur && cur.length + it.length + 2 > width) {
      lines.push(cur);
      cur = it;
    } else cur = cur ? `${cur}, ${it}` : it;
  }
  if (cur) lines.push(cur);
  return lines;
}
