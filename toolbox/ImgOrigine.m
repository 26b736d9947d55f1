function imgs = ImgOrigine()
% The images of augmentation.m: 20 MNIST training digits, two of each
% label, stacked into a 28x28x1x20 array (see imageSize.m).
ds = origineDigits();
imgs = [];
for i = 1:numel(ds.Files)
    imgs = cat(4, imgs, readimage(ds, i));
end
end
