# The CPU peer on the development machine: NumPy with OpenBLAS (apt-get install python3-numpy libopenblas0-pthread;
# run with /usr/bin/python3). Matmul 512/1024, sum 16M, exp(2x + y) 16M; each warms up for a second, then reports the
# median; each output is checked against float64 ("CHECK what ok|WRONG"; exit status 1 when one is wrong).
#   python3 bench/peers/bench_numpy_cpu.py
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


def check(what, ok):
    print(f"CHECK {what} {'ok' if ok else 'WRONG'}", flush=True)
    if not ok:
        wrong.append(what)


rng = np.random.default_rng(0)
for n in (512, 1024):
    a = rng.standard_normal((n, n), dtype=np.float32)
    b = rng.standard_normal((n, n), dtype=np.float32)
    ms = median_ms(lambda: a @ b, 5)
    print(f"RESULT matmul.{n} {2 * n**3 / ms / 1e6:.2f} GFLOP/s", flush=True)
    check(f"matmul {n} against float64", np.allclose(a @ b, a.astype(np.float64) @ b.astype(np.float64), rtol=1e-3, atol=1e-2))
n = 16 << 20
x = rng.random(n, dtype=np.float32)
y = rng.random(n, dtype=np.float32)
ms = median_ms(lambda: x.sum(), 11)
print(f"RESULT sum.16M {4 * n / ms / 1e6:.2f} GB/s", flush=True)
check("sum against float64", abs(float(x.sum()) - float(x.astype(np.float64).sum())) <= 1e-5 * n)
ms = median_ms(lambda: np.exp(x * 2 + y), 11)
print(f"RESULT exp2xy.16M {1000 / ms:.3f} per-s", flush=True)
check("exp(2x + y) against float64", np.allclose(np.exp(x * 2 + y), np.exp(x.astype(np.float64) * 2 + y), rtol=1e-6))
print("checks:", "all ok" if not wrong else "WRONG: " + ", ".join(wrong))
sys.exit(1 if wrong else 0)
