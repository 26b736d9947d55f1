/**
 * MATLAB lexer, following the rules MISS_HIT documents (LEXING_ISSUES.md):
 * whitespace separates elements inside [] and {} ([1 -1] has two elements,
 * [1 - 1] one), ' is a transpose after a value and a quote elsewhere,
 * % and %{ … %} comments, ... continuations, and command syntax
 * (`hold on`, `save alldata`) recognised at the start of a statement.
 * Octave's # comments, != and ++ are accepted and reported.
 */
import { Diagnostics } from './diagnostics.ts';

export type TokenKind =
  | 'num' | 'char' | 'string' | 'ident' | 'keyword' | 'op'
  | '(' | ')' | '[' | ']' | '{' | '}' | ',' | ';'
  | 'newline' | 'comment' | 'command' | 'eof';

export interface Token {
  kind: TokenKind;
  text: string;
  line: number;
  col: number;
  /** Whitespace (or a continuation) came right before this token. */
  spaceBefore: boolean;
  /** Numbers: the value; chars/strings: the unquoted text. */
  value?: number | string;
  /** Command syntax: the words after the command name. */
  args?: string[];
  /** A ',' or ';' the lexer inserted (whitespace or newline inside brackets). */
  implicit?: boolean;
  /** An imaginary number literal (`2i`). */
  imag?: boolean;
  /** ')' closing the parameters of `@(x)`: the body follows after whitespace, no separator. */
  anonClose?: boolean;
}

export const KEYWORDS = new Set([
  'break', 'case', 'catch', 'classdef', 'continue', 'else', 'elseif', 'end', 'for', 'function', 'global',
  'if', 'otherwise', 'parfor', 'persistent', 'return', 'spmd', 'switch', 'try', 'while',
]);

/** Octave's block enders and their MATLAB spelling (all are `end`). */
/** Octave's own block keywords, recognised at the start of a statement. */
export const OCTAVE_KEYWORDS = new Set(['unwind_protect', 'unwind_protect_cleanup', 'do', 'until']);

export const OCTAVE_ENDS = new Set([
  'endif', 'endfor', 'endwhile', 'endfunction', 'endswitch', 'end_try_catch', 'endparfor', 'end_unwind_protect',
  'endclassdef', 'endproperties', 'endmethods', 'endevents', 'endenumeration',
]);

// Longest first, so `.^` wins over `.` and `==` over `=`.
const OPERATORS = [
  '.*=', './=', '.^=', '.^', '.*', './', '.\\', ".'", '==', '~=', '!=', '<=', '>=', '&&', '||', '+=', '-=', '*=', '/=', '|=', '&=', '^=', '.*=', './=', '.^=',
  '+', '-', '*', '/', '\\', '^', '<', '>', '&', '|', '~', '!', '=', ':', '.', '@',
];

/** Tokens after which ' is a transpose (when no whitespace intervenes inside brackets). */
function endsValue(t: Token | undefined): boolean {
  if (!t) return false;
  if (t.kind === 'num' || t.kind === 'ident' || t.kind === 'char' || t.kind === 'string') return true;
  if (t.kind === ')' || t.kind === ']' || t.kind === '}') return true;
  if (t.kind === 'keyword' && t.text === 'end') return true;
  return t.kind === 'op' && (t.text === "'" || t.text === ".'");
}

const isIdentStart = (c: string) => /[A-Za-z_]/.test(c);
const isIdentChar = (c: string) => /[A-Za-z0-9_]/.test(c);
const isDigit = (c: string) => c >= '0' && c <= '9';

export function lex(src: string, diag: Diagnostics): Token[] {
  return new Lexer(src.replace(/\r\n?/g, '\n'), diag).run();
}

class Lexer {
  private pos = 0;
  private line = 1;
  private col = 1;
  private readonly tokens: Token[] = [];
  private readonly brackets: string[] = [];
  /** For each open '(', whether it opened the parameters of an anonymous function. */
  private readonly anonParens: boolean[] = [];
  private space = false;
  /** Names assigned so far in this function or script: `x -1` is then an expression, not a command. */
  private vars = new Set<string>();

  constructor(private readonly src: string, private readonly diag: Diagnostics) {}

  private peek(k = 0): string {
    return this.src[this.pos + k] ?? '';
  }

  private advance(n = 1): string {
    const s = this.src.slice(this.pos, this.pos + n);
    for (const c of s) {
      if (c === '\n') {
        this.line++;
        this.col = 1;
      } else this.col++;
    }
    this.pos += n;
    return s;
  }

  private push(kind: TokenKind, text: string, line: number, col: number, extra: Partial<Token> = {}): Token {
    const t: Token = { kind, text, line, col, spaceBefore: this.space, ...extra };
    this.tokens.push(t);
    this.space = false;
    return t;
  }

  private last(): Token | undefined {
    return this.tokens[this.tokens.length - 1];
  }

  private inMatrix(): boolean {
    const top = this.brackets[this.brackets.length - 1];
    return top === '[' || top === '{';
  }

  /** At the start of a statement: after a newline, ';' or ',' outside brackets, or at the top. */
  private atStatementStart(): boolean {
    if (this.brackets.length > 0) return false;
    const t = this.last();
    if (!t || t.kind === 'newline' || t.kind === ';' || t.kind === ',' || t.kind === 'comment') return true;
    // After `else`, `try`, `otherwise`, … a statement may follow on the same line.
    return t.kind === 'keyword' && ['else', 'try', 'otherwise', 'end', 'break', 'continue', 'return'].includes(t.text);
  }

  /** Whether a token pushed at index `k` would start a statement. */
  private statementStartBefore(k: number): boolean {
    const t = this.tokens[k - 1];
    return !t || t.kind === 'newline' || t.kind === ';' || t.kind === ',' || t.kind === 'comment' ||
      (t.kind === 'keyword' && ['else', 'try', 'otherwise', 'end', 'do', 'unwind_protect', 'unwind_protect_cleanup'].includes(t.text));
  }

  /** The rest of the current physical line (for look-ahead decisions). */
  private restOfLine(): string {
    const nl = this.src.indexOf('\n', this.pos);
    return this.src.slice(this.pos, nl < 0 ? undefined : nl);
  }

  /** True when the line holds only `marker` (and whitespace): block comment delimiters. */
  private lineIsOnly(marker: string): boolean {
    const start = this.src.lastIndexOf('\n', this.pos - 1) + 1;
    const nl = this.src.indexOf('\n', this.pos);
    return this.src.slice(start, nl < 0 ? undefined : nl).trim() === marker;
  }

  run(): Token[] {
    while (this.pos < this.src.length) this.step();
    this.push('eof', '', this.line, this.col);
    return this.tokens;
  }

  private step(): void {
    const c = this.peek();
    const line = this.line;
    const col = this.col;

    if (c === ' ' || c === '\t') {
      this.advance();
      this.whitespace();
      return;
    }
    if (c === '\n') {
      this.advance();
      if (this.inMatrix()) this.rowBreak(line, col);
      else if (this.brackets.length === 0) this.push('newline', '\n', line, col);
      else this.space = true;
      return;
    }
    if (c === '.' && this.peek(1) === '.' && this.peek(2) === '.') {
      // Continuation: the rest of the line is a comment and the statement goes on.
      const nl = this.src.indexOf('\n', this.pos);
      this.advance((nl < 0 ? this.src.length : nl + 1) - this.pos);
      this.space = true;
      return;
    }
    if (c === '%' || c === '#') {
      if (c === '#') this.diag.octave({ line, col }, "'#' as a comment", "'%'");
      if ((this.peek(1) === '{') && this.lineIsOnly(c + '{')) return this.blockComment(c, line, col);
      const text = this.restOfLine();
      this.advance(text.length);
      this.push('comment', text, line, col);
      return;
    }
    if (this.atStatementStart() && isIdentStart(c) && this.tryCommand(line, col)) return;
    if (isIdentStart(c)) return this.identifier(line, col);
    if (isDigit(c) || (c === '.' && isDigit(this.peek(1)))) return this.number(line, col);
    if (c === '"') return this.quoted('"', 'string', line, col);
    if (c === "'") {
      const prev = this.last();
      const transpose = endsValue(prev) && !(this.inMatrix() && this.space);
      if (!transpose) return this.quoted("'", 'char', line, col);
      this.advance();
      this.push('op', "'", line, col);
      return;
    }
    if ('([{'.includes(c)) {
      this.advance();
      if (c === '(') this.anonParens.push(this.last()?.kind === 'op' && this.last()?.text === '@');
      this.brackets.push(c);
      this.push(c as TokenKind, c, line, col);
      return;
    }
    if (')]}'.includes(c)) {
      this.advance();
      const open = this.brackets.pop();
      const want = { ')': '(', ']': '[', '}': '{' }[c];
      if (open !== want) {
        this.diag.error({ line, col }, open === undefined
          ? `Invalid use of '${c}': there is no matching opening delimiter.`
          : `Invalid expression. When calling a function or indexing a variable, use parentheses. Otherwise, check for mismatched delimiters.`);
      }
      this.push(c as TokenKind, c, line, col, c === ')' && this.anonParens.pop() ? { anonClose: true } : {});
      if (c === ']' && this.brackets.length === 0 && /^\s*=(?!=)/.test(this.restOfLine())) this.noteTargets();
      return;
    }
    if (c === ',' || c === ';') {
      this.advance();
      this.push(c, c, line, col);
      return;
    }
    for (const op of OPERATORS) {
      if (this.src.startsWith(op, this.pos)) {
        if (op === ".'" && !endsValue(this.last())) continue;
        this.advance(op.length);
        this.operator(op, line, col);
        return;
      }
    }
    this.diag.error({ line, col }, `Invalid text character. Check for unsupported symbol, invisible character, or pasting of non-ASCII characters.`);
  }

  private operator(op: string, line: number, col: number): void {
    if (op === '!=') this.diag.octave({ line, col }, "'!='", "'~='");
    else if (op === '!') this.diag.octave({ line, col }, "'!'", "'~'");
    else if (['+=', '-=', '*=', '/=', '|=', '&=', '^=', '.*=', './=', '.^='].includes(op)) this.diag.octave({ line, col }, `'${op}'`, `'x = x ${op.slice(0, -1)} …'`);
    if ((op === '+' || op === '-') && this.peek() === op && this.last()?.kind === 'ident' && !this.space && /^\s*([;,\n)}\]=<>~!&|]|$)/.test(this.src.slice(this.pos + 1, this.pos + 40))) {
      this.advance();
      this.push('op', op + op, line, col); // the parser reports it (as a statement or inside an expression)
      return;
    }
    this.push('op', op, line, col);
  }

  /** Whitespace inside [] or {} is an element separator when a value ends before it and one starts after. */
  private whitespace(): void {
    while (this.peek() === ' ' || this.peek() === '\t') this.advance();
    this.space = true;
    if (!this.inMatrix() || !endsValue(this.last()) || this.last()?.anonClose) return;
    const c = this.peek();
    const n = this.peek(1);
    let starts: boolean;
    if (c === '+' || c === '-') starts = n !== ' ' && n !== '\t' && n !== '=' && n !== '\n';
    else if (c === '~' || c === '!') starts = n !== '=';
    else if (c === '.' && this.peek(1) === '.' && this.peek(2) === '.') starts = false;
    else if (c === '.') starts = isDigit(n);
    else starts = isIdentStart(c) || isDigit(c) || "'\"([{@".includes(c);
    if (starts) this.push(',', '', this.line, this.col, { implicit: true, spaceBefore: true });
    this.space = true;
  }

  /** A newline inside [] or {} ends a row, unless the row is already ended. */
  private rowBreak(line: number, col: number): void {
    const t = this.last();
    if (t && (t.kind === ';' || t.kind === '[' || t.kind === '{' || (t.kind === ',' && !t.implicit))) {
      this.space = true;
      return;
    }
    if (t && t.kind === ',' && t.implicit) this.tokens.pop();
    this.push(';', '', line, col, { implicit: true });
    this.space = true;
  }

  private blockComment(marker: string, line: number, col: number): void {
    let depth = 0;
    const lines: string[] = [];
    while (this.pos < this.src.length) {
      const text = this.restOfLine();
      const trimmed = text.trim();
      if (trimmed === marker + '{') depth++;
      else if (trimmed === marker + '}') depth--;
      lines.push(text);
      this.advance(text.length);
      if (depth === 0) break;
      if (this.peek() === '\n') this.advance();
    }
    if (depth !== 0) this.diag.error({ line, col }, 'Block comment is not terminated: a line holding only %} is missing.');
    this.push('comment', lines.join('\n'), line, col, { value: 'block' });
  }

  private identifier(line: number, col: number): void {
    const start = this.pos;
    while (isIdentChar(this.peek())) this.advance();
    const name = this.src.slice(start, this.pos);
    if (OCTAVE_ENDS.has(name) && this.brackets.length === 0) {
      this.diag.octave({ line, col }, `'${name}'`, "'end'");
      this.push('keyword', 'end', line, col, { value: name });
      return;
    }
    if (OCTAVE_KEYWORDS.has(name) && this.brackets.length === 0 && this.statementStartBefore(this.tokens.length)) {
      this.diag.octave({ line, col }, `'${name}'`, name === 'do' || name === 'until' ? "'while … end'" : "'try … catch … end'");
      this.push('keyword', name, line, col);
      return;
    }
    const kind: TokenKind = KEYWORDS.has(name) ? 'keyword' : 'ident';
    this.push(kind, name, line, col);
    if (kind === 'keyword' && name === 'function') this.vars = new Set();
    this.noteAssignment(name);
  }

  /** Record names assigned on this statement (`x = …`, `for x = …`, `[a, b] = …`, function parameters). */
  private noteAssignment(name: string): void {
    const rest = this.restOfLine();
    const prev = this.tokens[this.tokens.length - 2];
    const startOfStatement = !prev || ['newline', ';', ',', 'comment'].includes(prev.kind) ||
      (prev.kind === 'keyword' && (prev.text === 'for' || prev.text === 'parfor'));
    if (startOfStatement && /^\s*=(?!=)/.test(rest)) this.vars.add(name);
    if (name === 'function') {
      const m = /\(([^)]*)\)/.exec(rest);
      if (m) m[1].split(',').map((s) => s.trim()).filter(Boolean).forEach((p) => this.vars.add(p));
    }
    if (name === 'catch') {
      const m = /^\s+([A-Za-z]\w*)\s*$/.exec(rest);
      if (m) this.vars.add(m[1]);
    }
  }

  /** `[a, b] = …`: every name directly inside the brackets is assigned. */
  private noteTargets(): void {
    for (let i = this.tokens.length - 2; i >= 0 && this.tokens[i].kind !== '['; i--) {
      const t = this.tokens[i];
      const before = this.tokens[i - 1];
      if (t.kind === 'ident' && before && (before.kind === '[' || before.kind === ',')) this.vars.add(t.text);
    }
  }

  private number(line: number, col: number): void {
    const m = /^(?:0[xX][0-9a-fA-F]+|(?:\d[\d_]*\.?\d*|\.\d+)(?:[eEdD][+-]?\d+)?)/.exec(this.src.slice(this.pos));
    let text = m![0];
    this.advance(text.length);
    if (text.includes('_')) {
      this.diag.octave({ line, col }, `'${text}' (digit separators)`, `'${text.replace(/_/g, '')}'`);
      text = text.replace(/_/g, '');
    }
    const value = /^0[xX]/.test(text) ? parseInt(text, 16) : Number(text.replace(/[dD]/, 'e'));
    // 3i, 2.5j: an imaginary literal (parsed; the translator has no complex numbers).
    const imag = /^[ijIJ](?![A-Za-z0-9_])/.test(this.restOfLine());
    if (imag) this.advance();
    this.push('num', imag ? text + 'i' : text, line, col, { value, imag });
  }

  /** 'char' or "string" literal; a doubled quote stands for one. */
  private quoted(q: string, kind: 'char' | 'string', line: number, col: number): void {
    this.advance();
    let value = '';
    for (;;) {
      const c = this.peek();
      if (c === '' || c === '\n') {
        this.diag.error({ line, col }, kind === 'char'
          ? 'Character vector is not terminated properly.'
          : 'String is not terminated properly.');
      }
      this.advance();
      if (q === '"' && c === '\\' && (this.peek() === '"' || this.peek() === '\\' || this.peek() === '\n')) {
        // Octave's escapes in double-quoted strings: \" and \\, and a backslash continuing the line.
        this.diag.octave({ line, col }, 'a backslash escape in a double-quoted string', '"" for a quote (backslashes are literal)');
        const e = this.advance();
        if (e !== '\n') value += e;
        continue;
      }
      if (q === "'" && c === '\\' && this.peek() === "'" && /[A-Za-z0-9]/.test(this.peek(1))) {
        // 'd\'images': \' is no escape in MATLAB or Octave, so the text ends at that quote and the
        // letter after it is a syntax error there. Course scripts write it meaning a quote
        // (transfert_alexnet.m); only text MATLAB rejects is read this way, with a warning.
        this.diag.warn({ line, col }, "\\' is not an escape in MATLAB, which rejects this line (Invalid expression); read as a quote, which MATLAB writes ''.");
        this.advance();
        value += q;
        continue;
      }
      if (c === q) {
        if (this.peek() === q) {
          this.advance();
          value += q;
          continue;
        }
        break;
      }
      value += c;
    }
    this.push(kind, q + value + q, line, col, { value });
  }

  /**
   * Command syntax: `name word …` at the start of a statement, when `name` is
   * no variable and what follows is neither `=`, `(`, nor a binary operator
   * followed by whitespace (`a - b` is an expression, `a -b` a command).
   */
  private tryCommand(line: number, col: number): boolean {
    const rest = this.restOfLine();
    const m = /^([A-Za-z_]\w*)([ \t]+)(.*)$/.exec(rest);
    if (!m) return false;
    const [, name, gap, after] = m;
    if (KEYWORDS.has(name) || OCTAVE_ENDS.has(name) || OCTAVE_KEYWORDS.has(name) || this.vars.has(name)) return false;
    if (after === '' || /^[;,%#]/.test(after) || after.startsWith('...')) return false;
    if (/^=(?!=)/.test(after) || after.startsWith('(')) return false;
    const binary = /^(==|~=|!=|<=|>=|&&|\|\||\+=|-=|\*=|\/=|\+\+|--|\.\^|\.\*|\.\/|\.\\|[-+*/\\^<>&|:=])/.exec(after);
    if (binary && (/^[ \t]|^$/.test(after.slice(binary[0].length)) || /^[-+*/]=$/.test(binary[0]))) return false;
    if (binary && ['=', '<', '>', '&', '|', '*', '/', '^', '\\', ':'].includes(binary[0][0]) && binary[0] !== '-' && binary[0] !== '+') {
      // `a*b`, `a<b`: no space after the operator but still an expression in practice.
      return false;
    }
    if (after.startsWith('@')) return false;
    const { args, length } = commandWords(after);
    this.push('command', name, line, col, { args });
    this.advance(name.length + gap.length + length);
    return true;
  }
}

/** Split command-syntax text into words: whitespace separates, '…' quotes, ; , % end it. */
function commandWords(text: string): { args: string[]; length: number } {
  const args: string[] = [];
  let i = 0;
  let word: string | null = null;
  while (i < text.length) {
    const c = text[i];
    if (c === ';' || c === ',' || c === '%' || c === '#') break;
    if (c === ' ' || c === '\t') {
      if (word !== null) args.push(word);
      word = null;
      i++;
      continue;
    }
    if (c === "'") {
      let j = i + 1;
      let s = '';
      while (j < text.length) {
        if (text[j] === "'" && text[j + 1] === "'") {
          s += "'";
          j += 2;
        } else if (text[j] === "'") break;
        else s += text[j++];
      }
      word = (word ?? '') + s;
      i = j + 1;
      continue;
    }
    word = (word ?? '') + c;
    i++;
  }
  if (word !== null) args.push(word);
  // Trailing whitespace before ; or % is not part of the statement.
  return { args, length: i };
}
