#!/usr/bin/env bash
# Packs what a GPU machine without Java needs to run jgrad's CUDA checks: a jlinked JDK 25 runtime
# (java.base, jdk.incubator.vector, java.desktop for plots, java.logging for JUnit; flags baked in,
# stripped, xz), the
# module jars, the CUDA test classes with their test dependencies, the JUnit console launcher and
# scripts/gpu-run.sh. Output: gpu-bundle/ (git-ignored; pass it to the device tool's `carry`).
#   scripts/gpu-bundle.sh            then on the device: bash gpu-bundle/gpu-run.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
J="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
out="$root/gpu-bundle"
rm -rf "$out" && mkdir -p "$out/lib" "$out/test-classes"

JAVA_HOME="$J" ./mvnw -B -q -DskipTests install
JAVA_HOME="$J" ./mvnw -B -q -DskipTests -pl jgrad-cuda test-compile
JAVA_HOME="$J" ./mvnw -B -q -pl jgrad-cuda dependency:copy-dependencies \
  -DincludeScope=test -DoutputDirectory="$out/lib"
JAVA_HOME="$J" ./mvnw -B -q dependency:copy -DoutputDirectory="$out/lib" \
  -Dartifact=org.junit.platform:junit-platform-console-standalone:1.14.4
# The console launcher bundles JUnit's engine and API; a second copy would register twice.
rm -f "$out"/lib/junit-jupiter*.jar "$out"/lib/junit-platform-commons-*.jar \
  "$out"/lib/junit-platform-engine-*.jar
cp jgrad-*/target/jgrad-*-0.1.0-SNAPSHOT.jar "$out/lib/"
cp jgrad-examples/target/lib/*.jar "$out/lib/" 2>/dev/null || true
cp -r jgrad-cuda/target/test-classes/. "$out/test-classes/"

rm -rf "$out/jre"
"$J/bin/jlink" --add-modules java.base,jdk.incubator.vector,java.desktop,java.logging \
  --strip-debug --no-man-pages --no-header-files --compress=zip-0 \
  --add-options="--add-modules=jdk.incubator.vector --enable-native-access=ALL-UNNAMED --add-exports=java.base/jdk.internal.misc=ALL-UNNAMED -Djava.awt.headless=true" \
  --output "$out/jre"
find "$out/jre" -name '*.so' -exec strip -s {} + 2>/dev/null || true
tar -C "$out" -cJf "$out/jre.tar.xz" jre && rm -rf "$out/jre"
cp scripts/gpu-run.sh "$out/"
du -sh "$out" "$out/jre.tar.xz"
