#!/usr/bin/env bash
# Builds jgrad-bench (with the DJL and ND4J peers unless --no-peers) and prints the B1..B5 table.
# Usage, from the repository root: jgrad-bench/compare.sh [--no-peers] [Compare options]
#   e.g. jgrad-bench/compare.sh --only jgrad,torch --benches b1,b3
# Environment: JAVA_HOME (a JDK 25), BENCH_PYTHON (a Python with torch; default .venv/bin/python
# or /work/main/.venv/bin/python), BENCH_TIME (scale of warm-up and measuring time, default 1).
set -euo pipefail
cd "$(dirname "$0")/.."
profile="-Ppeers"
if [[ "${1:-}" == "--no-peers" ]]; then
  profile=""
  shift
fi
python="${BENCH_PYTHON:-}"
if [[ -z "$python" ]]; then
  for candidate in .venv/bin/python /work/main/.venv/bin/python; do
    if [[ -x "$candidate" ]]; then python="$candidate"; break; fi
  done
fi
./mvnw -B -q $profile -pl jgrad-bench -am package -DskipTests
"${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java" \
  -Dbench.python="${python:-none}" -Dbench.time="${BENCH_TIME:-1}" \
  -cp "jgrad-bench/target/classes:jgrad-bench/target/lib/*" io.jgrad.bench.Compare "$@"
