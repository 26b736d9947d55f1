/**
 * Code generation: MATLAB syntax becomes calls on the runtime, with await on
 * asynchronous toolbox functions, the script's line structure kept, and
 * output that type-checks (the course scripts' translations go through tsc).
 */
import { describe, it, expect } from 'vitest';
import { join, resolve } from 'node:path';
import { translateSource, translateFile } from '../src/translate/translate.ts';
import { ASYNC_FUNCTIONS, TOOLBOX_FUNCTIONS } from '../src/translate/toolboxNames.ts';
import { typecheckTranslations } from './helpers/typecheckTranslations.ts';

const root = resolve(import.meta.dirname, '..');

/** The body lines of the translation of `src` (header and imports dropped). */
function body(src: string): string[] {
  const { code } = translateSource(src, 't.m', '../src/index.ts');
  const lines = code.split('\n');
  const start = lines.findIndex((l) => l === '') + 1;
  // The `void [x]` line that keeps tsc quiet about unused variables is tested on its own.
  return lines.slice(start).filter((l, i, all) => (i < all.length - 1 || l !== '') && !l.startsWith('void ['));
}
const one = (src: string) => body(src).join('\n');

describe('toolbox names', () => {
  it('knows the toolbox functions and which return Promises', () => {
    for (const f of ['trainNetwork', 'classify', 'imread', 'imshow', 'save', 'load', 'readimage', 'predict', 'activations']) {
      expect(ASYNC_FUNCTIONS.has(f), f).toBe(true);
    }
    for (const f of ['zeros', 'fprintf', 'imageDatastore', 'splitEachLabel', 'trainingOptions', 'figure']) {
      expect(TOOLBOX_FUNCTIONS.has(f), f).toBe(true);
      expect(ASYNC_FUNCTIONS.has(f), f).toBe(false);
    }
  });
});

describe('operators and literals', () => {
  it('arithmetic, comparisons and logic become runtime calls; && and || short-circuit', () => {
    expect(one('a = 1; b = 2; c = a .* b + a / b - a * b;')).toContain('const c = minus(plus(times(a, b), mrdivide(a, b)), mtimes(a, b));');
    expect(one('a = 1; y = a == 2 | a ~= 3 & ~a;')).toContain('const y = or(eq(a, 2), and(ne(a, 3), not(a)));');
    expect(one('a = 1; y = a > 0 && a < 5;')).toContain('const y = (truthy(gt(a, 0)) && truthy(lt(a, 5)));');
    expect(one("a = 1; y = a' + a.';")).toContain('const y = plus(ctranspose(a), transpose(a));');
    expect(one('a = 1; y = a ^ 2 + a .^ 2 + a \\ 2;')).toContain('const y = plus(plus(mpower(a, 2), power(a, 2)), mldivide(a, 2));');
  });
  it('a numeric literal operand reads as the element-wise operator; literals alone stay JS numbers', () => {
    expect(one('v = 1; y = v * 0.8;')).toContain('const y = times(v, 0.8);');
    expect(one('v = 1; y = sum(v) / numel(v);')).toContain('const y = rdivide(sum(v), numel(v));');
    expect(one('y = 1 / 3;')).toBe('const y = 1 / 3;');
  });
  it('matrices: literal rows are JS arrays, others concatenate; text joins with +', () => {
    expect(one('m = [1 -1 2];')).toBe('const m = [1, -1, 2];');
    expect(one('m = [1 2; 3 4];')).toBe('const m = vertcat([1, 2], [3, 4]);');
    expect(one('a = 1; m = [a 2; 3 a];')).toBe('const a = 1; const m = vcat(hcat(a, 2), hcat(3, a));');
    expect(one("p = [pwd '\\MNIST\\train'];")).toBe("const p = pwd() + '\\\\MNIST\\\\train';");
    expect(one("c = {1, 'a'};")).toBe("const c = Cell.row([1, 'a']);");
    expect(one('e = [];')).toBe('const e = zeros(0, 0);');
  });
  it('ranges: colon with numbers, range otherwise', () => {
    expect(one('r = 1:2:9;')).toBe('const r = colon(1, 2, 9);');
    expect(one('n = 3; r = 1:n;')).toBe('const n = 3; const r = range(1, n);');
  });
  it('anonymous functions and handles', () => {
    expect(one('f = @(x) x.^2;')).toBe('const f = (x: any) => power(x, 2);');
    expect(one('g = @zeros;')).toBe('const g = zeros;');
  });
});

describe('indexing', () => {
  it('reads with at/brace, end through endOf, fields as properties', () => {
    expect(one('x = 1:3; y = x(end);')).toContain('const y = at(x, endOf(x, 1, 1));');
    expect(one('x = 1:3; y = x(2:end, :);')).toContain("const y = at(x, colon(2, endOf(x, 1, 2)), ':');");
    expect(one("c = {1}; y = c{1};")).toContain('const y = brace(c, 1);');
    expect(one('s.a = 1; y = s.a;')).toBe("let s: any;\ns = setField(s, 'a', 1); const y = s.a;");
  });
  it('writes with setAt/setCell/setField/assign, deletes with deleteAt', () => {
    expect(one('x = zeros(2); x(1, 2) = 5;')).toBe('let x: any = zeros(2); x = setAt(x, [1, 2], 5);');
    expect(one('x = 1:5; x(2) = [];')).toBe('let x: any = colon(1, 5); x = deleteAt(x, [2]);');
    expect(one("c{3} = 'z';")).toBe("let c: any;\nc = setCell(c, [3], 'z');");
    expect(one('s.f = 1;')).toBe("let s: any;\ns = setField(s, 'f', 1);");
    expect(one('s(2).f{3} = 1;')).toBe("let s: any;\ns = assign(s, [{ type: '()', subs: [2] }, { type: '.', name: 'f' }, { type: '{}', subs: [3] }], 1);");
  });
  it('copies on b = a when one of them is modified in place later (MATLAB value semantics)', () => {
    expect(one('a = zeros(2); b = a; b(1) = 1;')).toContain('let b: any = copyValue(a);');
  });
});

describe('statements', () => {
  it("display without ';' (twin style) and the ans rule", () => {
    expect(one('x = 3')).toBe('const x = 3; display({ x });');
    expect(one('3 + 4')).toBe('let ans: any;\nans = 3 + 4; display({ ans });');
    expect(one('a = 3; a + 4')).toBe('let ans: any;\nconst a = 3; ans = plus(a, 4); display({ ans });');
    expect(one('x = 1;\nx')).toBe('const x = 1;\ndisplay({ x });');
    expect(one('figure')).toBe('figure();');
  });
  it('await on asynchronous toolbox calls, none on the others', () => {
    expect(one("img = imread('a.png');\nimshow(img);\nfigure;")).toBe("const img = await imread('a.png');\nawait imshow(img);\nfigure();");
  });
  it('[a, ~] = f(…): destructuring; max/min and size with several outputs', () => {
    expect(one('v = [3 1 2]; [m, ~] = max(v);')).toBe('const v = [3, 1, 2]; const [m, ] = maxWithIndex(v);');
    expect(one('v = [3 1 2]; [m, i] = min(v, [], 2);')).toBe('const v = [3, 1, 2]; const [m, i] = minWithIndex(v, 2);');
    expect(one('x = zeros(2, 3); [r, c] = size(x);')).toBe('const x = zeros(2, 3); const [r, c] = sizeOutputs(x, 2);');
  });
  it('control flow keeps its line structure', () => {
    expect(body('for i = 1:3\n  disp(i);\nend')).toEqual(['for (let i = 1; i <= 3; i++) {', '    disp(i);', '}']);
    expect(body('for v = [1 2; 3 4]\n  disp(v);\nend')).toEqual(['for (const v of columns(vertcat([1, 2], [3, 4]))) {', '    disp(v);', '}']);
    expect(body('k = 0;\nwhile k < 3\n  k = k + 1;\nend')).toEqual(['let k: any = 0;', 'while (truthy(lt(k, 3))) {', '    k = plus(k, 1);', '}']);
    expect(body("x = 2;\nif x == 1\n  disp('a');\nelseif x == 2\n  disp('b');\nelse\n  disp('c');\nend")).toEqual([
      'const x = 2;', 'if (truthy(eq(x, 1))) {', "    disp('a');", '} else if (truthy(eq(x, 2))) {', "    disp('b');", '} else {', "    disp('c');", '}']);
    expect(body("s = 'a';\nswitch s\n  case {'a', 'b'}\n    disp(1);\n  otherwise\n    disp(2);\nend")).toEqual([
      "const s = 'a';", '// switch s', "if (caseMatches(s, Cell.row(['a', 'b']))) {", '    disp(1);', '} else {', '    disp(2);', '}']);
    expect(body("try\n  error('x');\ncatch err\n  disp(err.message);\nend")).toEqual([
      'try {', "    error('x');", '} catch (caught) { const err = toMException(caught);', '    disp(err.message);', '}']);
  });
  it('variables assigned but never read are named once at the end, for tsc', () => {
    const { code } = translateSource('c = 1;\nd = 2;\ndisp(d);', 't.m', '../src/index.ts');
    expect(code.trimEnd().split('\n').pop()).toBe('void [c]; // assigned but never used');
  });
  it('comments and blank lines are kept where they were', () => {
    expect(body('% head\nx = 1; % note\n\n%{\nblock\n%}\ny = 2;')).toEqual([
      '// head', 'const x = 1; // note', '', '/*', 'block', '*/', 'const y = 2;']);
  });
  it('command syntax: clear all, close all, hold on, save, load', () => {
    expect(one('clear all\nclose all\nhold on')).toBe("// clear all — no variables exist yet at this point\nclose('all');\nhold('on');");
    expect(one('a = 1; b = 2;\nsave alldata')).toBe("const a = 1; const b = 2;\nawait save('alldata', { a, b });");
    expect(one('a = 1;\nsave f a')).toBe("const a = 1;\nawait save('f', { a });");
    expect(one('load myNet\ny = net;')).toBe("let net: any;\n({ net = net } = await load('myNet'));\nconst y = defined(net, 'net');");
  });
  it('names resolve the MATLAB way: a variable shadows a function, undecidable cases decide at run time', () => {
    expect(one('size = 3; y = size(1);')).toBe('const size_ = 3; const y = at(size_, 1);');
    expect(one('if 1, zeros = 5; end\ny = zeros(2);')).toContain('const y = (zeros_ !== undefined ? at(zeros_, 2) : zeros(2));');
    expect(one('y = notAFunction(2);')).toBe("const y = unrecognized('notAFunction', 2);");
  });
  it('local functions become (async when needed) functions; several outputs return an array', () => {
    const code = one("y = first(2);\nfunction [a, b] = first(x)\n  a = x; b = imread('f.png');\nend");
    expect(code).toContain('const y = (await first(2))[0];');
    expect(code).toContain('async function first(x?: any): Promise<any> {');
    expect(code).toContain('    return [a, b];');
  });
});

describe('the course scripts', () => {
  it('translate into TypeScript that type-checks (strict)', () => {
    const sources = ['mnist_cnn', 'filtrage_prewitt', 'augmentation', 'autoencodeur'].map((n) => join(root, 'toolbox', `${n}.m`));
    sources.push(...['deepdream', 'activations_alexnet'].map((n) => join(root, '../shared/course/m', `${n}.m`)));
    const r = typecheckTranslations(sources);
    expect(r.output).toBe('');
    expect(r.status).toBe(0);
  });
  it('mnist_cnn.m keeps one .ts line per .m line', () => {
    const t = translateFile(join(root, 'toolbox/mnist_cnn.m'), '../src/index.ts');
    const mapped = t.lineMap.map((m, k) => [m, k] as const).filter(([m, k]) => m > 0 && t.fileMap[k].endsWith('mnist_cnn.m'));
    const offset = mapped[0][1] - (mapped[0][0] - 1);
    expect(mapped.every(([m, k]) => k - (m - 1) === offset)).toBe(true);
  });
});
