/**
 * MATLAB-style figures under their MATLAB names. Figures are written as
 * PNGs under ./figures (renderOpenFigures, called by the CLI when a script
 * ends); importing this module also enables 'Plots','training-progress'.
 */
export { Figure, Axes } from './figureModel.ts';
export { figure, subplot, close, clc, hold, gca, gcf } from './figure.ts';
export { title, xlabel, ylabel } from './labels.ts';
export { xlim, ylim, grid } from './axesProps.ts';
export { imshow } from './imshow.ts';
export { montage } from './montage.ts';
export { plot } from './plot.ts';
export { renderOpenFigures, saveas, exportgraphics } from './output.ts';
export { setFiguresFolder, figuresFolder } from './registry.ts';
export { plotconfusion } from './plotconfusion.ts';
export { confusionNumbers, type ConfusionNumbers } from './confusionNumbers.ts';
export { confusionmat } from './confusionmat.ts';
export { confusionchart, ConfusionMatrixChart } from './confusionchart.ts';
export { TrainingProgressMonitor, type MonitorOptions } from './trainingProgress.ts';

import { setTrainingPlotFactory } from '../train/plotHook.ts';
import { TrainingProgressMonitor } from './trainingProgress.ts';

// Importing the figures module is what makes 'Plots','training-progress' draw.
setTrainingPlotFactory(() => new TrainingProgressMonitor());
