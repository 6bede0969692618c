#!/usr/bin/env bash
# Two builds of the collector side by side in one sitting (docs/performance.md): both listen at once, each gets a
# JIT warm-up, then interleaved rounds of TCP at full rate (benchmarks/interleave.sh) measure the one against the
# other. For a change on the hot path, jar A is the code before and jar B the code after.
#
# usage: benchmarks/collector-a-b.sh BENCH_DIR JAR_A JAR_B
#   BENCH_DIR: the bench harness (kept outside this repository; copied to /tmp/twbench, which must be writable).
# env: ROUNDS (default 4), SECS (default 30 per round), WARMUP_SECS (default 45 of TCP per jar), TW_HEAP (1g),
#      NAME_A / NAME_B (labels, default a / b). Results: /tmp/tw-bench-results/, the summary line printed last.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
SRC="${1:?usage: $0 BENCH_DIR JAR_A JAR_B}"; JAR_A="${2:?JAR_A}"; JAR_B="${3:?JAR_B}"
BENCH=/tmp/twbench
TOPIC=tunnelwatch.events
PORT_A=5514
PORT_B=5516
source "$ROOT/benchmarks/interleave.sh"

[[ -d "$BENCH" ]] || cp -r "$SRC" "$BENCH"
KEEP_KAFKA=1 "$BENCH/kafka/start.sh"
WORK="$(mktemp -d /tmp/tw-bench-ab.XXXX)"
start() {  # start JAR PORT LOG -> pid
  java -Xms"${TW_HEAP:-1g}" -Xmx"${TW_HEAP:-1g}" -jar "$1" collector --bootstrap-servers 127.0.0.1:19092 \
    --syslog-udp-port "$2" --syslog-tcp-port "$2" --syslog-udp-buffer 4194304 --trap-port 0 --http-port 0 \
    >"$3" 2>&1 &
  echo $!
}
PID_A=$(start "$JAR_A" "$PORT_A" "$WORK/a.log")
PID_B=$(start "$JAR_B" "$PORT_B" "$WORK/b.log")
trap 'kill "$PID_A" "$PID_B" 2>/dev/null; wait "$PID_A" "$PID_B" 2>/dev/null || true; rm -rf "$WORK"; KAFKA_WIPE=1 "$BENCH/kafka/stop.sh" >/dev/null' EXIT
for log in "$WORK/a.log" "$WORK/b.log"; do
  for _ in $(seq 1 300); do grep -q 'is ready' "$log" && break; sleep 0.2; done
  grep -q 'is ready' "$log" || { cat "$log"; exit 1; }
done

# Unrecorded JIT warm-up of each (see syslog-side-by-side.sh for why 45 s).
"$BENCH/lib/load-run.sh" tcp "$PORT_A" "$TOPIC" 0 "${WARMUP_SECS:-45}" "$PID_A" warmup-a >/dev/null
"$BENCH/lib/load-run.sh" tcp "$PORT_B" "$TOPIC" 0 "${WARMUP_SECS:-45}" "$PID_B" warmup-b >/dev/null
interleave_tcp "${ROUNDS:-4}" "${SECS:-30}" "${NAME_A:-a}" "$PORT_A" "$TOPIC" "$PID_A" \
  "${NAME_B:-b}" "$PORT_B" "$TOPIC" "$PID_B"
