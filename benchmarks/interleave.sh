# Interleaved TCP rounds between two running collectors, sourced by the side-by-side scripts. On this 2-vCPU box one
# run is not a measurement of a tool (back-to-back runs of one jar differ by a quarter), so each round measures both,
# in alternating order, and the medians are compared (docs/performance.md).
#
# interleave_tcp ROUNDS SECS NAME_A PORT_A TOPIC_A PID_A NAME_B PORT_B TOPIC_B PID_B
#   needs BENCH (the bench harness copy); appends every run line to /tmp/tw-bench-results/NAME.txt and prints one
#   summary line (also appended to /tmp/tw-bench-results/interleaved.txt):
#   interleaved-tcp rounds=N secs=S A_median=… B_median=… ratio=B/A A=… B=…
median() {
  printf '%s\n' "$@" | sort -n | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'
}

interleave_tcp() {
  local rounds="$1" secs="$2" r tool line rate
  local -A port=([a]="$4" [b]="$8") topic=([a]="$5" [b]="$9") pid=([a]="$6" [b]="${10}") name=([a]="$3" [b]="$7")
  local -a A=() B=() order
  mkdir -p /tmp/tw-bench-results
  for r in $(seq 1 "$rounds"); do
    order=(a b); (( r % 2 == 0 )) && order=(b a)
    for tool in "${order[@]}"; do
      line=$("$BENCH/lib/load-run.sh" tcp "${port[$tool]}" "${topic[$tool]}" 0 "$secs" "${pid[$tool]}" \
        "${name[$tool]}-tcp-round$r")
      rate=$(sed -n 's/.*landed_per_s=\([0-9]*\).*/\1/p' <<<"$line")
      if [[ $tool == a ]]; then A+=("$rate"); else B+=("$rate"); fi
      echo "$line" >> "/tmp/tw-bench-results/${name[$tool]}.txt"
      echo "round $r ${name[$tool]} msgs_per_s=$rate cpu_s_per_M=$(sed -n 's/.*cpu_s_per_M=\([^ ]*\).*/\1/p' <<<"$line")"
    done
  done
  local ma mb
  ma=$(median "${A[@]}")
  mb=$(median "${B[@]}")
  echo "interleaved-tcp rounds=$rounds secs=$secs ${name[a]}_median=$ma ${name[b]}_median=$mb" \
    "ratio=$(echo "scale=2; $mb / $ma" | bc) ${name[a]}=${A[*]} ${name[b]}=${B[*]}" \
    | tee -a /tmp/tw-bench-results/interleaved.txt
}
