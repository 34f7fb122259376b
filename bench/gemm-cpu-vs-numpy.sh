#!/usr/bin/env bash
# CPU matrix products against NumPy + OpenBLAS in one run: Tandem.DeviceBench gemm-cpu and bench/peers/bench_numpy_gemm.py
# alternate ROUNDS times (default 2), so the load of a shared machine falls on both; then the best figure of each
# and their ratio per workload. Usage: bash bench/gemm-cpu-vs-numpy.sh [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-2}
log=$(mktemp)
trap 'rm -f "$log"' EXIT
dotnet build -c Release bench/Tandem.DeviceBench -v q >/dev/null
for _ in $(seq "$rounds"); do
  dotnet run -c Release --no-build --project bench/Tandem.DeviceBench -- gemm-cpu | tee -a "$log" | grep -E '^(RESULT|CHECK)'
  /usr/bin/python3 bench/peers/bench_numpy_gemm.py | tee -a "$log"
done
# Best of the rounds per key; then Tandem (own kernel and through the BLAS) against NumPy.
awk '/^RESULT matmul\.cpu\./ { if ($3 > best[$2]) best[$2] = $3 }
  END {
    for (key in best) if (key ~ /numpy/) {
      split(key, part, "."); suffix = part[3]; sub(/^numpy/, "", suffix); size = part[4]
      for (who in best) if (who == "matmul.cpu.tandem" suffix "." size || who == "matmul.cpu.blas" suffix "." size)
        printf "RATIO %s %.2f GFLOP/s vs NumPy %.2f = %.0f %%\n", who, best[who], best[key], 100 * best[who] / best[key]
    }
  }' "$log" | sort
