# The CPU peer on the development machine: NumPy with OpenBLAS (apt-get install python3-numpy libopenblas0-pthread;
# run with /usr/bin/python3). Matmul float32 512/1024/2048 and float64 1024, sum 16M (all of it, and along axis 0 of it
# as a matrix), exp(2x + y) 16M, a 256 MB round trip; each warms up for a second, then reports the median; each output is checked against float64 ("CHECK what ok|WRONG"; exit status 1 when one is wrong).
#   python3 bench/peers/bench_numpy_cpu.py [matmul] [sum] [elementwise] [roundtrip] [ops]   (no names: all of them)
# ops: NumPy's equivalent of each op of DeviceBench's ops-cpu mode (bench/Tandem.DeviceBench/OpSweep.cs), same names.
import sys
import time

import numpy as np

wrong = []
only = set(sys.argv[1:])


def want(workload):
    return not only or workload in only


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
for n, dtype, name in ((512, np.float32, ""), (1024, np.float32, ""), (2048, np.float32, ""), (1024, np.float64, "_f64")) if want("matmul") else ():
    a = rng.standard_normal((n, n)).astype(dtype)
    b = rng.standard_normal((n, n)).astype(dtype)
    ms = median_ms(lambda: a @ b, 5)
    print(f"RESULT matmul{name}.{n} {2 * n**3 / ms / 1e6:.2f} GFLOP/s", flush=True)
    check(f"matmul{name} {n} against float64", np.allclose(a @ b, a.astype(np.float64) @ b.astype(np.float64), rtol=1e-3, atol=1e-2))
n = 16 << 20
x = rng.random(n, dtype=np.float32)
y = rng.random(n, dtype=np.float32)
if want("sum"):
    ms = median_ms(lambda: x.sum(), 11)
    print(f"RESULT sum.16M {4 * n / ms / 1e6:.2f} GB/s", flush=True)
    check("sum against float64", abs(float(x.sum()) - float(x.astype(np.float64).sum())) <= 1e-5 * n)
    # Along an axis that is not the innermost of the memory order, as DeviceBench's reduce-cpu: the same elements as a
    # matrix (axis 0), and the transposed matrix along its last axis.
    for rows, columns, transposed in ((4096, 4096, False), (16384, 1024, False), (4096, 4096, True)):
        m = x.reshape(rows, columns)
        view, axis = (m.T, 1) if transposed else (m, 0)
        name = "sum_axis1_transposed" if transposed else "sum_axis0"
        ms = median_ms(lambda: view.sum(axis=axis), 11)
        print(f"RESULT {name}.{rows}x{columns} {4 * n / ms / 1e6:.2f} GB/s", flush=True)
        expected = m.astype(np.float64).sum(axis=0)
        check(f"{name} {rows}x{columns} against float64", np.allclose(view.sum(axis=axis), expected, rtol=1e-4))
if want("elementwise"):
    ms = median_ms(lambda: np.exp(x * 2 + y), 11)
    print(f"RESULT elementwise.numpy.exp_2x_plus_y_16M {ms:.3f} ms (new outputs)", flush=True)
    check("exp(2x + y) against float64", np.allclose(np.exp(x * 2 + y), np.exp(x.astype(np.float64) * 2 + y), rtol=1e-6))
    # Element-wise ops by layout, as DeviceBench's elementwise mode on the CPU: [16384, 1024] floats, a new result each
    # time; GB/s of the arrays read and written (a broadcast operand counts as not read).
    rows, width = 16384, 1024
    ex = rng.random((rows, width), dtype=np.float32)
    ey = rng.random((rows, width), dtype=np.float32)
    bias = rng.random(width, dtype=np.float32)
    column = rng.random((rows, 1), dtype=np.float32)
    for name, fn, arrays in (
            ("add_contiguous", lambda: ex + ey, 3),
            ("multiply_scalar", lambda: ex * np.float32(2), 2),
            ("add_row_broadcast", lambda: ex + bias, 2),
            ("add_column_broadcast", lambda: ex + column, 2),
            ("add_transposed", lambda: ex.T + ey.T, 3)):
        ms = median_ms(fn, 11)
        print(f"RESULT elementwise.numpy.{name} {arrays * 4 * ex.size / ms / 1e6:.2f} GB/s ({ms:.3f} ms)", flush=True)
    check("element-wise layouts", np.array_equal((ex.T + ey.T).T, ex + ey) and np.array_equal(ex + column, ex + column[:, :1]))
    del ex, ey

if want("roundtrip"):
    # The 256 MB round trip as Tandem's residency mode times it: an array made from host data, one op, the result on the host.
    data = rng.random(64 << 20, dtype=np.float32)
    ms = median_ms(lambda: np.array(data) * 2, 5)
    print(f"RESULT roundtrip.numpy.256MB {ms:.3f} ms (np.array(data) * 2)", flush=True)
    check("round trip", np.array_equal(np.array(data) * 2, data * 2))
print("checks:", "all ok" if not wrong else "WRONG: " + ", ".join(wrong))

if want("ops"):
    a = rng.standard_normal((2048, 2048), dtype=np.float32)
    b = rng.standard_normal((2048, 2048), dtype=np.float32)
    v = rng.standard_normal(2048, dtype=np.float32)
    column = rng.standard_normal((2048, 1), dtype=np.float32)
    indices = rng.integers(0, 2048, 1024)
    positive = a > 0

    def softmax(m, axis=1):
        e = np.exp(m - m.max(axis=axis, keepdims=True))
        return e / e.sum(axis=axis, keepdims=True)

    ops = {
        "greater_scalar": lambda: a > 0,
        "greater_scalar_transposed": lambda: a.T > 0,
        "greater_row_broadcast": lambda: a > v,
        "greater_column_broadcast": lambda: a > column,
        "greater_transposed": lambda: a > b.T,
        "where_scalar": lambda: np.where(positive, a, np.float32(0)),
        "where_arrays": lambda: np.where(positive, a, b),
        "tanh": lambda: np.tanh(a),
        "sin": lambda: np.sin(a),
        "astype_int": lambda: a.astype(np.int32),
        "eye": lambda: np.eye(2048, dtype=np.float32),
        "concatenate_axis1": lambda: np.concatenate([a, b], 1),
        "stack_axis0": lambda: np.stack([a, b], 0),
        "broadcast_row_contiguous": lambda: np.ascontiguousarray(np.broadcast_to(a[0], (2048, 2048))),
        "take_axis0": lambda: np.take(a, indices, 0),
        "max_axis1": lambda: a.max(axis=1),
        "argmax_axis1": lambda: a.argmax(axis=1),
        "argmax_axis0": lambda: a.argmax(axis=0),
        "max_axis0": lambda: a.max(axis=0),
        "softmax_axis1": lambda: softmax(a),
        "softmax_axis0": lambda: softmax(a, 0),
        "matvec": lambda: a @ v,
        "vecmat": lambda: v @ a,
        "random_uniform": lambda: rng.random((2048, 2048), dtype=np.float32),
        "random_normal": lambda: rng.standard_normal((2048, 2048), dtype=np.float32),
        "random_randint": lambda: rng.integers(0, 1000, (2048, 2048), dtype=np.int32),
        "random_bernoulli": lambda: rng.random((2048, 2048), dtype=np.float32) < np.float32(0.3),
        "random_normal_float64": lambda: rng.standard_normal((2048, 2048)),
    }
    for name, op in ops.items():
        print(f"RESULT ops.numpy.{name} {median_ms(op, 21):.4g} ms", flush=True)

sys.exit(1 if wrong else 0)
