/**
 * The MATLAB lexer's subtle rules (MISS_HIT's LEXING_ISSUES.md): whitespace
 * inside brackets, quote vs transpose, comments, continuations, command
 * syntax, and Octave's extensions reported as such.
 */
import { describe, it, expect } from 'vitest';
import { lex, type Token } from '../src/translate/lexer.ts';
import { Diagnostics, MatlabSyntaxError } from '../src/translate/diagnostics.ts';
import { parse } from '../src/translate/parser.ts';

function tokens(src: string, diag = new Diagnostics('t.m')): Token[] {
  return lex(src, diag);
}
/** Compact view: kind:text, implicit separators as ⟨,⟩ and ⟨;⟩. */
function view(src: string): string {
  return tokens(src).filter((t) => t.kind !== 'eof').map((t) => {
    if (t.implicit) return t.kind === ',' ? '⟨,⟩' : '⟨;⟩';
    if (t.kind === 'command') return `cmd:${t.text}[${t.args!.join('|')}]`;
    if (t.kind === 'newline') return 'NL';
    return t.kind === 'op' || t.kind === ',' || t.kind === ';' || /^[()[\]{}]$/.test(t.kind) ? t.text : `${t.kind}:${t.text}`;
  }).join(' ');
}

describe('whitespace inside [] and {}', () => {
  it('[1 -1] has two elements, [1 - 1] and [1 -  1]... one expression', () => {
    expect(view('[1 -1]')).toBe('[ num:1 ⟨,⟩ - num:1 ]');
    expect(view('[1 - 1]')).toBe('[ num:1 - num:1 ]');
    expect(view('[1 -1 +2]')).toBe('[ num:1 ⟨,⟩ - num:1 ⟨,⟩ + num:2 ]');
  });
  it("[a' b'] transposes both; [a 'b'] is a name and a char", () => {
    expect(view("[a' b']")).toBe("[ ident:a ' ⟨,⟩ ident:b ' ]");
    expect(view("[a 'b']")).toBe("[ ident:a ⟨,⟩ char:'b' ]");
  });
  it('f (1) inside brackets is two elements, outside a call', () => {
    expect(view('[f (1)]')).toBe('[ ident:f ⟨,⟩ ( num:1 ) ]');
    expect(view('x = f (1)')).toBe('ident:x = ident:f ( num:1 )');
  });
  it('a newline inside brackets ends a row; one after a comma or semicolon does not add one', () => {
    expect(view('[1 2\n3 4]')).toBe('[ num:1 ⟨,⟩ num:2 ⟨;⟩ num:3 ⟨,⟩ num:4 ]');
    expect(view('[1;\n2]')).toBe('[ num:1 ; num:2 ]');
  });
  it('@(x) body inside braces keeps its body together', () => {
    expect(view('{@(x) x+1, 2}')).toBe('{ @ ( ident:x ) ident:x + num:1 , num:2 }');
  });
  it('~ before a comma is a placeholder, ~= an operator', () => {
    expect(view('[a ~=b]')).toBe('[ ident:a ~= ident:b ]');
    expect(view('[~, i]')).toBe('[ ~ , ident:i ]');
  });
});

describe("' as transpose or quote", () => {
  it('after a value it transposes, elsewhere it quotes', () => {
    expect(view("x = a'")).toBe("ident:x = ident:a '");
    expect(view("x = a(1)'")).toBe("ident:x = ident:a ( num:1 ) '");
    expect(view("x = 'it''s'")).toBe("ident:x = char:'it's'");
    expect(view("x = a.'")).toBe("ident:x = ident:a .'");
    expect(view("x = [1 2]''")).toBe("ident:x = [ num:1 ⟨,⟩ num:2 ] ' '");
  });
  it('"…" is a string with "" for a quote', () => {
    const t = tokens('s = "say ""hi"""')[2];
    expect(t.kind).toBe('string');
    expect(t.value).toBe('say "hi"');
  });
  it("'d\\'images' (transfert_alexnet.m) reads \\' as a quote, with a warning; valid \\' endings stay as MATLAB reads them", () => {
    const diag = new Diagnostics('t.m');
    const t = tokens("fprintf('Nombre d\\'images pour l\\'entraînement\\n')", diag)[2];
    expect(t.kind).toBe('char');
    expect(t.value).toBe("Nombre d'images pour l'entraînement\\n");
    expect(diag.format()).toEqual([
      "t.m:1:9: Warning: \\' is not an escape in MATLAB, which rejects this line (Invalid expression); read as a quote, which MATLAB writes ''.",
      "t.m:1:9: Warning: \\' is not an escape in MATLAB, which rejects this line (Invalid expression); read as a quote, which MATLAB writes ''.",
    ]);
    // A char vector ending in a backslash, as MATLAB reads it: the quote closes it.
    expect(view("p = ['C:\\' name]")).toBe("ident:p = [ char:'C:\\' ⟨,⟩ ident:name ]");
    expect(view("s = 'a\\';")).toBe("ident:s = char:'a\\' ;");
  });
  it('an unterminated char vector is MATLAB\'s error, with line and column', () => {
    expect(() => tokens("x = 1;\ny = 'abc")).toThrowError(MatlabSyntaxError);
    try {
      tokens("x = 1;\ny = 'abc");
    } catch (e) {
      expect((e as MatlabSyntaxError).message).toBe('Error: File: t.m Line: 2 Column: 5\nCharacter vector is not terminated properly.');
    }
  });
});

describe('comments and continuations', () => {
  it('% runs to the end of the line, not inside a char vector', () => {
    expect(view("x = '50%' % a note")).toBe("ident:x = char:'50%' comment:% a note");
  });
  it('%{ … %} on lines of their own is a block comment, nested ones too', () => {
    const t = tokens('a = 1;\n%{\nhidden = 2;\n%{\ninner\n%}\n%}\nb = 3;');
    const comment = t.find((x) => x.kind === 'comment')!;
    expect(comment.value).toBe('block');
    expect(comment.text.split('\n')).toHaveLength(6);
    expect(t.filter((x) => x.kind === 'ident').map((x) => x.text)).toEqual(['a', 'b']);
  });
  it('%{ with text after it is a line comment', () => {
    expect(view('%{ not a block\nx')).toBe('comment:%{ not a block NL ident:x');
  });
  it('... continues the statement and comments out the rest of the line', () => {
    expect(view('x = f(1, ... first\n  2)')).toBe('ident:x = ident:f ( num:1 , num:2 )');
    expect(view('[1 ...\n 2]')).toBe('[ num:1 ⟨,⟩ num:2 ]');
  });
});

describe('command syntax', () => {
  it('clear all, close all, clc, save alldata, load myNet, hold on, format long', () => {
    expect(view('clear all')).toBe('cmd:clear[all]');
    expect(view('close all;')).toBe('cmd:close[all] ;');
    expect(view('clc')).toBe('ident:clc');
    expect(view('save alldata')).toBe('cmd:save[alldata]');
    expect(view('save DataAutoEncoder autoenc1')).toBe('cmd:save[DataAutoEncoder|autoenc1]');
    expect(view('load myNet')).toBe('cmd:load[myNet]');
    expect(view('hold on')).toBe('cmd:hold[on]');
    expect(view('format long')).toBe('cmd:format[long]');
    expect(view("disp 'hello world'")).toBe('cmd:disp[hello world]');
  });
  it('is not command syntax: assignments, calls, binary operators followed by a space, variables', () => {
    expect(view('a = 1')).toBe('ident:a = num:1');
    expect(view('a - b')).toBe('ident:a - ident:b');
    expect(view('disp (x)')).toBe('ident:disp ( ident:x )');
    expect(view('a == b')).toBe('ident:a == ident:b');
    // a is a variable, so `a -1` is a subtraction, not the command a('-1')
    expect(view('a = 2;\na -1')).toBe('ident:a = num:2 ; NL ident:a - num:1');
    expect(view('x -1')).toBe('cmd:x[-1]');
  });
  it('works after a comma or semicolon on the same line', () => {
    expect(view('figure; hold on')).toBe('ident:figure ; cmd:hold[on]');
  });
});

describe('keywords and end', () => {
  it('end inside subscripts is a keyword token the parser turns into a value', () => {
    expect(view('x(end)')).toBe('ident:x ( keyword:end )');
  });
});

describe("Octave's extensions", () => {
  it('# comments, !=, !, endif, ++ and += are accepted and reported', () => {
    const diag = new Diagnostics('o.m');
    const src = '# note\nif x != 1 && !y\n  x++;\n  x += 2;\nendif';
    const t = tokens(src, new Diagnostics('o.m'));
    expect(t.find((x) => x.kind === 'comment')!.text).toBe('# note');
    expect(t.some((x) => x.kind === 'keyword' && x.text === 'end' && x.value === 'endif')).toBe(true);
    parse(src, 'o.m', diag); // the parser reports ++ (a statement here, or inside an expression)
    expect(diag.format().sort()).toEqual([
      "o.m:1:1: Octave: '#' as a comment is Octave syntax; MATLAB writes '%'.",
      "o.m:2:6: Octave: '!=' is Octave syntax; MATLAB writes '~='.",
      "o.m:2:14: Octave: '!' is Octave syntax; MATLAB writes '~'.",
      "o.m:3:4: Octave: '++' is Octave syntax; MATLAB writes 'x = x + 1'.",
      "o.m:4:5: Octave: '+=' is Octave syntax; MATLAB writes 'x = x + …'.",
      "o.m:5:1: Octave: 'endif' is Octave syntax; MATLAB writes 'end'.",
    ].sort());
  });
});
