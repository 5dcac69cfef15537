#!/usr/bin/env bash
# What the harness itself costs while cells run, as JSON on stdout: heap high-water mark, live heap after
# collections, longest GC pause, wall time, report size and its largest page. A benchmark, not a test.
#
#   scripts/bench-memory.sh catalogue            # the whole catalogue against every reference implementation
#   scripts/bench-memory.sh fleet 5000           # fleet/frozen-subset against "ws-json server", N connections
#   HARNESS_JAR=/path/to.jar scripts/bench-memory.sh fleet 9500    # another build of the jar
#   BENCH_FLEET_TARGET="idle server" scripts/bench-memory.sh fleet 5000   # the fleet against another server
#
# A fleet needs two proxy sockets a connection: the soft open-file limit is raised to the hard one, and a fleet that
# does not fit is refused by the harness, which names the limit.
# The JVM flags are bin/heartbeat-harness's; the figures come from its -Xlog:gc lines.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
what=${1:?usage: bench-memory.sh catalogue|fleet [connections]}
connections=${2:-5000}
work=$(mktemp -d "${TMPDIR:-/tmp}/bench-memory.XXXXXX")
args=(check --report-dir "$work/report")
opts="-Xlog:gc:file=$work/gc.log:uptime"
case "$what" in
  catalogue) ;;
  fleet)
    args+=(--scenario fleet --target "${BENCH_FLEET_TARGET:-ws-json server}")
    opts+=" -Dheartbeat.fleet.connections=$connections"
    # Each connection holds a socket in the proxy on both sides: raise the open-file limit as far as allowed.
    ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
    ;;
  *) echo "bench-memory.sh: unknown run '$what' (expected catalogue or fleet)" >&2; exit 2 ;;
esac
start=$(date +%s.%N)
set +e
HARNESS_INSTALL_PREREQUISITES=false HARNESS_JAVA_OPTS="$opts ${HARNESS_JAVA_OPTS-}" \
  "$root/bin/heartbeat-harness" "${args[@]}" >"$work/out.txt" 2>&1
status=$?
set -e
end=$(date +%s.%N)
python3 - "$work" "$what" "$connections" "$status" "$start" "$end" "$(ulimit -n)" <<'PY'
import json, os, re, sys
work, what, connections, status, start, end, nofile = sys.argv[1:]
before = after = pause = 0.0
pauses = 0
# e.g. "[12.345s] GC(3) Pause Young (Allocation Failure) 540M->120M(1000M) 12.345ms"
line_re = re.compile(r"Pause .*? (\d+)M->(\d+)M\(\d+M\) ([\d.]+)ms")
with open(os.path.join(work, "gc.log")) as log:
    for line in log:
        m = line_re.search(line)
        if m:
            pauses += 1
            before = max(before, float(m.group(1)))
            after = max(after, float(m.group(2)))
            pause = max(pause, float(m.group(3)))
report = os.path.join(work, "report")
size = 0
largest = ("", 0)
for base, _, files in os.walk(report):
    for name in files:
        path = os.path.join(base, name)
        n = os.path.getsize(path)
        size += n
        if name.endswith(".html") and n > largest[1]:
            largest = (os.path.relpath(path, report), n)
out = open(os.path.join(work, "out.txt")).read()
verdicts = re.findall(r"PASS \d+.*", out)
print(json.dumps({
    "run": what if what == "catalogue" else f"fleet {connections}",
    "exit": int(status),
    "summary": verdicts[-1].strip() if verdicts else out.strip().splitlines()[-1:],
    "wall_s": round(float(end) - float(start), 1),
    "heap_high_water_mb": before,
    "live_heap_after_gc_max_mb": after,
    "gc_pauses": pauses,
    "longest_gc_pause_ms": pause,
    "report_mb": round(size / 1e6, 1),
    "largest_page": largest[0],
    "largest_page_mb": round(largest[1] / 1e6, 2),
    "open_files_limit": int(nofile),
    "work_dir": work,
}, indent=2))
PY
