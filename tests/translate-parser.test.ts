/**
 * The MATLAB parser: precedence, subscripts with end, anonymous functions
 * and handles, multiple assignment with ~, every control-flow form, local
 * functions and function files, and MATLAB-worded syntax errors.
 */
import { describe, it, expect } from 'vitest';
import { parse } from '../src/translate/parser.ts';
import { Diagnostics, MatlabSyntaxError } from '../src/translate/diagnostics.ts';
import { translateSource } from '../src/translate/translate.ts';
import type { Expr, Stmt } from '../src/translate/ast.ts';

/** An expression as a Lisp-like string, to compare trees briefly. */
function sx(e: Expr): string {
  switch (e.type) {
    case 'num': return String(e.value);
    case 'str': return e.double ? `"${e.value}"` : `'${e.value}'`;
    case 'ident': return e.name;
    case 'colon': return ':';
    case 'end': return 'END';
    case 'tilde': return '~';
    case 'binary': return `(${e.op} ${sx(e.left)} ${sx(e.right)})`;
    case 'unary': return `(${e.op}u ${sx(e.operand)})`;
    case 'postfix': return `(${e.op} ${sx(e.operand)})`;
    case 'range': return `(: ${sx(e.start)}${e.step ? ' ' + sx(e.step) : ''} ${sx(e.stop)})`;
    case 'index': return `${sx(e.base)}${e.brace ? '{' : '('}${e.args.map(sx).join(' ')}${e.brace ? '}' : ')'}`;
    case 'field': return `${sx(e.base)}.${e.name ?? `(${sx(e.dynamic!)})`}`;
    case 'matrix': return `${e.cell ? '{' : '['}${e.rows.map((r) => r.map(sx).join(' ')).join('; ')}${e.cell ? '}' : ']'}`;
    case 'anon': return `@(${e.params.join(' ')}) ${sx(e.body)}`;
    case 'handle': return `@${e.name}`;
    case 'assignExpr': return `(= ${sx(e.target)} ${sx(e.value)})`;
  }
}

const body = (src: string) => parse(src, 't.m').body;
const rhs = (src: string) => {
  const s = body(src)[0];
  if (s.type === 'assign') return sx(s.rhs);
  if (s.type === 'expr') return sx(s.expr);
  throw new Error(s.type);
};

function syntaxError(src: string): string {
  try {
    parse(src, 'bad.m');
  } catch (e) {
    if (e instanceof MatlabSyntaxError) return e.message;
    throw e;
  }
  throw new Error('no error');
}

describe('expressions', () => {
  it("follows MATLAB's precedence", () => {
    expect(rhs('x = -2^2')).toBe('(-u (^ 2 2))');
    expect(rhs('x = 2^-1')).toBe('(^ 2 -1)');
    expect(rhs('x = a + b * c')).toBe('(+ a (* b c))');
    expect(rhs('x = 1:n+1')).toBe('(: 1 (+ n 1))');
    expect(rhs('x = 1:2:10')).toBe('(: 1 2 10)');
    expect(rhs('x = a < b == c')).toBe('(== (< a b) c)');
    expect(rhs('x = a | b & c')).toBe('(| a (& b c))');
    expect(rhs('x = a || b && c')).toBe('(|| a (&& b c))');
    expect(rhs('x = ~a == b')).toBe('(== (~u a) b)');
    expect(rhs("x = a'*b")).toBe("(* (' a) b)");
    expect(rhs('x = 2^3^2')).toBe('(^ (^ 2 3) 2)');
  });
  it('subscripts, end, colon, fields and cells', () => {
    expect(rhs('y = x(end)')).toBe('x(END)');
    expect(rhs('y = x(end-1, :)')).toBe('x((- END 1) :)');
    expect(rhs('y = x([1 end])')).toBe('x([1 END])');
    expect(rhs('y = s.data{2}(3)')).toBe('s.data{2}(3)');
    expect(rhs('y = s.(name)')).toBe('s.(name)');
    expect(rhs('y = ds.Files{perm(i)}')).toBe('ds.Files{perm(i)}');
  });
  it('matrices and cells, rows by ; or newline', () => {
    expect(rhs('m = [1 2; 3 4]')).toBe('[1 2; 3 4]');
    expect(rhs('m = [1 2\n3 4]')).toBe('[1 2; 3 4]');
    expect(rhs('m = [1 -1]')).toBe('[1 -1]');
    expect(rhs('m = [1 - 1]')).toBe('[(- 1 1)]');
    expect(rhs("m = [a' b']")).toBe("[(' a) (' b)]");
    expect(rhs("c = {1, 'a'; \"s\", []}")).toBe("{1 'a'; \"s\" []}");
    expect(rhs('m = []')).toBe('[]');
  });
  it('anonymous functions and handles', () => {
    expect(rhs('f = @(x) x.^2 + 1')).toBe('@(x) (+ (.^ x 2) 1)');
    expect(rhs('f = @(x, y) x + y')).toBe('@(x y) (+ x y)');
    expect(rhs('g = @sin')).toBe('@sin');
    expect(rhs('c = {@(x) x+1, @cos}')).toBe('{@(x) (+ x 1) @cos}');
    expect(rhs('f = @() disp(1)')).toBe('@() disp(1)');
  });
});

describe('statements', () => {
  it('[a, ~] = f(…) has two targets, the second a placeholder', () => {
    const s = body('[m, ~] = max(v);')[0] as Extract<Stmt, { type: 'assign' }>;
    expect(s.targets.map(sx)).toEqual(['m', '~']);
    expect(s.display).toBe(false);
  });
  it('a statement without ; displays, with ; it does not; a trailing comment is kept', () => {
    const [a, b] = body('x = 1 % one\ny = 2;');
    expect(a.type === 'assign' && a.display && a.comment).toBe('% one');
    expect(b.type === 'assign' && b.display).toBe(false);
  });
  it('if/elseif/else, for, while, switch with cell cases, try/catch, break/continue/return', () => {
    const src = [
      'if a, x = 1; elseif b, x = 2; else, x = 3; end',
      'for k = M, s = s + k; end',
      'while true, break; end',
      "switch name\n  case {'a', 'b'}\n    y = 1;\n  case 'c'\n    y = 2;\n  otherwise\n    y = 3;\nend",
      'try\n  error("x");\ncatch err\n  disp(err.message);\nend',
      'for i = 1:3\n  if i == 2, continue; end\n  return\nend',
    ].join('\n');
    const [iff, forS, whileS, sw, tr, loop] = body(src);
    expect(iff.type === 'if' && iff.clauses.length === 2 && iff.elseBody?.length).toBe(1);
    expect(forS.type === 'for' && forS.variable === 'k' && sx(forS.iter)).toBe('M');
    expect(whileS.type === 'while' && whileS.body[0].type).toBe('break');
    expect(sw.type === 'switch' && sw.cases.map((c) => sx(c.values))).toEqual(["{'a' 'b'}", "'c'"]);
    expect(sw.type === 'switch' && sw.otherwise?.length).toBe(1);
    expect(tr.type === 'try' && tr.catchVar).toBe('err');
    expect(loop.type === 'for' && loop.body.map((s) => s.type)).toEqual(['if', 'return']);
  });
  it('for (i = 1:n) with parentheses', () => {
    const s = body('for (i = 1:n)\n x = i;\nend')[0];
    expect(s.type === 'for' && sx(s.iter)).toBe('(: 1 n)');
  });
  it('command syntax becomes a command statement', () => {
    const s = body('save DataAutoEncoder autoenc1')[0];
    expect(s.type === 'command' && [s.name, ...s.args]).toEqual(['save', 'DataAutoEncoder', 'autoenc1']);
  });
  it('Octave x += 1 and x++ become assignments', () => {
    const [a, b] = body('x += 2;\nx++;');
    expect(a.type === 'assign' && sx(a.rhs)).toBe('(+ x 2)');
    expect(b.type === 'assign' && sx(b.rhs)).toBe('(+ x 1)');
  });
});

describe('functions', () => {
  it('local functions at the end of a script', () => {
    const p = parse('y = twice(3);\nfunction r = twice(x)\n  r = 2*x;\nend\nfunction [a, b] = two()\n  a = 1; b = 2;\nend', 's.m');
    expect(p.kind).toBe('script');
    expect(p.functions.map((f) => [f.name, f.params, f.outputs])).toEqual([['twice', ['x'], ['r']], ['two', [], ['a', 'b']]]);
  });
  it('a function file, with or without end, with a subfunction', () => {
    const p = parse('function out = main(a, ~)\nout = helper(a);\n\nfunction h = helper(x)\nh = x;\n', 'main.m');
    expect(p.kind).toBe('function');
    expect(p.functions.map((f) => f.name)).toEqual(['main', 'helper']);
    expect(p.functions[0].params).toEqual(['a', '~']);
  });
});

describe('syntax errors in MATLAB\'s words, with file, line and column', () => {
  it('a missing end', () => {
    expect(syntaxError('x = 1;\nif x\n  y = 2;\n')).toBe(
      "Error: File: bad.m Line: 2 Column: 1\nAt least one END is missing: the statement that begins here ('if', line 2) has no matching end.");
  });
  it('an end too many', () => {
    expect(syntaxError('x = 1;\nend')).toBe('Error: File: bad.m Line: 2 Column: 1\nIllegal use of reserved keyword "end".');
  });
  it('juxtaposed values inside parentheses (transfert_alexnet.m\'s d\\\'images is read as a quote instead: tests/translate-lexer.test.ts)', () => {
    expect(syntaxError("fprintf('Nombre d'images total : %i\\n', n);")).toBe(
      'Error: File: bad.m Line: 1 Column: 19\nInvalid expression. Check for missing multiplication operator, missing or unbalanced delimiters, or other syntax error.');
  });
  it('unbalanced delimiters', () => {
    expect(syntaxError('x = (1 + 2;')).toMatch(/^Error: File: bad.m Line: 1 Column: \d+\n/);
    expect(syntaxError('x = 1 + 2)')).toBe("Error: File: bad.m Line: 1 Column: 10\nInvalid use of ')': there is no matching opening delimiter.");
  });
  it('an incomplete statement', () => {
    expect(syntaxError('x = 1 +')).toBe('Error: File: bad.m Line: 1 Column: 8\nThis statement is incomplete.');
  });
  it('unsupported constructs parse, and their translation names them and their line', () => {
    const translated = (src: string) => {
      try {
        translateSource(src, 'bad.m', '../src/index.ts');
      } catch (e) {
        if (e instanceof MatlabSyntaxError) return e.message;
        throw e;
      }
      throw new Error('no error');
    };
    expect(parse('x = 1;\nglobal g', 'bad.m').body[1].type).toBe('decl');
    expect(translated('x = 1;\nglobal g')).toBe('Error: File: bad.m Line: 2 Column: 1\nUnsupported construct at line 2: global variables cannot be translated.');
    expect(translated('function f()\npersistent n\nend')).toBe('Error: File: bad.m Line: 2 Column: 1\nUnsupported construct at line 2: persistent variables cannot be translated.');
    const cls = 'classdef Foo < handle\n  properties\n    x = 1\n  end\n  methods\n    function r = get(obj)\n      r = obj.x(end);\n    end\n  end\nend';
    expect(parse(cls, 'Foo.m').functions.map((f) => f.name)).toEqual(['get']);
    expect(translated(cls)).toBe('Error: File: bad.m Line: 1 Column: 1\nUnsupported construct at line 1: classdef (class definitions) cannot be translated.');
    const nested = 'function outer()\n  y = inner();\n  function r = inner()\n    r = 1;\n  end\nend';
    expect(parse(nested, 'outer.m').functions[0].nested?.map((f) => f.name)).toEqual(['inner']);
    expect(translated(nested)).toBe('Error: File: bad.m Line: 3 Column: 3\nUnsupported construct at line 3: nested functions cannot be translated.');
    expect(translated('x = 3 + 2i;')).toBe('Error: File: bad.m Line: 1 Column: 9\nUnsupported construct at line 1: complex numbers cannot be translated.');
  });
  it("Octave-only forms parse and are reported: unwind_protect, do…until, default parameters, x++ in expressions, 1_000", () => {
    const diag = new Diagnostics('o.m');
    const p = parse('function f(a = 1)\n  unwind_protect\n    do\n      k = v{i++};\n    until k > 1_000\n  unwind_protect_cleanup\n    disp(1);\n  end_unwind_protect\nendfunction', 'o.m', diag);
    expect(p.functions[0].body[0].type).toBe('try');
    expect(diag.notes.map((n) => n.message.split(' is Octave')[0]).sort()).toEqual([
      'a default parameter value', "'unwind_protect'", "'do'", "'++' inside an expression", "'until'", "'1_000' (digit separators)",
      "'unwind_protect_cleanup'", "'end_unwind_protect'", "'endfunction'"].sort());
  });
});
