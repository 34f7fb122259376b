# The CPU peer of DeviceBench's gemm-cpu mode: NumPy's matmul (OpenBLAS on Debian: apt-get install python3-numpy
# libopenblas0-pthread; run with /usr/bin/python3) on the same sizes, float32 512/1024/2048 and float64 1024. Each
# warms up for a second, then reports the median of 9 runs; each output is checked against float64 ("CHECK what
# ok|WRONG"; exit status 1 when one is wrong).
#   python3 bench/peers/bench_numpy_gemm.py
import sys
import time

import numpy as np

wrong = []


def median_ms(fn, runs):
    start = time.perf_counter()
    while time.perf_counter() - start < 1:
        fn()
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1e3)
    times.sort()
    return times[runs // 2]


rng = np.random.default_rng(0)
for n, dtype, name in ((512, np.float32, ""), (1024, np.float32, ""), (2048, np.float32, ""), (1024, np.float64, "_f64")):
    a = rng.standard_normal((n, n)).astype(dtype)
    b = rng.standard_normal((n, n)).astype(dtype)
    ms = median_ms(lambda: a @ b, 9)
    print(f"RESULT matmul.cpu.numpy{name}.{n} {2 * n**3 / ms / 1e6:.2f} GFLOP/s ({ms:.3f} ms; NumPy {np.__version__})", flush=True)
    ok = np.allclose(a @ b, a.astype(np.float64) @ b.astype(np.float64), rtol=1e-3, atol=1e-2)
    print(f"CHECK matmul{name} {n} {'ok' if ok else 'WRONG'}", flush=True)
    if not ok:
        wrong.append(f"matmul{name} {n}")
sys.exit(1 if wrong else 0)
