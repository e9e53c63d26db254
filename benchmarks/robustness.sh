#!/usr/bin/env bash
# Builds the ntpclock and benchmark jars and runs the robustness harness (RobustnessHarness): every
# case of the hardening issue against `ntpclock serve` and the CLI, on loopback, bounded (watchdog
# 10 min; about 2 min on 2 cores). Prints one line per case and writes them into
# benchmarks/ROBUSTNESS.md between its markers. Run from anywhere inside the repository.
#
#   JAVA  the java to run the harness and the jar with (default: java on PATH)
set -euo pipefail
cd "$(git -C "$(dirname "$0")" rev-parse --show-toplevel)"
JAVA=${JAVA:-java}
APP=examples
[[ -d examples/clock ]] && APP=examples/clock
./mvnw -q -B -pl "$APP",benchmarks -am package -DskipTests
JAR="$APP/target/ntpclock.jar"
OUT=benchmarks/results/robustness.txt
mkdir -p benchmarks/results
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
"$JAVA" -cp benchmarks/target/benchmarks.jar org.ntpclock.benchmarks.harness.RobustnessHarness \
  --jar "$JAR" --work "$WORK" | tee "$OUT"
python3 - "$OUT" benchmarks/ROBUSTNESS.md <<'PY'
import sys, re
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
head = [l[2:] for l in lines if l.startswith("# ")]
rows = [l for l in lines if l.startswith("| ")]
block = "\n".join(["Run: " + "; ".join(head), "", "| case | figure |", "|---|---|"] + rows)
doc = open(sys.argv[2], encoding="utf-8").read()
doc = re.sub(r"(<!-- robustness:begin -->\n).*?(\n<!-- robustness:end -->)", lambda m: m.group(1) + block + m.group(2),
             doc, flags=re.S)
open(sys.argv[2], "w", encoding="utf-8").write(doc)
PY
