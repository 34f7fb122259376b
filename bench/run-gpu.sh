#!/usr/bin/env bash
# Every GPU workload of the performance issue on the GPU machine, Tandem and torch in one run, then one table:
# Tandem's figure, torch's, and the ratio (bench/compare.py). Here first:
#   bench/device/prepare.sh bench/Tandem.DeviceBench/Tandem.DeviceBench.csproj
# then there, from the repository's root (with .device/ sent along): bash bench/run-gpu.sh
set -euo pipefail
cd "$(dirname "$0")/.."
out=${TANDEM_BENCH_OUT:-$(mktemp -d)}
mkdir -p "$out"
status=0
# Each workload in a process of its own, as BenchmarkDotNet runs each benchmark: what one leaves behind (a managed
# heap grown by 256 MB host reads, caches of freed memory) must not weigh on the next. The headline's mixed
# configuration measured 0.61-0.63 ms alone and 0.80-0.88 ms after gemm-gpu or residency in the same process
# (docs/PERFORMANCE.md).
for mode in residency reduce random gemm-gpu headline chain saxpy elementwise; do
  bash bench/device/run.sh "$mode" > "$out/tandem_$mode.txt" 2>&1 || status=$?
done
python3 bench/peers/bench_torch_ops.py > "$out/torch_ops.txt" 2>&1 || status=$?
python3 bench/peers/bench_torch.py > "$out/torch.txt" 2>&1 || status=$?
grep -hE '^(RESULT|CHECK)' "$out"/*.txt
python3 bench/compare.py gpu "$out"/*.txt | tee "$out/table.md"
exit $status
