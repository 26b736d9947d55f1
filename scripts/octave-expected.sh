#!/bin/sh
# Regenerates tests/fixtures/translate/*.expected.txt with GNU Octave, an
# independent implementation of the MATLAB language: what the corpus scripts
# print there is what `dltb run` must print. Function files (first line
# `function …`) are helpers of the scripts, not scripts.
# Needs octave-cli: apt-get install --no-install-recommends octave
set -e
cd "$(dirname "$0")/../tests/fixtures/translate"
for f in *.m; do
  head -1 "$f" | grep -q '^function' && continue
  octave-cli --no-gui --norc --quiet "$f" 2>/dev/null > "${f%.m}.expected.txt" || true
  echo "wrote ${f%.m}.expected.txt"
done
