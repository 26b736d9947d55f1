import { describe, it, expect } from 'vitest';
import { MArray } from '../src/runtime/marray.ts';
import { Categorical } from '../src/runtime/categorical.ts';
import { Cell } from '../src/runtime/cell.ts';
import { MatlabError } from '../src/runtime/errors.ts';
import { sprintf, fprintf, disp, num2str } from '../src/runtime/format.ts';
import { captureOutput } from '../src/runtime/output.ts';
import { printfFixed, printfExp } from '../src/runtime/durationFormat.ts';
import { VerboseTable } from '../src/train/verboseTable.ts';

describe('sprintf', () => {
  it('recycles the format over all the data, arrays flattened column-major', () => {
    expect(sprintf('%d,', MArray.row([1, 2, 3]))).toBe('1,2,3,');
    expect(sprintf('%d,', MArray.from([1, 2, 3, 4], [2, 2]))).toBe('1,2,3,4,');
    expect(sprintf('%d %s\n', 1, 'a', 2, 'b')).toBe('1 a\n2 b\n');
    expect(sprintf('%d-%d|', 1, MArray.row([2, 3]), 4)).toBe('1-2|3-4|');
  });

  it('stops at the first conversion without data (text before it is kept)', () => {
    expect(sprintf('%d, %d\n', MArray.row([1, 2, 3]))).toBe('1, 2\n3, ');
  });

  it('without data prints the format once with empty conversions', () => {
    expect(sprintf('x=%d\n')).toBe('x=\n');
    expect(sprintf('%d', MArray.zeros([0, 0]))).toBe('');
    expect(sprintf('hello\n', 5)).toBe('hello\n');
  });

  it('%d/%i print integers and switch to %e for non-integers', () => {
    expect(sprintf('%i images lues\n', 60000)).toBe('60000 images lues\n');
    expect(sprintf('%d', Math.PI)).toBe('3.141593e+00');
    expect(sprintf('%d', 1.5)).toBe('1.500000e+00');
    expect(sprintf('%d|%i', NaN, -Infinity)).toBe('NaN|-Inf');
    expect(sprintf('%d', true)).toBe('1');
    expect(sprintf('%d', 2 ** 53)).toBe('9007199254740992');
  });

  it('flags, width and precision', () => {
    expect(sprintf('  Précision : %.2f\n', 0.98765)).toBe('  Précision : 0.99\n');
    expect(sprintf('%5.1f|%-5d|%+d|%05d', 3.14159, 42, 7, -42)).toBe('  3.1|42   |+7|-0042');
    expect(sprintf('%*d', 5, 3)).toBe('    3');
    expect(sprintf('%.3s|%5s|%-4s|', 'abcdef', 'ab', 'c')).toBe('abc|   ab|c   |');
    expect(sprintf('%5.1f', Infinity)).toBe('  Inf');
    expect(sprintf('% d', 5)).toBe(' 5');
  });

  it('%e %g %x %o', () => {
    expect(sprintf('%e', 12345.678)).toBe('1.234568e+04');
    expect(sprintf('%.2E', 0.000123)).toBe('1.23E-04');
    expect(sprintf('%g|%g|%g|%g|%g', 0.0001, 1e-5, 123456789, 100000, 1e6)).toBe('0.0001|1e-05|1.23457e+08|100000|1e+06');
    expect(sprintf('%.3g|%g|%g', 2.5, 0, 0.5)).toBe('2.5|0|0.5');
    expect(sprintf('%x|%X|%o', 255, 255, 8)).toBe('ff|FF|10');
  });

  it('%s and %c with text and numbers', () => {
    expect(sprintf('%s-%s', 'ab', 'cd')).toBe('ab-cd');
    expect(sprintf('%c|', 'ab')).toBe('a|b|');
    expect(sprintf('%d', 'ab')).toBe('9798');
    expect(sprintf('%s', 65)).toBe('A');
    expect(sprintf('%s', 2.5)).toBe('2.500000e+00');
    expect(sprintf("dreem_chl_%i_iter_%i_%s", 3, 10, 'cat')).toBe('dreem_chl_3_iter_10_cat');
  });

  it('a categorical prints its labels with %s', () => {
    const c = Categorical.fromStrings(['dog', 'cat']);
    expect(sprintf('%s;', c)).toBe('dog;cat;');
    expect(sprintf('label %s\n', c.get(2))).toBe('label cat\n');
  });

  it('escapes in the format, %% and literal text', () => {
    expect(sprintf('a\\tb\\n')).toBe('a\tb\n');
    expect(sprintf('\\\\')).toBe('\\');
    expect(sprintf('100%% done')).toBe('100% done');
    expect(sprintf('%d%%\n', 50)).toBe('50%\n');
    expect(sprintf('\\x41\\101')).toBe('AA');
  });

  it('rejects cells and other non-data arguments', () => {
    expect(() => sprintf('%s', Cell.of('a'))).toThrow(MatlabError);
    expect(() => sprintf('%s', { a: 1 })).toThrow(/not defined/);
  });
});

describe('fprintf / disp', () => {
  it('fprintf writes to the output sink and returns the byte count', () => {
    let n = 0;
    const out = captureOutput(() => {
      n = fprintf('%i - %s\n', 3, 'cat');
      fprintf(1, 'x\n');
      fprintf('Chargement des images\n');
    });
    expect(out).toBe('3 - cat\nx\nChargement des images\n');
    expect(n).toBe(8);
    expect(() => fprintf(7, 'x')).toThrow(/Invalid file identifier/);
  });

  it('disp shows values without a name', () => {
    expect(captureOutput(() => disp(5))).toBe('     5\n');
    expect(captureOutput(() => disp(Math.PI))).toBe('    3.1416\n');
    expect(captureOutput(() => disp('hello'))).toBe('hello\n');
    expect(captureOutput(() => disp(MArray.from([1, 3, 2, 4], [2, 2])))).toBe('     1     2\n     3     4\n');
    expect(captureOutput(() => disp(MArray.zeros([0, 0])))).toBe('');
    expect(captureOutput(() => disp(MArray.row([1500.5, 2])))).toBe('   1.0e+03 *\n\n    1.5005    0.0020\n');
  });
});

describe('num2str', () => {
  it('scalars: integers as %d, others with 4 digits after the units', () => {
    expect(num2str(42)).toBe('42');
    expect(num2str(-7)).toBe('-7');
    expect(num2str(Math.PI)).toBe('3.1416');
    expect(num2str(123.456)).toBe('123.456');
    expect(num2str(1234.56789)).toBe('1234.5679');
    expect(num2str(0.5)).toBe('0.5');
    expect(num2str(true)).toBe('1');
    expect(num2str(NaN)).toBe('NaN');
    expect(num2str('text')).toBe('text');
  });

  it('precision and format arguments', () => {
    expect(num2str(Math.PI, 8)).toBe('3.1415927');
    expect(num2str(Math.PI, '%8.3f')).toBe('   3.142');
  });

  it('rows: columns two spaces apart beyond the widest, common indent removed', () => {
    expect(num2str(MArray.row([1, 10, 100]))).toBe('1   10  100');
    expect(num2str(MArray.row([Math.PI, Math.E]))).toBe('3.1416      2.7183');
    expect(num2str(MArray.from([1, 3, 2, 4], [2, 2]))).toBe('1  2\n3  4');
  });
});

describe('one printf for the whole toolbox', () => {
  it("rounds exact ties away from zero, as MATLAB's sprintf (0.25 → '0.3', -0.25 → '-0.3')", () => {
    expect(sprintf('%.1f %.1f %.1f', 0.25, -0.25, 0.75)).toBe('0.3 -0.3 0.8');
    expect(sprintf('%.2f', 0.125)).toBe('0.13');
    expect(sprintf('%.0f %.0f', 0.5, 2.5)).toBe('1 3');
    // Not ties once stored in binary: 0.15 is just below 0.15, 2.675 just below 2.675.
    expect(sprintf('%.1f %.2f', 0.15, 2.675)).toBe('0.1 2.67');
  });

  it('fprintf, sprintf and the training display print %.2f of 0.125 alike', () => {
    const printed = captureOutput(() => fprintf('%.2f', 0.125));
    expect(printed).toBe(sprintf('%.2f', 0.125));
    expect(printfFixed(0.125, 2)).toBe(printed);
    expect(printfExp(1.125e-5, 2)).toBe(sprintf('%.2e', 1.125e-5));
    // The verbose table's 4-decimal loss cell of an exact tie.
    const row = new VerboseTable({ validation: false, regression: false }).row({
      epoch: 1, iteration: 1, elapsedSeconds: 0, miniBatchAccuracy: 50, miniBatchLoss: 0.03125, baseLearnRate: 0.01,
    });
    expect(row).toContain(` ${sprintf('%.4f', 0.03125)} `);
    expect(row).toContain(' 0.0313 ');
  });
});
