#!/usr/bin/env bash
# The SNMP benchmark of docs/performance.md, in one sitting: one real net-snmp snmpd serving a router with 20 IPsec
# SAs (benchmarks/snmp/snmpd-ipsec.sh), polled by Prometheus snmp_exporter (the anchor, with a module for the same
# IPsec columns: benchmarks/snmp/gen-ipsec-yml.sh) and by tunnelwatch's poller (SnmpPollBenchmark, a concurrency
# sweep). Each tunnelwatch line also gets snmpd's CPU per poll, to show when the agent is the limit. Then the
# poller's own ceiling: the same rows recorded from snmpd into SnmpReplayAgent (pre-encoded answers, near-free), on
# 127.0.0.1:11171, polled flat out (REPLAY_CONCS), with that agent's CPU per poll.
#
# usage: benchmarks/snmp-side-by-side.sh BENCH_DIR
#   BENCH_DIR: the bench harness (kept outside this repository; or env TW_BENCH_DIR), copied to /tmp/twbench-snmp with the anchor made to take
#              a module (MODULE, GEN, ROWMETRIC).
# env: CONCS="1 4 16 64" (tunnelwatch polls in flight against snmpd), REPLAY_CONCS="4 8" (against the replay
#      agent; empty to skip), DEVICES=1000, SECS=20, SKIP_ANCHOR=1, SAS=20
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
SRC="${1:-${TW_BENCH_DIR:?usage: $0 BENCH_DIR (the bench harness directory), or set TW_BENCH_DIR}}"
BENCH=/tmp/twbench-snmp
PORT=11170
command -v snmpd >/dev/null && command -v snmpget >/dev/null || \
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q snmpd snmp >/dev/null

rm -rf "$BENCH"; cp -r "$SRC" "$BENCH"
cp "$ROOT/benchmarks/snmp/gen-ipsec-yml.sh" "$BENCH/snmp/"
sed -i -e 's/module=if_mib"/module=${MODULE:-if_mib}"/' \
  -e 's|"$HERE/snmp/gen-snmp-yml.sh"|"$HERE/snmp/${GEN:-gen-snmp-yml.sh}"|' \
  -e "s/grep -c '^ifHCInOctets{'/grep -c \"^\${ROWMETRIC:-ifHCInOctets}{\"/" "$BENCH/anchor-snmp-exporter.sh"
JAR="$ROOT/benchmarks/target/benchmarks.jar"
[[ -f "$JAR" ]] || (cd "$ROOT" && mvn -q -B -pl benchmarks -am package -DskipTests)

W="$(mktemp -d /tmp/tw-snmp-bench.XXXX)"
"$ROOT/benchmarks/snmp/snmpd-ipsec.sh" "$W/snmpd.conf" "${SAS:-20}"
SNMP_PERSISTENT_DIR="$W" MIBS="" snmpd -f -C -c "$W/snmpd.conf" -Lf "$W/snmpd.log" -p "$W/snmpd.pid" &
SNMPD=$!
REPLAY=
trap 'kill $SNMPD $REPLAY 2>/dev/null; wait $SNMPD $REPLAY 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do snmpget -v2c -c public -t 0.2 -r 0 "127.0.0.1:$PORT" 1.3.6.1.4.1.9.9.171.1.3.2.1.51.1 \
  >/dev/null 2>&1 && break; sleep 0.1; done
snmpget -v2c -c public "127.0.0.1:$PORT" 1.3.6.1.4.1.9.9.171.1.3.2.1.51.1 >/dev/null || { cat "$W/snmpd.log"; exit 1; }
cpu() { awk '{print $14 + $15}' "/proc/$1/stat"; }

if [[ "${SKIP_ANCHOR:-0}" != 1 ]]; then
  TARGET="127.0.0.1:$PORT" GEN=gen-ipsec-yml.sh MODULE=ipsec ROWMETRIC=cipSecTunInPkts REQUESTS="${REQUESTS:-300}" \
    CONCS="${ANCHOR_CONCS:-1 4}" WALKS=10 "$BENCH/anchor-snmp-exporter.sh" 2>&1 | grep '^snmp-exporter' || true
fi
# poll_line CONC PORT AGENT_PID LABEL: one tunnelwatch line, with the agent's CPU per poll appended as LABEL_cpu_ms_per_poll.
poll_line() {
  local c="$1" port="$2" pid="$3" label="$4" s0 s1 line polls secs="${SECS:-20}"
  s0=$(cpu "$pid")
  line=$(java -cp "$JAR" io.tunnelwatch.benchmarks.SnmpPollBenchmark "127.0.0.1:$port" public "${DEVICES:-1000}" \
    "$c" "$secs" 5 | tail -1)
  polls=$(sed -n 's/.* polls=\([0-9]*\).*/\1/p' <<<"$line")
  s1=$(cpu "$pid")
  # the agent's CPU covers the 5 s warm-up too: spread over the polls of warm-up and measurement at the measured rate
  echo "$line ${label}_cpu_ms_per_poll=$(echo "scale=3; ($s1 - $s0) * 10 / ($polls * ($secs + 5) / $secs)" | bc)"
}

for c in ${CONCS:-1 4 16 64}; do poll_line "$c" "$PORT" "$SNMPD" snmpd; done

REPLAY_CONCS="${REPLAY_CONCS-4 8}"
if [[ -n "$REPLAY_CONCS" ]]; then
  java -cp "$JAR" io.tunnelwatch.benchmarks.SnmpReplayAgent "127.0.0.1:$PORT" public $((PORT + 1)) >"$W/replay.log" 2>&1 &
  REPLAY=$!
  for _ in $(seq 1 100); do grep -q serving "$W/replay.log" && break; sleep 0.1; done
  grep serving "$W/replay.log" || { cat "$W/replay.log"; exit 1; }
  kill -STOP "$SNMPD" # the replay agent answers alone; a stopped snmpd takes no CPU
  for c in $REPLAY_CONCS; do poll_line "$c" $((PORT + 1)) "$REPLAY" replay_agent; done
  kill -CONT "$SNMPD"
fi
