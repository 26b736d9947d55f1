/**
 * Name analysis of one script or function body, the MATLAB way: a name
 * assigned in the body is a variable; a name never assigned is a function
 * (or, after a `load` without outputs, maybe a loaded variable). It also
 * decides how each variable is declared in TypeScript: `const` (assigned
 * once, at the top level, before any use), `let` at its first assignment,
 * a loop-header `let`, or hoisted to the top of the body.
 */
import { targetName, type Expr, type Stmt } from './ast.ts';

export type VarKind = 'const' | 'let' | 'loop' | 'hoist' | 'param';

export interface ScopeInfo {
  kinds: Map<string, VarKind>;
  /** Variables modified in place (`x(i) = …`, `x.f = …`): aliasing them needs a copy. */
  mutated: Set<string>;
  /** Variables whose parts are modified in place (`s.f(2) = …`): aliasing a part needs a copy. */
  deepMutated: Set<string>;
  /** Variables that are read somewhere. */
  read: Set<string>;
  /** The statement that declares each const/let variable. */
  declaredAt: Map<string, Stmt>;
  /** Names a `load` without outputs may define, per load statement. */
  loadTargets: Map<Stmt, string[]>;
  /** Variables assigned textually before each `save`/`clear` command. */
  assignedBefore: Map<Stmt, string[]>;
  /** Variables that hold anonymous functions (calls through them may need await). */
  handles: Set<string>;
  /** Hoisted variables assigned at the top level before any read: they exist after that statement. */
  sure: Map<string, Stmt>;
  usesAns: boolean;
}

interface Assignment {
  name: string;
  order: number;
  depth: number;
  plain: boolean; // `x = …` (not indexed, not from a loop or catch)
  stmt: Stmt;
  loop: boolean;
}

const isLoadCall = (e: Expr) =>
  (e.type === 'ident' && e.name === 'load') || (e.type === 'index' && !e.brace && e.base.type === 'ident' && e.base.name === 'load');

/** Whether a statement is `load …` with no outputs (variables appear in the workspace). */
export function isPoofingLoad(s: Stmt): boolean {
  if (s.type === 'command') return s.name === 'load';
  return s.type === 'expr' && isLoadCall(s.expr);
}

export function analyseScope(body: readonly Stmt[], params: readonly string[], outputs: readonly string[], isFunction: (name: string) => boolean): ScopeInfo {
  const assignments: Assignment[] = [];
  const reads = new Map<string, { order: number; inLoopOf: Set<string> }[]>();
  const mutated = new Set<string>();
  const deepMutated = new Set<string>();
  const handles = new Set<string>();
  const loads: { stmt: Stmt; order: number }[] = [];
  const snapshots: { stmt: Stmt; order: number }[] = [];
  let order = 0;
  let usesAns = false;

  const noteRead = (name: string, loops: Set<string>) => {
    if (!reads.has(name)) reads.set(name, []);
    reads.get(name)!.push({ order, inLoopOf: loops });
  };
  // Reads of an expression; the parameters of an anonymous function shadow the enclosing names.
  const exprReads = (e: Expr, loops: Set<string>) => {
    const visit = (x: Expr, locals: ReadonlySet<string>): void => {
      switch (x.type) {
        case 'ident': if (!locals.has(x.name)) noteRead(x.name, loops); return;
        case 'anon': visit(x.body, new Set([...locals, ...x.params])); return;
        case 'binary': visit(x.left, locals); visit(x.right, locals); return;
        case 'unary': case 'postfix': visit(x.operand, locals); return;
        case 'range': visit(x.start, locals); if (x.step) visit(x.step, locals); visit(x.stop, locals); return;
        case 'index': visit(x.base, locals); x.args.forEach((a) => visit(a, locals)); return;
        case 'field': visit(x.base, locals); if (x.dynamic) visit(x.dynamic, locals); return;
        case 'matrix': x.rows.forEach((r) => r.forEach((y) => visit(y, locals))); return;
        case 'assignExpr': visit(x.value, locals); return;
        default: return;
      }
    };
    visit(e, new Set());
  };

  const visit = (list: readonly Stmt[], depth: number, loops: Set<string>) => {
    for (const s of list) {
      order++;
      switch (s.type) {
        case 'expr':
          exprReads(s.expr, loops);
          if (isPoofingLoad(s)) loads.push({ stmt: s, order });
          break;
        case 'command':
          if (s.name === 'load') loads.push({ stmt: s, order });
          if (s.name === 'save' || s.name === 'clear' || s.name === 'clearvars') snapshots.push({ stmt: s, order });
          if (s.name === 'save') s.args.slice(1).filter((a) => !a.startsWith('-')).forEach((a) => noteRead(a, loops));
          break;
        case 'assign': {
          exprReads(s.rhs, loops);
          for (const t of s.targets) {
            const name = targetName(t);
            if (!name) continue;
            if (t.type !== 'ident') {
              mutated.add(name);
              if (!(t.type === 'field' && t.base.type === 'ident')) deepMutated.add(name);
              exprReads(t, loops); // subscripts and the base are read
            }
            if (s.rhs.type === 'anon' && t.type === 'ident') handles.add(name);
            assignments.push({ name, order, depth, plain: t.type === 'ident', stmt: s, loop: false });
          }
          break;
        }
        case 'if':
          s.clauses.forEach((c) => { exprReads(c.cond, loops); visit(c.body, depth + 1, loops); });
          if (s.elseBody) visit(s.elseBody, depth + 1, loops);
          break;
        case 'for': {
          exprReads(s.iter, loops);
          assignments.push({ name: s.variable, order, depth: depth + 1, plain: false, stmt: s, loop: true });
          visit(s.body, depth + 1, new Set([...loops, s.variable]));
          break;
        }
        case 'while':
          exprReads(s.cond, loops);
          visit(s.body, depth + 1, loops);
          break;
        case 'do':
          visit(s.body, depth + 1, loops);
          exprReads(s.cond, loops);
          break;
        case 'switch':
          exprReads(s.subject, loops);
          s.cases.forEach((c) => { exprReads(c.values, loops); visit(c.body, depth + 1, loops); });
          if (s.otherwise) visit(s.otherwise, depth + 1, loops);
          break;
        case 'try':
          visit(s.body, depth + 1, loops);
          if (s.catchVar) assignments.push({ name: s.catchVar, order, depth: depth + 1, plain: false, stmt: s, loop: true });
          visit(s.catchBody, depth + 1, s.catchVar ? new Set([...loops, s.catchVar]) : loops);
          if (s.cleanup) visit(s.cleanup, depth + 1, loops);
          break;
        default:
          break;
      }
    }
  };
  visit(body, 0, new Set());
  usesAns = reads.has('ans');

  const assignedNames = new Set(assignments.map((a) => a.name));
  const kinds = new Map<string, VarKind>();
  const declaredAt = new Map<string, Stmt>();
  for (const p of params) kinds.set(p, 'param');

  // Names a load may define: assigned variables and unresolved names read after it.
  const loadTargets = new Map<Stmt, string[]>();
  for (const l of loads) {
    const explicit = l.stmt.type === 'command' ? l.stmt.args.slice(1).filter((a) => !a.startsWith('-')) : [];
    const after = [...reads.entries()].filter(([, rs]) => rs.some((r) => r.order > l.order)).map(([n]) => n);
    const candidates = explicit.length > 0 ? explicit : after.filter((n) => assignedNames.has(n) || !isFunction(n));
    loadTargets.set(l.stmt, candidates);
    for (const n of candidates) if (!kinds.has(n)) kinds.set(n, 'hoist');
  }
  const cleared = new Set<string>();
  const assignedBefore = new Map<Stmt, string[]>();
  for (const snap of snapshots) {
    const before = [...new Set(assignments.filter((a) => a.order < snap.order && !a.loop).map((a) => a.name))];
    const loaded = [...loadTargets.entries()].filter(([st]) => loads.find((l) => l.stmt === st)!.order < snap.order).flatMap(([, n]) => n);
    const names = [...new Set([...params, ...before, ...loaded])];
    assignedBefore.set(snap.stmt, names);
    if (snap.stmt.type === 'command' && snap.stmt.name !== 'save') names.forEach((n) => cleared.add(n));
  }

  for (const name of assignedNames) {
    if (kinds.has(name)) continue;
    const mine = assignments.filter((a) => a.name === name);
    const first = mine[0];
    const myReads = reads.get(name) ?? [];
    if (mine.every((a) => a.loop) && myReads.every((r) => r.inLoopOf.has(name)) && !outputs.includes(name)) {
      kinds.set(name, 'loop');
      continue;
    }
    const readBefore = myReads.some((r) => r.order < first.order);
    const sameStatementRead = myReads.some((r) => r.order === first.order);
    if (first.depth === 0 && first.plain && !readBefore && !sameStatementRead && !cleared.has(name) && !outputs.includes(name)) {
      const once = mine.length === 1 && !mutated.has(name) && first.stmt.type === 'assign';
      kinds.set(name, once ? 'const' : 'let');
      declaredAt.set(name, first.stmt);
    } else kinds.set(name, 'hoist');
  }
  for (const o of outputs) if (!kinds.has(o)) kinds.set(o, 'hoist');
  // Hoisted variables first assigned at the top level, before any read, exist from then on.
  const sure = new Map<string, Stmt>();
  const loaded = new Set([...loadTargets.values()].flat());
  for (const [name, kind] of kinds) {
    if (kind !== 'hoist' || loaded.has(name) || cleared.has(name)) continue;
    const first = assignments.find((a) => a.name === name);
    const firstRead = (reads.get(name) ?? [])[0];
    if (first && first.depth === 0 && !first.loop && (!firstRead || firstRead.order > first.order || (!first.plain && firstRead.order === first.order))) sure.set(name, first.stmt);
  }
  // A multiple assignment declares all its targets together, or none of them.
  for (const a of assignments) {
    if (a.stmt.type !== 'assign' || a.stmt.targets.length < 2) continue;
    const names = a.stmt.targets.map(targetName).filter((n): n is string => !!n);
    const allConst = names.every((n) => kinds.get(n) === 'const' && declaredAt.get(n) === a.stmt);
    if (!allConst) for (const n of names) if (declaredAt.get(n) === a.stmt) { kinds.set(n, 'hoist'); declaredAt.delete(n); }
  }
  if (usesAns && !kinds.has('ans')) kinds.set('ans', 'hoist');
  return { kinds, mutated, deepMutated, read: new Set(reads.keys()), declaredAt, loadTargets, assignedBefore, handles, sure, usesAns };
}
