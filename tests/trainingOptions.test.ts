import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  TrainingOptionsADAM,
  TrainingOptionsRMSProp,
  TrainingOptionsSGDM,
  formatShort,
  trainingOptions,
} from '../src/train/trainingOptions.ts';

/** Runs fn and returns the MatlabError it throws (fails the test if it does not throw). */
function errorOf(fn: () => unknown): { identifier: string; message: string } {
  try {
    fn();
  } catch (err) {
    return err as { identifier: string; message: string };
  }
  throw new Error('expected an error');
}

const opts = trainingOptions as (solver: unknown, ...nv: unknown[]) => unknown;

describe('trainingOptions defaults', () => {
  it('sgdm has MATLAB defaults', () => {
    const o = trainingOptions('sgdm');
    expect(o).toBeInstanceOf(TrainingOptionsSGDM);
    expect(o.SolverName).toBe('sgdm');
    expect({
      Momentum: o.Momentum, InitialLearnRate: o.InitialLearnRate, LearnRateSchedule: o.LearnRateSchedule,
      LearnRateDropFactor: o.LearnRateDropFactor, LearnRateDropPeriod: o.LearnRateDropPeriod,
      L2Regularization: o.L2Regularization, GradientThresholdMethod: o.GradientThresholdMethod,
      GradientThreshold: o.GradientThreshold, MaxEpochs: o.MaxEpochs, MiniBatchSize: o.MiniBatchSize,
      Verbose: o.Verbose, VerboseFrequency: o.VerboseFrequency, ValidationData: o.ValidationData,
      ValidationFrequency: o.ValidationFrequency, ValidationPatience: o.ValidationPatience, Shuffle: o.Shuffle,
      CheckpointPath: o.CheckpointPath, ExecutionEnvironment: o.ExecutionEnvironment, OutputFcn: o.OutputFcn,
      Plots: o.Plots, ResetInputNormalization: o.ResetInputNormalization,
      BatchNormalizationStatistics: o.BatchNormalizationStatistics,
    }).toEqual({
      Momentum: 0.9, InitialLearnRate: 0.01, LearnRateSchedule: 'none', LearnRateDropFactor: 0.1,
      LearnRateDropPeriod: 10, L2Regularization: 1e-4, GradientThresholdMethod: 'l2norm',
      GradientThreshold: Infinity, MaxEpochs: 30, MiniBatchSize: 128, Verbose: true, VerboseFrequency: 50,
      ValidationData: null, ValidationFrequency: 50, ValidationPatience: Infinity, Shuffle: 'once',
      CheckpointPath: '', ExecutionEnvironment: 'auto', OutputFcn: null, Plots: 'none',
      ResetInputNormalization: true, BatchNormalizationStatistics: 'population',
    });
  });

  it('adam has its own learn rate and decay factors, and no Momentum', () => {
    const o = trainingOptions('adam');
    expect(o).toBeInstanceOf(TrainingOptionsADAM);
    expect([o.InitialLearnRate, o.GradientDecayFactor, o.SquaredGradientDecayFactor, o.Epsilon]).toEqual([0.001, 0.9, 0.999, 1e-8]);
    expect('Momentum' in o).toBe(false);
    expect(o.MaxEpochs).toBe(30);
  });

  it('rmsprop squares with 0.9 and has no GradientDecayFactor', () => {
    const o = trainingOptions('rmsprop');
    expect(o).toBeInstanceOf(TrainingOptionsRMSProp);
    expect([o.InitialLearnRate, o.SquaredGradientDecayFactor, o.Epsilon]).toEqual([0.001, 0.9, 1e-8]);
    expect('GradientDecayFactor' in o).toBe(false);
    expect('Momentum' in o).toBe(false);
  });
});

describe('trainingOptions names and values', () => {
  it('matches solver names case-insensitively and by prefix', () => {
    expect(trainingOptions('SGDM').SolverName).toBe('sgdm');
    expect(trainingOptions('Ad').SolverName).toBe('adam');
    expect(trainingOptions('rms').SolverName).toBe('rmsprop');
  });

  it('matches option names case-insensitively and by unambiguous prefix', () => {
    const o = trainingOptions('sgdm', 'maxepochs', 3, 'MiniBatch', 64, 'mom', 0.5, 'InitialLearnRate', 0.05);
    expect([o.MaxEpochs, o.MiniBatchSize, o.Momentum, o.InitialLearnRate]).toEqual([3, 64, 0.5, 0.05]);
  });

  it('resolves string values to MATLAB spelling', () => {
    const o = trainingOptions('sgdm', 'Shuffle', 'every', 'Plots', 'Training-Progress', 'ExecutionEnvironment', 'CPU',
      'LearnRateSchedule', 'piece', 'GradientThresholdMethod', 'global', 'BatchNormalizationStatistics', 'mov');
    expect([o.Shuffle, o.Plots, o.ExecutionEnvironment, o.LearnRateSchedule, o.GradientThresholdMethod, o.BatchNormalizationStatistics])
      .toEqual(['every-epoch', 'training-progress', 'cpu', 'piecewise', 'global-l2norm', 'moving']);
  });

  it('takes the last value of a repeated option, as inputParser does', () => {
    expect(trainingOptions('sgdm', 'MaxEpochs', 3, 'MaxEpochs', 4).MaxEpochs).toBe(4);
  });

  it('accepts 1-element arrays and MArray-like scalars for numeric options', () => {
    const scalar = { numel: 1, valueOf: () => 12 };
    const o = trainingOptions('sgdm', 'MaxEpochs', scalar, 'MiniBatchSize', [32], 'GradientThreshold', 1);
    expect([o.MaxEpochs, o.MiniBatchSize, o.GradientThreshold]).toEqual([12, 32, 1]);
  });

  it('accepts logical-ish Verbose and ResetInputNormalization', () => {
    expect(trainingOptions('sgdm', 'Verbose', false).Verbose).toBe(false);
    expect(trainingOptions('sgdm', 'Verbose', 0).Verbose).toBe(false);
    expect(trainingOptions('sgdm', 'Verbose', 1).Verbose).toBe(true);
    expect(trainingOptions('sgdm', 'Verbose', { valueOf: () => 0 }).Verbose).toBe(false);
    expect(trainingOptions('sgdm', 'ResetInputNormalization', false).ResetInputNormalization).toBe(false);
  });

  it('accepts ValidationPatience Inf or a positive integer', () => {
    expect(trainingOptions('sgdm', 'ValidationPatience', 5).ValidationPatience).toBe(5);
    expect(trainingOptions('sgdm', 'ValidationPatience', Infinity).ValidationPatience).toBe(Infinity);
  });

  it('accepts validation data as a labelled datastore, a read()-able datastore or {X, Y}', () => {
    const imds = { Files: ['a.png'], Labels: ['0'] };
    expect(trainingOptions('sgdm', 'ValidationData', imds).ValidationData).toBe(imds);
    const aug = { read: () => null };
    expect(trainingOptions('sgdm', 'ValidationData', aug).ValidationData).toBe(aug);
    const pair = [{ dims: [28, 28, 1, 5] }, { codes: new Uint32Array(5) }];
    expect(trainingOptions('sgdm', 'ValidationData', pair).ValidationData).toBe(pair);
    expect(trainingOptions('sgdm', 'ValidationData', []).ValidationData).toBeNull();
  });

  it('accepts OutputFcn as a function, an array of functions or []', () => {
    const f = (): boolean => false;
    const g = (): boolean => true;
    expect(trainingOptions('sgdm', 'OutputFcn', f).OutputFcn).toBe(f);
    expect(trainingOptions('sgdm', 'OutputFcn', [f, g]).OutputFcn).toEqual([f, g]);
    expect(trainingOptions('sgdm', 'OutputFcn', []).OutputFcn).toBeNull();
  });

  describe('CheckpointPath', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ckpt-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('accepts an existing writable folder', () => {
      expect(trainingOptions('sgdm', 'CheckpointPath', dir).CheckpointPath).toBe(dir);
    });

    it('rejects a folder that does not exist', () => {
      const e = errorOf(() => trainingOptions('sgdm', 'CheckpointPath', join(dir, 'missing')));
      expect(e.identifier).toBe('trainingOptions:invalidCheckpointPath');
      expect(e.message).toMatch(/^The value of 'CheckpointPath' is invalid\. Value must be '' or the path of an existing folder with write access/);
    });
  });
});

describe('trainingOptions rejects bad input', () => {
  it('rejects an unknown solver', () => {
    const e = errorOf(() => opts('lbfgs'));
    expect(e.identifier).toBe('trainingOptions:unrecognizedStringChoice');
    expect(e.message).toBe("Expected solverName to match one of these values:\n\n'sgdm', 'rmsprop', 'adam'\n\nThe input, 'lbfgs', did not match any of the valid values.");
    expect(errorOf(() => opts(5)).identifier).toBe('trainingOptions:invalidType');
  });

  it('rejects an unknown option name', () => {
    const e = errorOf(() => trainingOptions('sgdm', 'MaxEpoch5', 3));
    expect(e.identifier).toBe('trainingOptions:unrecognizedParameter');
    expect(e.message).toMatch(/^'MaxEpoch5' is not a recognized parameter\./);
  });

  it('rejects an ambiguous prefix', () => {
    const e = errorOf(() => trainingOptions('sgdm', 'Validation', 5));
    expect(e.identifier).toBe('trainingOptions:ambiguousParameter');
    expect(e.message).toContain("'ValidationData', 'ValidationFrequency', 'ValidationPatience'");
  });

  it('rejects unpaired and non-text names', () => {
    expect(errorOf(() => trainingOptions('sgdm', 'MaxEpochs')).identifier).toBe('trainingOptions:invalidNameValue');
    expect(errorOf(() => trainingOptions('sgdm', 3, 'MaxEpochs')).identifier).toBe('trainingOptions:invalidNameValue');
  });

  it('rejects an option of another solver, naming both', () => {
    const e = errorOf(() => trainingOptions('adam', 'Momentum', 0.9));
    expect(e.identifier).toBe('trainingOptions:invalidOptionForSolver');
    expect(e.message).toBe("'Momentum' is not a valid option for solver 'adam'. It is an option for 'sgdm' only.");
    expect(errorOf(() => trainingOptions('rmsprop', 'GradientDecay', 0.9)).message)
      .toBe("'GradientDecayFactor' is not a valid option for solver 'rmsprop'. It is an option for 'adam' only.");
    expect(errorOf(() => trainingOptions('sgdm', 'Epsilon', 1e-6)).message)
      .toBe("'Epsilon' is not a valid option for solver 'sgdm'. It is an option for 'rmsprop' and 'adam' only.");
  });

  it.each([
    ['sgdm', 'MaxEpochs', 0, 'expectedPositive', 'Expected input to be positive.'],
    ['sgdm', 'MaxEpochs', 2.5, 'expectedInteger', 'Expected input to be integer-valued.'],
    ['sgdm', 'MaxEpochs', Infinity, 'expectedInteger', 'Expected input to be integer-valued.'],
    ['sgdm', 'MiniBatchSize', -8, 'expectedPositive', 'Expected input to be positive.'],
    ['sgdm', 'VerboseFrequency', 0.5, 'expectedInteger', 'Expected input to be integer-valued.'],
    ['sgdm', 'LearnRateDropPeriod', 0, 'expectedPositive', 'Expected input to be positive.'],
    ['sgdm', 'ValidationFrequency', NaN, 'expectedInteger', 'Expected input to be integer-valued.'],
    ['sgdm', 'InitialLearnRate', 0, 'expectedPositive', 'Expected input to be positive.'],
    ['sgdm', 'InitialLearnRate', Infinity, 'expectedFinite', 'Expected input to be finite.'],
    ['sgdm', 'Momentum', 1.5, 'notLessEqual', 'Expected input to be an array with all of the values <= 1.'],
    ['sgdm', 'Momentum', -0.1, 'notGreaterEqual', 'Expected input to be an array with all of the values >= 0.'],
    ['sgdm', 'LearnRateDropFactor', 2, 'notLessEqual', 'Expected input to be an array with all of the values <= 1.'],
    ['sgdm', 'L2Regularization', -1e-4, 'expectedNonnegative', 'Expected input to be nonnegative.'],
    ['sgdm', 'GradientThreshold', -1, 'expectedNonnegative', 'Expected input to be nonnegative.'],
    ['adam', 'GradientDecayFactor', 1, 'notLess', 'Expected input to be an array with all of the values < 1.'],
    ['adam', 'SquaredGradientDecayFactor', -0.5, 'notGreaterEqual', 'Expected input to be an array with all of the values >= 0.'],
    ['rmsprop', 'SquaredGradientDecayFactor', 1, 'notLess', 'Expected input to be an array with all of the values < 1.'],
    ['adam', 'Epsilon', 0, 'notGreater', 'Expected input to be an array with all of the values > 0.'],
    ['sgdm', 'Verbose', 2, 'expectedBinary', 'Expected input to be binary.'],
    ['sgdm', 'MaxEpochs', [1, 2], 'expectedScalar', 'Expected input to be a scalar.'],
    ['sgdm', 'MaxEpochs', { numel: 2, valueOf: (): number => 1 }, 'expectedScalar', 'Expected input to be a scalar.'],
    ['sgdm', 'ValidationPatience', 0, 'invalidValidationPatience', 'Value must be a positive integer or Inf.'],
    ['sgdm', 'ValidationPatience', 2.5, 'invalidValidationPatience', 'Value must be a positive integer or Inf.'],
  ] as const)('%s %s = %s → %s', (solver, name, value, id, expected) => {
    const e = errorOf(() => trainingOptions(solver, name, value));
    expect(e.identifier).toBe(`trainingOptions:${id}`);
    expect(e.message).toBe(`The value of '${name}' is invalid. ${expected}`);
  });

  it('rejects values of the wrong type, naming the type given', () => {
    const numericTypes = 'double, single, uint8, uint16, uint32, uint64, int8, int16, int32, int64';
    const text = errorOf(() => trainingOptions('sgdm', 'MiniBatchSize', '64'));
    expect(text.identifier).toBe('trainingOptions:invalidType');
    expect(text.message).toBe(`The value of 'MiniBatchSize' is invalid. Expected input to be one of these types:\n\n${numericTypes}\n\nInstead its type was char.`);
    expect(errorOf(() => trainingOptions('sgdm', 'MaxEpochs', true)).message).toMatch(/Instead its type was logical\.$/);
    expect(errorOf(() => trainingOptions('sgdm', 'MaxEpochs', { cls: 'logical', numel: 1, valueOf: () => 1 })).message)
      .toMatch(/Instead its type was logical\.$/);
    expect(errorOf(() => trainingOptions('sgdm', 'Verbose', 'yes')).message)
      .toBe(`The value of 'Verbose' is invalid. Expected input to be one of these types:\n\nlogical, ${numericTypes}\n\nInstead its type was char.`);
  });

  it('rejects unknown string choices with the valid values listed', () => {
    const e = errorOf(() => trainingOptions('sgdm', 'Shuffle', 'always'));
    expect(e.identifier).toBe('trainingOptions:unrecognizedStringChoice');
    expect(e.message).toBe("The value of 'Shuffle' is invalid. Expected input to match one of these values:\n\n'never', 'once', 'every-epoch'\n\nThe input, 'always', did not match any of the valid values.");
    expect(errorOf(() => trainingOptions('sgdm', 'Plots', 5)).message).toMatch(/^The value of 'Plots' is invalid\. Invalid input\./);
    expect(errorOf(() => trainingOptions('sgdm', 'ExecutionEnvironment', 'tpu')).message).toContain("'auto', 'gpu', 'cpu', 'multi-gpu', 'parallel'");
  });

  it('rejects bad validation data', () => {
    expect(errorOf(() => trainingOptions('sgdm', 'ValidationData', [1, 2, 3])).identifier).toBe('trainingOptions:cellArrayNeedsTwoEntries');
    expect(errorOf(() => trainingOptions('sgdm', 'ValidationData', 7)).message)
      .toBe("The value of 'ValidationData' is invalid. Validation data must be a datastore with labels or a cell array {X, Y} of predictors and responses. Instead its type was double.");
    expect(errorOf(() => trainingOptions('sgdm', 'ValidationData', { Files: ['a.png'], Labels: [] })).identifier)
      .toBe('trainingOptions:datastoreHasNoLabels');
  });

  it('rejects bad OutputFcn values', () => {
    const f = (): boolean => false;
    for (const bad of ['stop', [f, 1], 3]) {
      const e = errorOf(() => trainingOptions('sgdm', 'OutputFcn', bad));
      expect(e.message).toBe("The value of 'OutputFcn' is invalid. Value must be a function handle or a cell array of function handles.");
    }
  });
});

describe('trainingOptions display', () => {
  it('shows the sgdm defaults like MATLAB', () => {
    expect(trainingOptions('sgdm').displayMatlab()).toBe([
      '  TrainingOptionsSGDM with properties:',
      '',
      '                        Momentum: 0.9000',
      '                InitialLearnRate: 0.0100',
      "               LearnRateSchedule: 'none'",
      '             LearnRateDropFactor: 0.1000',
      '             LearnRateDropPeriod: 10',
      '                L2Regularization: 1.0000e-04',
      "         GradientThresholdMethod: 'l2norm'",
      '               GradientThreshold: Inf',
      '                       MaxEpochs: 30',
      '                   MiniBatchSize: 128',
      '                         Verbose: 1',
      '                VerboseFrequency: 50',
      '                  ValidationData: []',
      '             ValidationFrequency: 50',
      '              ValidationPatience: Inf',
      "                         Shuffle: 'once'",
      "                  CheckpointPath: ''",
      '             CheckpointFrequency: 1',
      "         CheckpointFrequencyUnit: 'epoch'",
      "            ExecutionEnvironment: 'auto'",
      '                       OutputFcn: []',
      "                           Plots: 'none'",
      '         ResetInputNormalization: 1',
      "    BatchNormalizationStatistics: 'population'",
      "                   OutputNetwork: 'last-iteration'",
    ].join('\n'));
  });

  it('puts the adam factors first and shows given values', () => {
    class ImageDatastore {
      Files = ['a.png'];
      Labels = ['0'];
    }
    const o = trainingOptions('adam', 'InitialLearnRate', 3e-4, 'MaxEpochs', 3, 'L2Regularization', 0,
      'Verbose', false, 'ValidationData', new ImageDatastore(), 'Plots', 'training-progress');
    const lines = o.displayMatlab().split('\n');
    expect(lines.slice(0, 6)).toEqual([
      '  TrainingOptionsADAM with properties:',
      '',
      '             GradientDecayFactor: 0.9000',
      '      SquaredGradientDecayFactor: 0.9990',
      '                         Epsilon: 1.0000e-08',
      '                InitialLearnRate: 3.0000e-04',
    ]);
    expect(lines).toContain('                L2Regularization: 0');
    expect(lines).toContain('                       MaxEpochs: 3');
    expect(lines).toContain('                         Verbose: 0');
    expect(lines).toContain('                  ValidationData: [1×1 matlab.io.datastore.ImageDatastore]');
    expect(lines).toContain("                           Plots: 'training-progress'");
  });

  it('describes {X, Y} validation data by size and class', () => {
    const X = { dims: [28, 28, 1, 500], cls: 'double' };
    const Y = { codes: new Uint32Array(500), categories: ['0', '1'] };
    const lines = trainingOptions('rmsprop', 'ValidationData', [X, Y]).displayMatlab().split('\n');
    expect(lines[2]).toBe('      SquaredGradientDecayFactor: 0.9000');
    expect(lines).toContain('                  ValidationData: {28×28×1×500 double  500×1 categorical}');
  });

  it('formats scalars in MATLAB format short', () => {
    const cases: [number, string][] = [
      [0.9, '0.9000'], [0.01, '0.0100'], [0.0011, '0.0011'], [0.001, '1.0000e-03'], [1e-4, '1.0000e-04'],
      [1e-8, '1.0000e-08'], [999.5, '999.5000'], [1000.5, '1.0005e+03'], [1234567, '1234567'],
      [1e9, '1.0000e+09'], [-0.5, '-0.5000'], [0, '0'], [Infinity, 'Inf'], [-Infinity, '-Inf'], [NaN, 'NaN'],
    ];
    for (const [x, text] of cases) expect(formatShort(x), String(x)).toBe(text);
  });
});
