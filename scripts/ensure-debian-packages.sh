#!/usr/bin/env bash
# Install the Debian packages the tests use as references or fixtures, when
# they are missing: Chromium (training-progress page), DejaVu fonts (figures),
# libonnx-testdata (ONNX models with expected outputs), python3-torch and
# python3-onnx (PyTorch's ONNX exporter for third-party fixtures),
# python3-skimage (its CC0 photos: chelsea.png, the Panneaux backgrounds),
# dataset-fashion-mnist (the new task of toolbox/transfert_mnist.ts), clang-14, lld-14 and wabt
# (tests/own-wasm-kernels.test.ts rebuilds the engine's own wasm kernels and inspects them).
set -euo pipefail
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
[ -d /usr/share/libonnx-testdata/data/node ] || missing+=(libonnx-testdata)
/usr/bin/python3 -c 'import torch' 2>/dev/null || missing+=(python3-torch)
/usr/bin/python3 -c 'import onnx' 2>/dev/null || missing+=(python3-onnx)
/usr/bin/python3 -c 'import skimage' 2>/dev/null || missing+=(python3-skimage)
[ -f /usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz ] || missing+=(dataset-fashion-mnist)
command -v clang-14 >/dev/null || missing+=(clang-14)
command -v wasm-ld-14 >/dev/null || missing+=(lld-14)
command -v wasm-objdump >/dev/null || missing+=(wabt)
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
