/**
 * The one table of pretrained weights: for each of MATLAB's pretrained-network
 * functions, the ONNX Model Zoo file it installs from (github.com/onnx/models,
 * validated/vision/classification/), its size and SHA-256 as the repository's
 * Git LFS pointer gives them, where the weights come from, and the input
 * preprocessing that file's network was trained with.
 */

/** Raw files: github.com/onnx/models/raw/main/… answers with a redirect to media.githubusercontent.com. */
export const ZOO_BASE_URL = 'https://github.com/onnx/models/raw/main/validated/vision/classification/';

/**
 * The input normalization the zoo's network expects, in MATLAB's imageInputLayer
 * terms on 0–255 RGB pixels (statistics per channel, R G B).
 */
export type Preprocessing =
  | { normalization: 'zerocenter'; mean: [number, number, number] }
  | { normalization: 'zscore'; mean: [number, number, number]; std: [number, number, number] };

export interface ZooModel {
  /** The MATLAB function (alexnet, …). */
  readonly name: string;
  /** Path under ZOO_BASE_URL. */
  readonly path: string;
  readonly size: number;
  readonly sha256: string;
  /** The first convolution reads BGR channels (Caffe models): its weights are reordered for MATLAB's RGB input. */
  readonly bgr: boolean;
  readonly preprocessing: Preprocessing;
  /** Where the weights come from and how they relate to MATLAB's. */
  readonly provenance: string;
  /** A file whose graph is not MATLAB's architecture is imported as it is (not for alexnet and googlenet, whose files are MATLAB's networks). */
  readonly importFallback: boolean;
}

/**
 * Caffe's ilsvrc_2012_mean.npy averaged over its 256×256 pixels, per channel
 * (B 104.0069879317889, G 116.66876761696767, R 122.6789143406786), the mean
 * BVLC AlexNet was trained with; here in R G B order.
 */
export const BVLC_MEAN_RGB: [number, number, number] = [122.6789143406786, 116.66876761696767, 104.0069879317889];
/** BVLC GoogLeNet's train_val.prototxt subtracts mean_value 104, 117, 123 (B G R). */
const GOOGLENET_MEAN_RGB: [number, number, number] = [123, 117, 104];
/** The VGG team's Caffe models' channel means (B 103.939, G 116.779, R 123.68). */
const VGG_MEAN_RGB: [number, number, number] = [123.68, 116.779, 103.939];
/** torchvision/Gluon ImageNet statistics (mean 0.485 0.456 0.406, std 0.229 0.224 0.225 of 0–1 pixels), on 0–255 pixels. */
const IMAGENET_ZSCORE: Preprocessing = {
  normalization: 'zscore',
  mean: [0.485 * 255, 0.456 * 255, 0.406 * 255],
  std: [0.229 * 255, 0.224 * 255, 0.225 * 255],
};

export const ZOO: readonly ZooModel[] = [
  {
    name: 'alexnet', path: 'alexnet/model/bvlcalexnet-12.onnx', size: 243863787,
    sha256: '6b0da9510f27f234ee96a85dc3809dd210150fdefad87f6850f9788513216945',
    bgr: true, preprocessing: { normalization: 'zerocenter', mean: BVLC_MEAN_RGB },
    provenance: 'BVLC AlexNet (Caffe → Caffe2 → ONNX): the weights MATLAB ships', importFallback: false,
  },
  {
    name: 'googlenet', path: 'inception_and_googlenet/googlenet/model/googlenet-12.onnx', size: 28021836,
    sha256: 'c99c507058eaf41de8723408fdda7db8325cb57f0a89f2ee07a716d6e963e14e',
    bgr: true, preprocessing: { normalization: 'zerocenter', mean: GOOGLENET_MEAN_RGB },
    provenance: 'BVLC GoogLeNet (Caffe → Caffe2 → ONNX): the weights MATLAB ships', importFallback: false,
  },
  {
    name: 'vgg16', path: 'vgg/model/vgg16-12.onnx', size: 553437752,
    sha256: '722c42f53ca03a5480296bf8f9c85a151de3eed9ec982d7d2302ff6e2900c67b',
    bgr: false, preprocessing: IMAGENET_ZSCORE,
    provenance: "an MXNet retraining of VGG-16, not MATLAB's weights", importFallback: true,
  },
  {
    name: 'vgg19', path: 'vgg/model/vgg19-caffe2-9.onnx', size: 574674712,
    sha256: 'cfb97260b303ad3963999662456571b89c5f73dbdd2fd9dffd19fed7a90f766b',
    bgr: true, preprocessing: { normalization: 'zerocenter', mean: VGG_MEAN_RGB },
    provenance: "Caffe2's VGG-19, a conversion of a Caffe model (likely the VGG team's, as MATLAB's; not verified)", importFallback: true,
  },
  {
    name: 'resnet50', path: 'resnet/model/resnet50-caffe2-v1-9.onnx', size: 102489425,
    sha256: '822daa93e11ecd505f282eb16e02d7fa6d7a88a4db0c9f832320798e508ba0dd',
    bgr: true, preprocessing: { normalization: 'zerocenter', mean: VGG_MEAN_RGB },
    provenance: "Caffe2's ResNet-50 v1, not MATLAB's weights (MATLAB's come from the authors' Caffe model)", importFallback: true,
  },
  {
    name: 'squeezenet', path: 'squeezenet/model/squeezenet1.1-7.onnx', size: 4956208,
    sha256: '1eeff551a67ae8d565ca33b572fc4b66e3ef357b0eb2863bb9ff47a918cc4088',
    bgr: false, preprocessing: IMAGENET_ZSCORE,
    provenance: "SqueezeNet v1.1 (MATLAB's squeezenet is v1.1) from the zoo's own conversion, not MATLAB's weights", importFallback: true,
  },
];

/** The table's row for `name`, or undefined. */
export function zooModel(name: string): ZooModel | undefined {
  return ZOO.find((m) => m.name === name.toLowerCase());
}

export function zooUrl(m: ZooModel): string {
  return ZOO_BASE_URL + m.path;
}

/** The file's own name (bvlcalexnet-12.onnx). */
export function zooFileName(m: ZooModel): string {
  return m.path.slice(m.path.lastIndexOf('/') + 1);
}

/** 243863787 → '244 MB'. */
export function megabytes(bytes: number): string {
  return `${Math.round(bytes / 1e6)} MB`;
}
