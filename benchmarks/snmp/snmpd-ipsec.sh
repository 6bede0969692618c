#!/usr/bin/env bash
# Writes an snmpd.conf serving what tunnelwatch's poller reads from a router with N IPsec SAs: N cikeTunnelTable
# rows (remote address, status active) and N cipSecTunnelTable rows (the 16 polled columns but the two HC octet
# ones: snmpd's `override` cannot make a Counter64, so the Counter32 octet columns stand in), plus snmpd's own
# ifTable. Static values: a benchmark agent, not a fixture whose counters move.
# usage: benchmarks/snmp/snmpd-ipsec.sh OUT_CONF [SAS=20] [COMMUNITY=public]
set -euo pipefail
OUT="$1"; SAS="${2:-20}"; COMM="${3:-public}"
IKE=1.3.6.1.4.1.9.9.171.1.2.3.1; SA=1.3.6.1.4.1.9.9.171.1.3.2.1
{
  echo "rocommunity $COMM 127.0.0.1"
  echo "agentaddress udp:127.0.0.1:11170"
  for r in $(seq 1 "$SAS"); do
    peer=$(printf '0xC63364%02X' "$r")
    echo "override $IKE.8.$r octet_str $peer"
    echo "override $IKE.35.$r integer 1"
    echo "override $SA.2.$r integer $r"
    echo "override $SA.5.$r octet_str $peer"
    echo "override $SA.10.$r integer $((r * 100))"
    for c in 26 32 39 45; do echo "override $SA.$c.$r counter $((r * 1000 + c))"; done
    for c in 33 34 36 38 46 50; do echo "override $SA.$c.$r counter 0"; done
    echo "override $SA.51.$r integer 1"
  done
} > "$OUT"
