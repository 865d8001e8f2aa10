#!/usr/bin/env bash
# Runs on the GPU machine from the bundle made by scripts/gpu-bundle.sh: unpacks the runtime,
# points jgrad at the CUDA libraries of the machine's PyTorch wheels, runs the CUDA backend tests
# and the CUDA examples, and writes everything under ${OUT:-./gpu-results}.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
results="${OUT:-$here/gpu-results}"
mkdir -p "$results" /tmp/jgrad
tar -C /tmp/jgrad -xJf "$here/jre.tar.xz" 2>/dev/null \
  || python3 -c "import tarfile,sys;tarfile.open(sys.argv[1]).extractall('/tmp/jgrad')" "$here/jre.tar.xz"
java=/tmp/jgrad/jre/bin/java
if [ -z "${JGRAD_CUDA_LIBRARY_PATH:-}" ]; then
  JGRAD_CUDA_LIBRARY_PATH="$(python3 -c "import nvidia,os;print(':'.join(os.path.join(p,'cu13','lib') for p in nvidia.__path__))" 2>/dev/null || true)"
  export JGRAD_CUDA_LIBRARY_PATH
fi
{ nvidia-smi; "$java" -version; echo "JGRAD_CUDA_LIBRARY_PATH=$JGRAD_CUDA_LIBRARY_PATH"; } > "$results/env.txt" 2>&1
# The console launcher does not expand "lib/*" as java -cp does: list the jars.
cp="$here/test-classes:$(ls "$here"/lib/*.jar | grep -v console-standalone | tr '\n' ':')"
"$java" -jar "$here"/lib/junit-platform-console-standalone-*.jar execute \
  --class-path "$cp" --select-package io.jgrad.backend.cuda --details=tree \
  > "$results/cuda-tests.txt" 2>&1
echo "cuda tests exit $?" >> "$results/summary.txt"
for example in sine-manual fashion-mnist; do
  "$java" -cp "$here/lib/*" io.jgrad.examples.Main run "$example" --device cuda --quiet \
    > "$results/$example-cuda.txt" 2>&1
  echo "$example exit $?" >> "$results/summary.txt"
done
cat "$results/summary.txt"
