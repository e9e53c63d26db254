#!/usr/bin/env bash
# Builds the benchmark jar, runs the JMH suite with -prof gc, the loopback server harness
# (NtpServer vs chronyd), and the report step that writes the chart and the README tables.
# Run from anywhere inside the repository. Takes about 7 minutes with the defaults on 2 cores.
#
#   JMH_ARGS   JMH options (default: -f 1 -wi 3 -i 5 -w 1s -r 1s)
#   LOAD_ARGS  harness options (default: --seconds 6 --warmup 3 --rounds 5 --quality-runs 10)
#   OTHER_JDK  a second JDK's home (e.g. /usr/lib/jvm/temurin-25-jdk-amd64): the JMH suite runs on it
#              too, for the README's comparison table (bars are judged on the default java)
set -euo pipefail
cd "$(git -C "$(dirname "$0")" rev-parse --show-toplevel)"
JMH_ARGS=${JMH_ARGS:--f 1 -wi 3 -i 5 -w 1s -r 1s}
LOAD_ARGS=${LOAD_ARGS:---seconds 6 --warmup 3 --rounds 5 --quality-runs 10}
JAR=benchmarks/target/benchmarks.jar
OUT=benchmarks/results
mkdir -p "$OUT"

./mvnw -q -pl benchmarks -am package -DskipTests
echo "== machine: nproc=$(nproc), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load: $(cut -d' ' -f1-3 /proc/loadavg)"
# shellcheck disable=SC2086
java -jar "$JAR" $JMH_ARGS -prof gc -rf json -rff "$OUT/jmh.json"
# shellcheck disable=SC2086
java -cp "$JAR" org.ntpclock.benchmarks.harness.ServerLoadHarness $LOAD_ARGS --out "$OUT/server-load.json"
OTHER=()
if [[ -n "${OTHER_JDK:-}" ]]; then
  # shellcheck disable=SC2086
  "$OTHER_JDK/bin/java" -jar "$JAR" $JMH_ARGS -prof gc -rf json -rff "$OUT/jmh-other-jdk.json"
  OTHER=(--other-jmh "$OUT/jmh-other-jdk.json")
fi
java -cp "$JAR" org.ntpclock.benchmarks.report.Report --jmh "$OUT/jmh.json" --load "$OUT/server-load.json" \
  --chart "$OUT/chart.png" --readme benchmarks/README.md "${OTHER[@]}"
