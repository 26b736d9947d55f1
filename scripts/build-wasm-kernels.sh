#!/usr/bin/env bash
# Build the engine's own wasm kernels (src/engine/kernels/*.c) with Debian's clang-14 and lld-14,
# twice each: importing a shared memory (tfjs's threaded build) and a plain one (its single-threaded build).
# The .wasm files are committed (nothing is compiled at install or run time); tests/own-wasm-kernels.test.ts
# rebuilds them with this script and requires the same bytes.
# Usage: bash scripts/build-wasm-kernels.sh [output folder, default src/engine/kernels]
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-src/engine/kernels}"
mkdir -p "$out"
common=(--target=wasm32 -O3 -msimd128 -mbulk-memory -nostdlib -ffreestanding -fno-builtin
  -Wall -Werror -Wl,--no-entry -Wl,--import-memory -Wl,--strip-all)
for src in src/engine/kernels/*.c; do
  name="$(basename "$src" .c)"
  clang-14 "${common[@]}" -o "$out/$name.wasm" "$src"
  clang-14 "${common[@]}" -matomics -Wl,--shared-memory -Wl,--max-memory=4294967296 -o "$out/$name.shared.wasm" "$src"
  for f in "$out/$name.wasm" "$out/$name.shared.wasm"; do
    # The module runs on tfjs's heap: it must not own data or a stack there.
    dump="$(wasm-objdump -x -d "$f")"
    if grep -q "global\.\(get\|set\)\|^ *- segment\|Data\[" <<<"$dump"; then
      echo "$f uses a stack or static data (it would write into tfjs's heap):" >&2
      grep "global\.\(get\|set\)\|segment\|Data\[" <<<"$dump" | head >&2
      exit 1
    fi
  done
done
