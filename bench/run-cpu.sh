#!/usr/bin/env bash
# Every CPU workload of the performance issue on this machine, Tandem and its peer (NumPy + OpenBLAS: apt-get install
# python3-numpy libopenblas0-pthread) alternating ROUNDS times (default 2) so a shared machine's load falls on both,
# then one table: Tandem's figure, NumPy's, and the ratio (bench/compare.py).
# Usage: bash bench/run-cpu.sh [ROUNDS] [WORKLOAD...]   WORKLOAD: residency, sum, gemm, elementwise, ops (default: all of them)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-2}
shift || true
# Each workload: its DeviceBench mode and the peer script's section.
declare -A mode=([residency]=residency [sum]=reduce-cpu [gemm]=gemm-cpu [elementwise]=elementwise [ops]=ops-cpu)
declare -A peer=([residency]=roundtrip [sum]=sum [gemm]=matmul [elementwise]=elementwise [ops]=ops)
workloads=("${@:-residency sum gemm elementwise ops}")
read -r -a workloads <<< "${workloads[*]}"
modes=() sections=()
for w in "${workloads[@]}"; do
  [[ -n "${mode[$w]:-}" ]] || { echo "unknown workload '$w': use residency, sum, gemm, elementwise or ops" >&2; exit 2; }
  modes+=("${mode[$w]}") sections+=("${peer[$w]}")
done
log=$(mktemp)
trap 'rm -f "$log"' EXIT
dotnet build -c Release bench/Tandem.DeviceBench -v q >/dev/null
for _ in $(seq "$rounds"); do
  TANDEM_DISABLE_GPU=1 dotnet run -c Release --no-build --project bench/Tandem.DeviceBench -- "${modes[@]}" | tee -a "$log" | grep -E '^(RESULT|CHECK)'
  /usr/bin/python3 bench/peers/bench_numpy_cpu.py "${sections[@]}" | tee -a "$log"
done
grep -q ' WRONG' "$log" && { echo "an output was wrong: see the CHECK lines above" >&2; exit 1; }
python3 bench/compare.py cpu "$log"
