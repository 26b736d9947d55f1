/** The syntax tree of a MATLAB script or function file. */

interface At {
  line: number;
  col: number;
}

export type Expr =
  | (At & { type: 'num'; value: number; raw: string; imag?: boolean })
  | (At & { type: 'str'; value: string; double: boolean })
  | (At & { type: 'ident'; name: string })
  | (At & { type: 'colon' }) // a bare `:` subscript
  | (At & { type: 'end' }) // `end` inside a subscript
  | (At & { type: 'tilde' }) // `~` in `[~, i] = …`
  | (At & { type: 'binary'; op: string; left: Expr; right: Expr })
  | (At & { type: 'unary'; op: string; operand: Expr })
  | (At & { type: 'postfix'; op: string; operand: Expr })
  | (At & { type: 'range'; start: Expr; step?: Expr; stop: Expr })
  | (At & { type: 'index'; base: Expr; brace: boolean; args: Expr[] })
  | (At & { type: 'field'; base: Expr; name?: string; dynamic?: Expr })
  | (At & { type: 'matrix'; cell: boolean; rows: Expr[][] })
  | (At & { type: 'anon'; params: string[]; body: Expr })
  | (At & { type: 'handle'; name: string })
  | (At & { type: 'assignExpr'; target: Expr; value: Expr }); // Octave: (x = f()) inside an expression

export type Stmt =
  | (At & { type: 'expr'; expr: Expr; display: boolean; comment?: string })
  | (At & { type: 'assign'; targets: Expr[]; rhs: Expr; display: boolean; comment?: string; octaveOp?: string })
  | (At & { type: 'command'; name: string; args: string[]; display: boolean; comment?: string })
  | (At & { type: 'comment'; text: string; block: boolean })
  | (At & { type: 'if'; clauses: { cond: Expr; body: Stmt[]; line: number }[]; elseBody?: Stmt[]; elseLine?: number; endLine: number })
  | (At & { type: 'for'; variable: string; iter: Expr; body: Stmt[]; endLine: number; parfor: boolean })
  | (At & { type: 'while'; cond: Expr; body: Stmt[]; endLine: number })
  | (At & { type: 'switch'; subject: Expr; cases: { values: Expr; body: Stmt[]; line: number }[]; otherwise?: Stmt[]; otherwiseLine?: number; endLine: number })
  | (At & { type: 'try'; body: Stmt[]; catchVar?: string; catchBody: Stmt[]; catchLine?: number; endLine: number; cleanup?: Stmt[] })
  | (At & { type: 'do'; body: Stmt[]; cond: Expr; endLine: number })
  | (At & { type: 'decl'; keyword: 'global' | 'persistent'; names: string[] })
  | (At & { type: 'unsupported'; what: string })
  | (At & { type: 'break' | 'continue' | 'return'; comment?: string });

export interface FunctionDef extends At {
  name: string;
  params: string[];
  outputs: string[];
  body: Stmt[];
  endLine: number;
  /** Functions nested inside this one (they share its variables). */
  nested?: FunctionDef[];
}

export interface Program {
  file: string;
  /** 'script': statements (and local functions at the end); 'function': a function file. */
  kind: 'script' | 'function' | 'classdef';
  body: Stmt[];
  functions: FunctionDef[];
}

/** Every sub-expression of `e`, `e` first. */
export function* walkExpr(e: Expr): Generator<Expr> {
  yield e;
  switch (e.type) {
    case 'binary': yield* walkExpr(e.left); yield* walkExpr(e.right); break;
    case 'unary': case 'postfix': yield* walkExpr(e.operand); break;
    case 'range': yield* walkExpr(e.start); if (e.step) yield* walkExpr(e.step); yield* walkExpr(e.stop); break;
    case 'index': yield* walkExpr(e.base); for (const a of e.args) yield* walkExpr(a); break;
    case 'field': yield* walkExpr(e.base); if (e.dynamic) yield* walkExpr(e.dynamic); break;
    case 'matrix': for (const r of e.rows) for (const x of r) yield* walkExpr(x); break;
    case 'anon': yield* walkExpr(e.body); break;
    case 'assignExpr': yield* walkExpr(e.target); yield* walkExpr(e.value); break;
    default: break;
  }
}

/** Statements nested in `s` (bodies of blocks), `s` first. */
export function* walkStmts(list: readonly Stmt[]): Generator<Stmt> {
  for (const s of list) {
    yield s;
    switch (s.type) {
      case 'if': for (const c of s.clauses) yield* walkStmts(c.body); if (s.elseBody) yield* walkStmts(s.elseBody); break;
      case 'for': case 'while': case 'do': yield* walkStmts(s.body); break;
      case 'switch': for (const c of s.cases) yield* walkStmts(c.body); if (s.otherwise) yield* walkStmts(s.otherwise); break;
      case 'try': yield* walkStmts(s.body); yield* walkStmts(s.catchBody); if (s.cleanup) yield* walkStmts(s.cleanup); break;
      default: break;
    }
  }
}

/** Expressions a statement evaluates directly (not those of nested statements). */
export function stmtExprs(s: Stmt): Expr[] {
  switch (s.type) {
    case 'expr': return [s.expr];
    case 'assign': return [...s.targets, s.rhs];
    case 'if': return s.clauses.map((c) => c.cond);
    case 'for': return [s.iter];
    case 'while': case 'do': return [s.cond];
    case 'switch': return [s.subject, ...s.cases.map((c) => c.values)];
    default: return [];
  }
}

/** The variable an assignment target writes to (`x` of `x(3).f = …`), or undefined for `~`. */
export function targetName(t: Expr): string | undefined {
  let e = t;
  while (e.type === 'index' || e.type === 'field') e = e.base;
  return e.type === 'ident' ? e.name : undefined;
}
