function ds = origineDigits()
% The first two digits of each label in MNIST/train (no randomness, so
% ImgOrigine and LabelImgOrigine agree).
all = imageDatastore([pwd '\MNIST\train'], 'IncludeSubfolders', true, 'LabelSource', 'foldernames');
ds = splitEachLabel(all, 2);
end
