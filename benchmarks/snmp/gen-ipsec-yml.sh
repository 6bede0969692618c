#!/usr/bin/env bash
# snmp_exporter (0.21 format) module "ipsec": the columns tunnelwatch's poller reads from cikeTunnelTable and
# cipSecTunnelTable (CISCO-IPSEC-FLOW-MONITOR-MIB), indexed by cikeTunIndex / cipSecTunIndex.
set -euo pipefail
OUT="$1"; COMM="${2:-public}"; REP="${3:-25}"
E=1.3.6.1.4.1.9.9.171.1.3.2.1; I=1.3.6.1.4.1.9.9.171.1.2.3.1
{
  echo "ipsec:"
  echo "  walk:"
  for c in 8 35; do echo "  - $I.$c"; done
  for c in 2 5 10 26 27 32 33 34 36 38 39 40 45 46 50 51; do echo "  - $E.$c"; done
  echo "  metrics:"
  for c in 8:cikeTunRemoteAddr:InetAddressIPv4 35:cikeTunStatus:gauge; do
    IFS=: read -r n name type <<<"$c"
    printf '  - name: %s\n    oid: %s.%s\n    type: %s\n    help: %s\n    indexes:\n    - labelname: cikeTunIndex\n      type: gauge\n' "$name" "$I" "$n" "$type" "$name"
  done
  for c in 2:cipSecTunIkeTunnelIndex:gauge 5:cipSecTunRemoteAddr:InetAddressIPv4 10:cipSecTunActiveTime:gauge 26:cipSecTunInOctets:counter 27:cipSecTunHcInOctets:counter 32:cipSecTunInPkts:counter 33:cipSecTunInDropPkts:counter 34:cipSecTunInReplayDropPkts:counter 36:cipSecTunInAuthFails:counter 38:cipSecTunInDecryptFails:counter 39:cipSecTunOutOctets:counter 40:cipSecTunHcOutOctets:counter 45:cipSecTunOutPkts:counter 46:cipSecTunOutDropPkts:counter 50:cipSecTunOutEncryptFails:counter 51:cipSecTunStatus:gauge; do
    IFS=: read -r n name type <<<"$c"
    printf '  - name: %s\n    oid: %s.%s\n    type: %s\n    help: %s\n    indexes:\n    - labelname: cipSecTunIndex\n      type: gauge\n' "$name" "$E" "$n" "$type" "$name"
  done
  echo "  version: 2"
  echo "  max_repetitions: $REP"
  echo "  retries: 3"
  echo "  timeout: 5s"
  echo "  auth:"
  echo "    community: $COMM"
} > "$OUT"
