function ds = validationData()
% mnist_cnn.m (as on the slide) reads validationData.Files on its line 2,
% before any variable of that name exists: MATLAB would stop there with
% "Unrecognized function or variable 'validationData'". MATLAB resolves a
% name that is no variable to a function file beside the script, so this
% file lets the slide run unchanged; it gives the datastore of line 1, as
% the hand-written twin mnist_cnn.ts does.
ds = imageDatastore([pwd '\MNIST\train'], 'IncludeSubfolders', true, 'LabelSource', 'foldernames');
end
