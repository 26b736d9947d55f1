/**
 * Recursive-descent parser for MATLAB scripts and function files, with
 * MATLAB's operator precedence (|| < && < | < & < comparisons < : < + - <
 * * / < unary < ^ < postfix). Syntax errors use MATLAB's wording.
 */
import type { Expr, FunctionDef, Program, Stmt } from './ast.ts';
import { Diagnostics } from './diagnostics.ts';
import { lex, type Token } from './lexer.ts';

const COMPARISONS = ['==', '~=', '!=', '<', '<=', '>', '>='];
const MULTIPLICATIVE = ['*', '/', '\\', '.*', './', '.\\'];
const UNSUPPORTED_KEYWORDS: Record<string, string> = {
  spmd: 'spmd blocks',
};
/** Keywords a matching `end` closes. */
const BLOCK_OPENERS = new Set(['if', 'for', 'parfor', 'while', 'switch', 'try', 'unwind_protect', 'spmd', 'function', 'classdef']);
const CLASS_BLOCKS = new Set(['properties', 'methods', 'events', 'enumeration', 'arguments']);

export function parse(src: string, file: string, diag = new Diagnostics(file)): Program {
  return new Parser(lex(src, diag), diag, file).program();
}

class Parser {
  private i = 0;
  /** Depth of subscripts being parsed: `end` is a value only inside them. */
  private indexDepth = 0;
  /** Depth of [] / {} being parsed: ',' and ';' separate elements there. */
  private matrixDepth = 0;

  /** Whether this file closes its functions with `end` (then a `function` inside one is nested). */
  private readonly functionsUseEnd: boolean;

  constructor(private readonly toks: Token[], private readonly diag: Diagnostics, private readonly file: string) {
    // MATLAB: either every function of a file ends with `end` or none does; count to tell which.
    let depth = 0;
    let openers = 0;
    let ends = 0;
    let functions = 0;
    let classdef = false;
    for (const t of toks) {
      if (t.kind === '(' || t.kind === '[' || t.kind === '{') depth++;
      else if (t.kind === ')' || t.kind === ']' || t.kind === '}') depth--;
      else if (t.kind === 'keyword' && depth === 0) {
        if (t.text === 'end') ends++;
        else if (BLOCK_OPENERS.has(t.text)) openers++;
        if (t.text === 'function') functions++;
        if (t.text === 'classdef') classdef = true;
      }
    }
    this.functionsUseEnd = classdef || (functions > 0 && ends >= openers);
  }

  private get t(): Token {
    return this.toks[this.i];
  }

  private next(): Token {
    return this.toks[this.i++];
  }

  private is(kind: Token['kind'], text?: string): boolean {
    return this.t.kind === kind && (text === undefined || this.t.text === text);
  }

  private isOp(...ops: string[]): boolean {
    return this.t.kind === 'op' && ops.includes(this.t.text);
  }

  private isKeyword(...words: string[]): boolean {
    return this.t.kind === 'keyword' && words.includes(this.t.text);
  }

  private expect(kind: Token['kind'], what: string): Token {
    if (this.t.kind !== kind) this.fail(this.t, `Invalid expression. Check for missing or unbalanced delimiters: '${what}' expected.`);
    return this.next();
  }

  private fail(t: Token, reason?: string): never {
    if (t.kind === 'eof') this.diag.error(t, reason ?? 'This statement is incomplete.');
    return this.diag.error(t, reason ?? `Parse error at '${t.text || t.kind}': usage might be invalid MATLAB syntax.`);
  }

  // ---- program structure ----

  program(): Program {
    this.skipBlank();
    // A classdef file may start with comments (they are kept as statements of a script otherwise).
    let k = this.i;
    while (['comment', 'newline', ';', ','].includes(this.toks[k].kind)) k++;
    if (this.toks[k].kind === 'keyword' && this.toks[k].text === 'classdef') {
      this.i = k;
      return this.classdef();
    }
    const kind = this.isKeyword('function') ? 'function' : 'script';
    const body = kind === 'script' ? this.block(['function']) : [];
    const functions: FunctionDef[] = [];
    // Comments between and after functions (help text, Octave's %!test blocks) belong to none of them.
    const skipComments = () => { while (this.skipBlank(), this.is('comment')) this.next(); };
    while (skipComments(), this.isKeyword('function')) functions.push(this.functionDef());
    skipComments();
    if (!this.is('eof')) {
      if (this.isKeyword('end')) this.fail(this.t, 'Illegal use of reserved keyword "end".');
      this.fail(this.t);
    }
    if (kind === 'script' && functions.length > 0 && this.trailingStatementsAfterFunctions()) {
      this.fail(this.t, 'Function definitions in a script must appear at the end of the file.');
    }
    return { file: this.file, kind, body, functions };
  }

  private trailingStatementsAfterFunctions(): boolean {
    return false;
  }

  /** Newlines, bare separators: nothing to parse. */
  private skipBlank(): void {
    while (this.is('newline') || this.is(';') || this.is(',')) this.next();
  }

  /** Statements until one of `enders` (keywords) or the end of file. */
  private block(enders: string[]): Stmt[] {
    const out: Stmt[] = [];
    for (;;) {
      this.skipBlank();
      if (this.is('eof')) return out;
      if (this.t.kind === 'keyword' && enders.includes(this.t.text)) return out;
      const s = this.statement();
      if (Array.isArray(s)) out.push(...s);
      else out.push(s);
    }
  }

  private endOf(start: Token, enders: string[] = ['end']): number {
    if (!(this.t.kind === 'keyword' && enders.includes(this.t.text))) {
      this.fail(start, `At least one END is missing: the statement that begins here ('${start.text}', line ${start.line}) has no matching end.`);
    }
    return this.next().line;
  }

  private functionDef(): FunctionDef {
    const start = this.next(); // function
    let outputs: string[] = [];
    let name: string;
    if (this.is('[')) {
      this.next();
      while (!this.is(']')) {
        if (this.is(',')) { this.next(); continue; }
        outputs.push(this.expect('ident', 'output name').text);
      }
      this.next();
      if (!this.isOp('=')) this.fail(this.t);
      this.next();
      name = this.expect('ident', 'function name').text;
    } else {
      const first = this.expect('ident', 'function name').text;
      if (this.isOp('=')) {
        this.next();
        outputs = [first];
        name = this.expect('ident', 'function name').text;
      } else name = first;
    }
    while (this.isOp('.')) { // set.Prop / get.Prop methods
      this.next();
      name += '_' + this.expect('ident', 'name').text;
    }
    const params: string[] = [];
    if (this.is('(')) {
      this.next();
      while (!this.is(')')) {
        if (this.is(',')) { this.next(); continue; }
        if (this.isOp('~')) { this.next(); params.push('~'); continue; }
        params.push(this.expect('ident', 'parameter name').text);
        if (this.isOp('=')) { // Octave: function f (x = 1)
          this.diag.octave(this.t, "a default parameter value", "'if nargin < n' in the body");
          this.next();
          this.withDepths(0, 0, () => this.expr());
        }
      }
      this.next();
    }
    const body: Stmt[] = [];
    const nested: FunctionDef[] = [];
    for (;;) {
      body.push(...this.block(['end', 'function']));
      if (this.functionsUseEnd && this.isKeyword('function')) nested.push(this.functionDef());
      else break;
    }
    let endLine = this.t.line;
    if (this.isKeyword('end')) endLine = this.next().line;
    else if (this.functionsUseEnd && this.is('eof')) this.fail(start, `At least one END is missing: the statement that begins here ('function', line ${start.line}) has no matching end.`);
    return { line: start.line, col: start.col, name, params, outputs, body, endLine, ...(nested.length ? { nested } : {}) };
  }

  /** True at a `properties`/`methods`/… block of a classdef (an identifier or command at statement start). */
  private atClassBlock(): boolean {
    return (this.is('ident') || this.is('command')) && CLASS_BLOCKS.has(this.t.text);
  }

  /** Skips to the `end` closing the block just opened, keeping bracket and block depth. */
  private skipBlock(): number {
    let depth = 1;
    let brackets = 0;
    for (;;) {
      const t = this.next();
      if (t.kind === 'eof') this.fail(t, 'At least one END is missing.');
      if (t.kind === '(' || t.kind === '[' || t.kind === '{') brackets++;
      else if (t.kind === ')' || t.kind === ']' || t.kind === '}') brackets--;
      else if (t.kind === 'keyword' && brackets === 0) {
        if (t.text === 'end') { if (--depth === 0) return t.line; } else if (BLOCK_OPENERS.has(t.text)) depth++;
      }
    }
  }

  /** A classdef file: its methods are parsed as functions, properties/events/enumeration blocks skipped. */
  private classdef(): Program {
    const start = this.next();
    while (!this.is('newline') && !this.is('eof') && !this.is('comment') && !this.is(';')) this.next();
    const functions: FunctionDef[] = [];
    for (;;) {
      this.skipBlank();
      if (this.is('comment')) { this.next(); continue; }
      if (this.isKeyword('end')) { this.next(); break; }
      if (this.is('eof')) this.fail(start, "At least one END is missing: the 'classdef' that begins here has no matching end.");
      if (!this.atClassBlock()) this.fail(this.t);
      const kind = this.next();
      if (kind.text !== 'methods') {
        this.skipBlock();
        continue;
      }
      while (!this.is('newline') && !this.is('eof') && !this.is('comment')) this.next(); // (Static), (Access = private)
      for (;;) {
        this.skipBlank();
        if (this.is('comment')) { this.next(); continue; }
        if (this.isKeyword('end')) { this.next(); break; }
        if (this.isKeyword('function')) functions.push(this.functionDef());
        else this.fail(this.t);
      }
    }
    while (this.skipBlank(), this.is('comment')) this.next();
    while (this.isKeyword('function')) { functions.push(this.functionDef()); this.skipBlank(); }
    return { file: this.file, kind: 'classdef', body: [], functions };
  }

  // ---- statements ----

  private statement(): Stmt | Stmt[] {
    const t = this.t;
    if (t.kind === 'comment') {
      this.next();
      return { type: 'comment', text: t.text, block: t.value === 'block', line: t.line, col: t.col };
    }
    if (t.kind === 'command') {
      this.next();
      return { type: 'command', name: t.text, args: t.args ?? [], ...this.terminator(), line: t.line, col: t.col };
    }
    if (t.kind === 'keyword') return this.keywordStatement(t);
    const lhs = this.expr();
    if (this.isOp('=')) {
      this.next();
      const targets = this.targets(lhs);
      let rhs = this.expr();
      // Octave's chained `a = b = v`: b = v first, then a = b.
      const chain: { targets: Expr[]; value: Expr }[] = [];
      while (this.isOp('=')) {
        this.diag.octave(this.t, "'a = b = value'", "two assignments");
        this.next();
        chain.push({ targets: this.targets(rhs), value: rhs });
        rhs = this.expr();
      }
      const end = this.terminator();
      if (chain.length === 0) return { type: 'assign', targets, rhs, ...end, line: t.line, col: t.col };
      const out: Stmt[] = [];
      let value = rhs;
      for (const c of chain.reverse()) {
        out.push({ type: 'assign', targets: c.targets, rhs: value, display: end.display, line: t.line, col: t.col });
        value = c.value;
      }
      out.push({ type: 'assign', targets, rhs: value, ...end, line: t.line, col: t.col });
      return out;
    }
    if (this.isOp('+=', '-=', '*=', '/=', '|=', '&=', '^=', '.*=', './=', '.^=')) {
      const op = this.next().text.slice(0, -1);
      const rhs = this.expr();
      const targets = this.targets(lhs);
      return { type: 'assign', targets, rhs: { type: 'binary', op, left: lhs, right: rhs, line: t.line, col: t.col }, ...this.terminator(), line: t.line, col: t.col, octaveOp: op };
    }
    if (this.isOp('++', '--')) {
      const op = this.next().text[0];
      const one: Expr = { type: 'num', value: 1, raw: '1', line: t.line, col: t.col };
      return { type: 'assign', targets: this.targets(lhs), rhs: { type: 'binary', op, left: lhs, right: one, line: t.line, col: t.col }, ...this.terminator(), line: t.line, col: t.col };
    }
    if (lhs.type === 'assignExpr' && lhs.value.type === 'binary' && lhs.value.right.type === 'num' && lhs.value.left === lhs.target) {
      // x++ as a statement: an assignment.
      return { type: 'assign', targets: this.targets(lhs.target), rhs: lhs.value, ...this.terminator(), line: t.line, col: t.col };
    }
    return { type: 'expr', expr: lhs, ...this.terminator(), line: t.line, col: t.col };
  }

  /** `;` silences the statement; `,`, a newline or a comment let MATLAB display it. */
  private terminator(): { display: boolean; comment?: string } {
    let display = true;
    if (this.is(';')) { this.next(); display = false; } else if (this.is(',')) this.next();
    else if (!this.is('newline') && !this.is('eof') && !this.is('comment') && !this.isKeyword('end')) this.fail(this.t);
    while (this.is(';')) { this.next(); display = false; }
    let comment: string | undefined;
    if (this.is('comment') && this.t.line === this.toks[this.i - 1]?.line) comment = this.next().text;
    return { display, comment };
  }

  /** Assignment targets: `x`, `x(i).f{j}`, or `[a, ~, c]`. */
  private targets(lhs: Expr): Expr[] {
    const check = (e: Expr): Expr => {
      let b = e;
      while (b.type === 'index' || b.type === 'field') b = b.base;
      if (b.type !== 'ident' && e.type !== 'tilde') {
        this.diag.error(e, 'Incorrect use of \'=\' operator. To assign a value to a variable, use \'=\'. To compare values for equality, use \'==\'.');
      }
      return e;
    };
    if (lhs.type === 'matrix' && !lhs.cell) {
      if (lhs.rows.length > 1) this.diag.error(lhs, 'Multiple left-hand sides must be separated by commas.');
      return (lhs.rows[0] ?? []).map(check);
    }
    return [check(lhs)];
  }

  private keywordStatement(t: Token): Stmt {
    const word = t.text;
    if (word in UNSUPPORTED_KEYWORDS) {
      this.diag.error(t, `Unsupported construct at line ${t.line}: ${UNSUPPORTED_KEYWORDS[word]} cannot be translated.`);
    }
    switch (word) {
      case 'global': case 'persistent': {
        this.next();
        const names: string[] = [];
        while (this.is('ident')) {
          names.push(this.next().text);
          if (this.isOp('=')) { // Octave: persistent n = 0
            this.diag.octave(this.t, `'${word} x = value'`, `'${word} x' and an assignment`);
            this.next();
            this.expr();
          }
        }
        return { type: 'decl', keyword: word, names, line: t.line, col: t.col };
      }
      case 'unwind_protect': {
        this.next();
        const body = this.block(['unwind_protect_cleanup', 'end']);
        let cleanup: Stmt[] = [];
        const cleanupLine = this.t.line;
        if (this.isKeyword('unwind_protect_cleanup')) {
          this.next();
          cleanup = this.block(['end']);
        }
        return { type: 'try', body, catchBody: [], catchLine: cleanupLine, cleanup, endLine: this.endOf(t), line: t.line, col: t.col };
      }
      case 'do': {
        this.next();
        const body = this.block(['until']);
        if (!this.isKeyword('until')) this.fail(t, "At least one END is missing: the 'do' that begins here has no matching 'until'.");
        const endLine = this.next().line;
        return { type: 'do', body, cond: this.expr(), endLine, line: t.line, col: t.col };
      }
      case 'if': return this.ifStatement();
      case 'for': case 'parfor': return this.forStatement();
      case 'while': {
        this.next();
        const cond = this.expr();
        const body = this.block(['end']);
        return { type: 'while', cond, body, endLine: this.endOf(t), line: t.line, col: t.col };
      }
      case 'switch': return this.switchStatement();
      case 'try': return this.tryStatement();
      case 'break': case 'continue': case 'return': {
        this.next();
        return { type: word, comment: this.terminator().comment, line: t.line, col: t.col };
      }
      case 'end': return this.fail(t, 'Illegal use of reserved keyword "end".');
      default: return this.fail(t, `Illegal use of reserved keyword "${word}".`);
    }
  }

  private ifStatement(): Stmt {
    const start = this.next();
    const clauses: { cond: Expr; body: Stmt[]; line: number }[] = [];
    let cond = this.expr();
    let line = start.line;
    for (;;) {
      const body = this.block(['elseif', 'else', 'end']);
      clauses.push({ cond, body, line });
      if (!this.isKeyword('elseif')) break;
      line = this.next().line;
      cond = this.expr();
    }
    let elseBody: Stmt[] | undefined;
    let elseLine: number | undefined;
    if (this.isKeyword('else')) {
      elseLine = this.next().line;
      elseBody = this.block(['end']);
    }
    return { type: 'if', clauses, elseBody, elseLine, endLine: this.endOf(start), line: start.line, col: start.col };
  }

  private forStatement(): Stmt {
    const start = this.next();
    const paren = this.is('(');
    if (paren) this.next();
    if (this.is('[')) { // Octave: for [value, key] = struct
      this.diag.octave(this.t, "'for [value, key] = s'", "a loop over fieldnames(s)");
      this.matrix();
      if (!this.isOp('=')) this.fail(this.t);
      this.next();
      this.expr();
      if (paren) this.expect(')', ')');
      this.block(['end']);
      this.endOf(start);
      return { type: 'unsupported', what: "Octave's 'for [value, key] = s'", line: start.line, col: start.col };
    }
    const variable = this.expect('ident', 'loop variable').text;
    if (!this.isOp('=')) this.fail(this.t);
    this.next();
    const iter = this.expr();
    if (paren) {
      if (this.is(',')) { this.next(); this.expr(); } // parfor (i = 1:n, maxWorkers)
      this.expect(')', ')');
    }
    const body = this.block(['end']);
    return { type: 'for', variable, iter, body, endLine: this.endOf(start), parfor: start.text === 'parfor', line: start.line, col: start.col };
  }

  private switchStatement(): Stmt {
    const start = this.next();
    const subject = this.expr();
    const cases: { values: Expr; body: Stmt[]; line: number }[] = [];
    let otherwise: Stmt[] | undefined;
    let otherwiseLine: number | undefined;
    for (;;) {
      this.skipBlank();
      while (this.is('comment')) { this.next(); this.skipBlank(); }
      if (this.isKeyword('case')) {
        const line = this.next().line;
        const values = this.expr();
        cases.push({ values, body: this.block(['case', 'otherwise', 'end']), line });
      } else if (this.isKeyword('otherwise')) {
        otherwiseLine = this.next().line;
        otherwise = this.block(['case', 'otherwise', 'end']);
      } else break;
    }
    return { type: 'switch', subject, cases, otherwise, otherwiseLine, endLine: this.endOf(start), line: start.line, col: start.col };
  }

  private tryStatement(): Stmt {
    const start = this.next();
    const body = this.block(['catch', 'end']);
    let catchVar: string | undefined;
    let catchBody: Stmt[] = [];
    let catchLine: number | undefined;
    if (this.isKeyword('catch')) {
      const c = this.next();
      catchLine = c.line;
      const after = this.toks[this.i + 1];
      if (this.is('ident') && this.t.line === c.line && (after.kind === 'newline' || after.kind === ';' || after.kind === ',' || after.kind === 'comment' || after.kind === 'eof')) {
        catchVar = this.next().text;
      }
      catchBody = this.block(['end']);
    }
    return { type: 'try', body, catchVar, catchBody, catchLine, endLine: this.endOf(start), line: start.line, col: start.col };
  }

  // ---- expressions ----

  expr(): Expr {
    return this.binaryLevel(0);
  }

  private static readonly LEVELS: string[][] = [['||'], ['&&'], ['|'], ['&'], COMPARISONS];

  private binaryLevel(level: number): Expr {
    if (level === Parser.LEVELS.length) return this.range();
    let left = this.binaryLevel(level + 1);
    while (this.isOp(...Parser.LEVELS[level])) {
      const op = this.next();
      if (op.text === '!=') op.text = '~=';
      const right = this.binaryLevel(level + 1);
      left = { type: 'binary', op: op.text, left, right, line: op.line, col: op.col };
    }
    return left;
  }

  private range(): Expr {
    const start = this.additive();
    if (!this.isOp(':') || this.colonEndsSubscript()) return start;
    const at = this.next();
    const second = this.additive();
    if (this.isOp(':') && !this.colonEndsSubscript()) {
      this.next();
      const stop = this.additive();
      return { type: 'range', start, step: second, stop, line: at.line, col: at.col };
    }
    return { type: 'range', start, stop: second, line: at.line, col: at.col };
  }

  /** `x(:)`, never `a:` followed by nothing. */
  private colonEndsSubscript(): boolean {
    const n = this.toks[this.i + 1];
    return n.kind === ')' || n.kind === '}' || n.kind === ',';
  }

  private additive(): Expr {
    let left = this.multiplicative();
    while (this.isOp('+', '-')) {
      const op = this.next();
      left = { type: 'binary', op: op.text, left, right: this.multiplicative(), line: op.line, col: op.col };
    }
    return left;
  }

  private multiplicative(): Expr {
    let left = this.unary();
    while (this.isOp(...MULTIPLICATIVE)) {
      const op = this.next();
      left = { type: 'binary', op: op.text, left, right: this.unary(), line: op.line, col: op.col };
    }
    return left;
  }

  private unary(): Expr {
    const n = this.toks[this.i + 1];
    if (this.isOp('~') && this.matrixDepth > 0 && (n.kind === ',' || n.kind === ']')) return this.primary();
    if (this.isOp('-', '+', '~', '!')) {
      const op = this.next();
      const operand = this.unary();
      const name = op.text === '!' ? '~' : op.text;
      if (name === '-' && operand.type === 'num') return { ...operand, value: -operand.value, raw: '-' + operand.raw, line: op.line, col: op.col };
      return { type: 'unary', op: name, operand, line: op.line, col: op.col };
    }
    return this.power();
  }

  private power(): Expr {
    let left = this.postfix();
    while (this.isOp('^', '.^')) {
      const op = this.next();
      left = { type: 'binary', op: op.text, left, right: this.powerOperand(), line: op.line, col: op.col };
    }
    return left;
  }

  /** `2^-1`: the exponent may carry unary signs. */
  private powerOperand(): Expr {
    if (this.isOp('-', '+', '~', '!')) {
      const op = this.next();
      const operand = this.powerOperand();
      if (op.text === '-' && operand.type === 'num') return { ...operand, value: -operand.value, raw: '-' + operand.raw };
      return { type: 'unary', op: op.text === '!' ? '~' : op.text, operand, line: op.line, col: op.col };
    }
    return this.postfix();
  }

  private postfix(): Expr {
    let e = this.primary();
    for (;;) {
      const t = this.t;
      if ((t.kind === '(' || t.kind === '{') && !(this.matrixDepth > 0 && t.spaceBefore)) {
        this.next();
        e = { type: 'index', base: e, brace: t.kind === '{', args: this.subscripts(t.kind === '(' ? ')' : '}'), line: t.line, col: t.col };
      } else if (t.kind === 'op' && t.text === '.' && !t.spaceBefore) {
        this.next();
        if (this.is('(')) {
          this.next();
          const dynamic = this.withDepths(0, 0, () => this.expr());
          this.expect(')', ')');
          e = { type: 'field', base: e, dynamic, line: t.line, col: t.col };
        } else {
          const name = this.t.kind === 'ident' || this.t.kind === 'keyword' ? this.next().text : this.fail(this.t);
          e = { type: 'field', base: e, name, line: t.line, col: t.col };
        }
      } else if (t.kind === 'op' && t.text === '@' && !t.spaceBefore && e.type === 'ident' && this.toks[this.i + 1].kind === 'ident') {
        // obj@Superclass(…): a superclass method call, inside classdef methods.
        this.next();
        let sup = this.next().text;
        while (this.isOp('.') && this.toks[this.i + 1].kind === 'ident') { this.next(); sup += '.' + this.next().text; }
        e = { type: 'ident', name: `${e.name}@${sup}`, line: t.line, col: t.col };
      } else if (t.kind === 'op' && (t.text === '++' || t.text === '--')) {
        // Octave's x++ inside an expression.
        this.next();
        const alone = ['newline', ';', ',', 'eof', 'comment'].includes(this.t.kind);
        this.diag.octave(t, alone ? `'${t.text}'` : `'${t.text}' inside an expression`, `'x = x ${t.text[0]} 1'${alone ? '' : ' as a statement of its own'}`);
        const one: Expr = { type: 'num', value: 1, raw: '1', line: t.line, col: t.col };
        e = { type: 'assignExpr', target: e, value: { type: 'binary', op: t.text[0], left: e, right: one, line: t.line, col: t.col }, line: t.line, col: t.col };
      } else if (t.kind === 'op' && (t.text === "'" || t.text === ".'")) {
        this.next();
        e = { type: 'postfix', op: t.text, operand: e, line: t.line, col: t.col };
      } else return e;
    }
  }

  private withDepths<T>(index: number, matrix: number, f: () => T): T {
    const saved = [this.indexDepth, this.matrixDepth];
    this.indexDepth = index;
    this.matrixDepth = matrix;
    try {
      return f();
    } finally {
      [this.indexDepth, this.matrixDepth] = saved;
    }
  }

  private subscripts(close: ')' | '}'): Expr[] {
    return this.withDepths(this.indexDepth + 1, 0, () => {
      const args: Expr[] = [];
      while (this.is('newline')) this.next();
      if (this.is(close)) { this.next(); return args; }
      for (;;) {
        if (this.isOp(':') && this.colonEndsSubscript()) {
          const c = this.next();
          args.push({ type: 'colon', line: c.line, col: c.col });
        } else args.push(this.octaveAssignment(this.expr()));
        while (this.is('newline')) this.next();
        if (this.is(',')) { this.next(); continue; }
        if (this.is(close)) { this.next(); return args; }
        return this.fail(this.t, this.t.kind === 'eof' ? undefined : ['ident', 'num', 'char', 'string'].includes(this.t.kind)
          ? 'Invalid expression. Check for missing multiplication operator, missing or unbalanced delimiters, or other syntax error.'
          : 'Invalid expression. When calling a function or indexing a variable, use parentheses. Otherwise, check for mismatched delimiters.');
      }
    });
  }

  private primary(): Expr {
    const t = this.t;
    switch (t.kind) {
      case 'num': this.next(); return { type: 'num', value: t.value as number, raw: t.text, imag: t.imag, line: t.line, col: t.col };
      case 'char': case 'string': this.next(); return { type: 'str', value: t.value as string, double: t.kind === 'string', line: t.line, col: t.col };
      case 'ident': this.next(); return { type: 'ident', name: t.text, line: t.line, col: t.col };
      case '(': {
        this.next();
        const e = this.withDepths(this.indexDepth, 0, () => this.expr());
        const inner = this.octaveAssignment(e);
        this.expect(')', ')');
        return inner;
      }
      case '[': case '{': return this.matrix();
      case 'keyword':
        if (t.text === 'end' && this.indexDepth > 0) { this.next(); return { type: 'end', line: t.line, col: t.col }; }
        return this.fail(t, `Illegal use of reserved keyword "${t.text}".`);
      case 'op':
        if (t.text === '@') return this.handle();
        if (t.text === '~' && this.matrixDepth > 0) {
          this.next();
          return { type: 'tilde', line: t.line, col: t.col };
        }
        return this.fail(t, t.text === '=' ? "Incorrect use of '=' operator. To assign a value to a variable, use '='. To compare values for equality, use '=='." : 'Invalid use of operator.');
      case 'eof': return this.fail(t);
      default: return this.fail(t, `Invalid expression. Check for missing multiplication operator, missing or unbalanced delimiters, or other syntax error.`);
    }
  }

  /** Octave's assignment inside an expression: `(x = f ())`, `g (y = 2)`. */
  private octaveAssignment(target: Expr): Expr {
    if (!this.isOp('=') || !(target.type === 'ident' || target.type === 'index' || target.type === 'field')) return target;
    const at = this.next();
    this.diag.octave(at, 'an assignment inside an expression', 'the assignment as a statement of its own');
    const value = this.withDepths(this.indexDepth, 0, () => this.expr());
    return { type: 'assignExpr', target, value, line: at.line, col: at.col };
  }

  private matrix(): Expr {
    const open = this.next();
    const close = open.kind === '[' ? ']' : '}';
    return this.withDepths(this.indexDepth, this.matrixDepth + 1, () => {
      const rows: Expr[][] = [];
      let row: Expr[] = [];
      for (;;) {
        const t = this.t;
        if (t.kind === close) {
          this.next();
          if (row.length > 0) rows.push(row);
          return { type: 'matrix', cell: open.kind === '{', rows, line: open.line, col: open.col };
        }
        if (t.kind === 'eof') this.fail(open, `Invalid expression. Check for missing or unbalanced delimiters: '${close}' expected.`);
        if (t.kind === 'comment' || t.kind === 'newline') { this.next(); continue; }
        if (t.kind === ',') { this.next(); continue; }
        if (t.kind === ';') {
          this.next();
          if (row.length > 0) rows.push(row);
          row = [];
          continue;
        }
        row.push(this.expr());
      }
    });
  }

  private handle(): Expr {
    const at = this.next();
    if (this.is('(')) {
      this.next();
      const params: string[] = [];
      while (!this.is(')')) {
        if (this.is(',')) { this.next(); continue; }
        if (this.isOp('~')) { this.next(); params.push('~'); continue; }
        params.push(this.expect('ident', 'parameter name').text);
      }
      this.next();
      const body = this.withDepths(0, this.matrixDepth, () => this.expr());
      return { type: 'anon', params, body, line: at.line, col: at.col };
    }
    let name = this.expect('ident', 'function name').text;
    while (this.isOp('.') && !this.t.spaceBefore) { // @pkg.fn
      this.next();
      name += '.' + this.expect('ident', 'name').text;
    }
    return { type: 'handle', name, line: at.line, col: at.col };
  }
}
