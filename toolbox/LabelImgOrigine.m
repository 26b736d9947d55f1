function labels = LabelImgOrigine()
% The labels of ImgOrigine (see imageSize.m).
ds = origineDigits();
labels = ds.Labels;
end
