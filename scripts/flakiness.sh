#!/usr/bin/env bash
# Runs the reference matrix N times in a row (default 20) with the CLI, as CI runs it, while a busy loop occupies
# one core, then compares every cell's verdict across the runs. Prints one row per cell and exits 1 when any
# cell's verdict differs between runs (a flaky cell), 0 when every cell got the same verdict every time, 2 on a
# usage error. Options after N are passed to `check` unchanged (e.g. --scenario half-open --target "ws-json server").
#
#   scripts/flakiness.sh [N] [check options...]
#   FLAKINESS_DIR=/tmp/flaky scripts/flakiness.sh 20      # keep the reports in a directory of your choice
#   FLAKINESS_JAVA_OPTS=-Dheartbeat.fleet.connections=5000 scripts/flakiness.sh 20   # JVM options for check
#
# Each run goes through bin/heartbeat-harness, with its JVM settings. By default the fleet is 500 connections, as
# `mvn verify` runs the matrix (scenarios/pom.xml).
set -euo pipefail
cd "$(dirname "$0")/.."

runs=20
if [ $# -gt 0 ] && [[ "$1" =~ ^[0-9]+$ ]]; then
  runs=$1
  shift
fi
if [ "$runs" -lt 2 ]; then
  echo "flakiness: N must be at least 2 to compare runs, got $runs" >&2
  exit 2
fi
jar=${HARNESS_JAR:-cli/target/heartbeat-harness.jar}
if [ ! -f "$jar" ]; then
  echo "flakiness: $jar is missing; build it first: mvn -B -q -DskipTests package" >&2
  exit 2
fi
command -v python3 >/dev/null || { echo "flakiness: python3 is needed to compare the runs' index.json" >&2; exit 2; }
out=${FLAKINESS_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/heartbeat-flakiness-XXXXXX")}
mkdir -p "$out"

# The load: one busy loop, so the matrix shares the machine the way it does with a neighbour on a CI runner.
# It is a child of this script, killed on any exit (normal end, error, Ctrl-C). It runs in a session of its own,
# as a neighbour's work does: where the kernel schedules by session (autogroup), a loop in the harness's session
# would be one thread among the run's hundred and take far less than the core a real neighbour takes.
hog=
stop_hog() {
  if [ -n "$hog" ]; then
    kill "$hog" 2>/dev/null || true
    wait "$hog" 2>/dev/null || true
  fi
}
trap stop_hog EXIT
trap 'exit 130' INT TERM
if command -v setsid >/dev/null; then
  setsid sh -c 'while :; do :; done' &
else
  ( while :; do :; done ) &
fi
hog=$!

export HARNESS_JAVA_OPTS=${FLAKINESS_JAVA_OPTS--Dheartbeat.fleet.connections=500}
echo "flakiness: $runs runs of: HARNESS_JAVA_OPTS='$HARNESS_JAVA_OPTS' bin/heartbeat-harness check $*  (busy loop pid $hog; reports in $out)"
for i in $(seq 1 "$runs"); do
  status=0
  HARNESS_JAR=$jar bin/heartbeat-harness check --report-dir "$out/run-$i" "$@" >"$out/run-$i.log" 2>&1 || status=$?
  if [ "$status" -eq 2 ]; then
    echo "flakiness: check refused its options (exit 2):" >&2
    tail -n 3 "$out/run-$i.log" >&2
    exit 2
  fi
  # The CLI's summary line: "PASS n  FAIL n  NON_STRICT n  UNSUPPORTED n  ERROR n".
  echo "run $i/$runs: $(grep -E '^PASS [0-9]+ ' "$out/run-$i.log" | tail -n 1 || echo 'no summary') (exit $status)"
done
stop_hog
hog=

python3 - "$out" "$runs" <<'PY'
import json, os, sys

out, runs = sys.argv[1], int(sys.argv[2])
verdicts = {}  # (scenario, target, backend) -> [verdict per run]
for i in range(1, runs + 1):
    path = os.path.join(out, f"run-{i}", "index.json")
    seen = {}
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            for cell in json.load(f)["cells"]:
                seen[(cell["scenario"], cell["target"], cell["backend"])] = cell["verdict"]
    for key in set(verdicts) | set(seen):
        verdicts.setdefault(key, ["MISSING"] * (i - 1)).append(seen.get(key, "MISSING"))

rows = []
for key in sorted(verdicts):
    got = verdicts[key]
    counts = {v: got.count(v) for v in sorted(set(got))}
    rows.append((" ".join(key[:2]) + f" [{key[2]}]", ", ".join(f"{v} {n}" for v, n in counts.items()),
                 "same" if len(counts) == 1 else "DIFFERS"))
width = max([len(r[0]) for r in rows] + [4])
vwidth = max([len(r[1]) for r in rows] + [8])
print(f"{'cell':<{width}}  {'verdicts':<{vwidth}}  across {runs} runs")
for cell, counts, state in rows:
    print(f"{cell:<{width}}  {counts:<{vwidth}}  {state}")
differing = sum(1 for r in rows if r[2] == "DIFFERS")
print(f"flakiness: {differing} of {len(rows)} cells got differing verdicts over {runs} runs")
sys.exit(1 if differing or not rows else 0)
PY
