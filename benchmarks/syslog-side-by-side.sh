#!/usr/bin/env bash
# The syslog benchmark of docs/performance.md, in one sitting: rsyslog (the anchor) and tunnelwatch's collector,
# measured the same way by the shared bench harness (a real Kafka 4.4 broker on 127.0.0.1:19092, a paced C sender,
# 130-byte IOS crypto lines) on this machine.
#
# usage: benchmarks/syslog-side-by-side.sh BENCH_DIR
#   BENCH_DIR: the bench harness (kept outside this repository; or env TW_BENCH_DIR); it is copied to /tmp/twbench (it must be writable:
#              it downloads Kafka jars and builds its sender next to itself).
# env: TW_JAR (default launcher/target/tunnelwatch.jar, built when missing); SKIP_ANCHOR=1 measures tunnelwatch only; TW_HEAP (default 1g); WARMUP_SECS (default 45, the JIT warm-up
#      pass); the harness's own knobs (SECS, LOSS_RATES,
#      FLOWS...) pass through. Results: /tmp/tw-bench-results/{rsyslog,tunnelwatch}.txt and the lines printed last.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
SRC="${1:-${TW_BENCH_DIR:?usage: $0 BENCH_DIR (the bench harness directory), or set TW_BENCH_DIR}}"
BENCH=/tmp/twbench
UDP=5514
TCP=5514
TOPIC=tunnelwatch.events
source "$ROOT/benchmarks/interleave.sh"

[[ -d "$BENCH" ]] || cp -r "$SRC" "$BENCH"
JAR="${TW_JAR:-$ROOT/launcher/target/tunnelwatch.jar}"
[[ -f "$JAR" ]] || (cd "$ROOT" && mvn -q -B -pl launcher -am package -DskipTests)

KEEP_KAFKA=1 "$BENCH/kafka/start.sh"
if [[ "${SKIP_ANCHOR:-0}" != 1 ]]; then
  KEEP_KAFKA=1 "$BENCH/anchor-rsyslog.sh" | tail -2
fi

WORK="$(mktemp -d /tmp/tw-bench-collector.XXXX)"
java -Xms"${TW_HEAP:-1g}" -Xmx"${TW_HEAP:-1g}" -jar "$JAR" collector \
  --bootstrap-servers 127.0.0.1:19092 --syslog-udp-port "$UDP" --syslog-tcp-port "$TCP" \
  --syslog-udp-buffer 4194304 --trap-port 0 --http-port 0 >"$WORK/collector.log" 2>&1 &
CPID=$!
trap 'kill "$CPID" 2>/dev/null; wait "$CPID" 2>/dev/null || true; KAFKA_WIPE=1 "$BENCH/kafka/stop.sh" >/dev/null' EXIT
for _ in $(seq 1 300); do grep -q 'is ready' "$WORK/collector.log" && break; sleep 0.2; done
grep -q 'is ready' "$WORK/collector.log" || { cat "$WORK/collector.log"; exit 1; }

# A JVM compiles its hot paths during its first minute or two under load (-XX:+PrintCompilation: the TCP rate rose
# run after run for about 60 s of load before it settled); the harness's 5 s warm-up is for C programs. A collector
# runs for weeks, so its steady state is what counts: one unrecorded pass first (WARMUP_SECS of UDP and of TCP at full
# rate, 20 s of UDP at 100k/s), then the measured one.
RESULTS=/tmp/tw-bench-results/tunnelwatch-jit-warmup.txt SECS="${WARMUP_SECS:-45}" LOSS_RATES=100000 \
  "$BENCH/measure-collector.sh" tunnelwatch-warmup "$UDP" "$TCP" "$TOPIC" "$CPID" >/dev/null
"$BENCH/measure-collector.sh" tunnelwatch "$UDP" "$TCP" "$TOPIC" "$CPID" | tail -2

ROUNDS="${TCP_ROUNDS:-3}"
RCONF=/tmp/tw-bench-rsyslog/rsyslog.conf   # written by the harness's anchor-rsyslog.sh: the anchor's own settings
if [[ "$ROUNDS" -gt 0 && "${SKIP_ANCHOR:-0}" != 1 ]]; then
  [[ -f "$RCONF" ]] || { echo "no $RCONF: the anchor run did not leave its rsyslog configuration"; exit 1; }
  RPORT=$(sed -n 's/.*imtcp.*port="\([0-9]*\)".*/\1/p' "$RCONF")
  RTOPIC=$(sed -n 's/.*omkafka.*topic="\([^"]*\)".*/\1/p' "$RCONF")
  rsyslogd -n -f "$RCONF" -i "$WORK/rsyslogd.pid" >"$WORK/rsyslogd.out" 2>&1 &
  RPID=$!
  trap 'kill "$RPID" "$CPID" 2>/dev/null; wait "$RPID" "$CPID" 2>/dev/null || true; KAFKA_WIPE=1 "$BENCH/kafka/stop.sh" >/dev/null' EXIT
  for _ in $(seq 1 100); do ss -ltn | grep -q ":$RPORT " && break; sleep 0.1; done
  interleave_tcp "$ROUNDS" "${SECS:-30}" rsyslog "$RPORT" "$RTOPIC" "$RPID" tunnelwatch "$TCP" "$TOPIC" "$CPID"
fi
