function s = imageSize()
% augmentation.m is a slide fragment: imageSize, ImgOrigine and
% LabelImgOrigine come from elsewhere in the course. MATLAB resolves a name
% that is no variable to a function file beside the script: these three
% files give `dltb run toolbox/augmentation.m` what the slide leaves out.
s = [28 28 1];
end
