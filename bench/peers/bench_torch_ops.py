# Built-in op workloads in torch eager on the GPU machine, the peers of Tandem's built-in ops measured through its
# public API in the same run: fp32 matmul (TF32 off) at 1024/2048/4096, sum over 64M/256M floats and along each axis
# of [16384, 16384], exp(2x + y) on 16M, randn and rand 64M, a 256 MB host round trip, the headline op by op. Each workload
# warms up for at least a second, then reports the median of N runs, each ending with torch.cuda.synchronize(); each
# output is checked ("CHECK what ok|WRONG"; exit status 1 when one is wrong).
#   python3 bench/peers/bench_torch_ops.py
import statistics
import sys
import time

import torch

dev = "cuda"
torch.backends.cuda.matmul.allow_tf32 = False
torch.backends.cudnn.allow_tf32 = False
print("torch", torch.__version__, "cuda", torch.version.cuda, "device", torch.cuda.get_device_name(0),
      "allow_tf32", torch.backends.cuda.matmul.allow_tf32, "float32_matmul_precision", torch.get_float32_matmul_precision(), flush=True)
results, wrong = [], []


def report(key, value, unit, note=""):
    line = f"RESULT {key} {value:.6g} {unit} {note}".rstrip()
    print(line, flush=True)
    results.append(line)


def check(what, ok):
    print(f"CHECK {what} {'ok' if ok else 'WRONG'}", flush=True)
    if not ok:
        wrong.append(what)


def times(fn, runs, warm_s=1.0):
    """Warms fn up for warm_s seconds (by time, not calls), then returns the sorted times of runs runs in ms."""
    torch.cuda.synchronize()
    start = time.perf_counter()
    while True:
        fn()
        torch.cuda.synchronize()
        if time.perf_counter() - start >= warm_s:
            break
    measured = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        torch.cuda.synchronize()
        measured.append((time.perf_counter() - t) * 1e3)
    measured.sort()
    return measured


def spread(ts):
    return f"median of {len(ts)}; min {ts[0]:.4g} max {ts[-1]:.4g} ms"


# fp32 matmul, TF32 off; checked against float64 (on the GPU: the CPU would take minutes at 4096).
for n in (1024, 2048, 4096):
    a = torch.randn(n, n, device=dev)
    b = torch.randn(n, n, device=dev)
    ts = times(lambda: a @ b, 10 if n == 4096 else 20)
    ms = statistics.median(ts)
    report(f"matmul.torch_cuda.{n}", 2 * n**3 / (ms * 1e-3) / 1e12, "TFLOP/s", f"({ms:.3f} ms; {spread(ts)}; tf32 off)")
    # Entries are sums of n products of unit normals (size ~sqrt(n)); fp32 accumulation errs by far less than 1e-2.
    check(f"matmul {n} against float64", torch.allclose(a @ b, (a.double() @ b.double()).float(), rtol=1e-3, atol=1e-2))
    del a, b

for n in (64 << 20, 256 << 20):
    x = torch.rand(n, device=dev)
    # Read on the host, as Tandem's figure (sum.gpu.tandem.256M) is.
    ts = times(lambda: torch.sum(x).item(), 20)
    ms = statistics.median(ts)
    report(f"sum.torch_cuda.{n >> 20}M", 4 * n / (ms * 1e-3) / 1e9, "GB/s", f"({ms:.3f} ms; {spread(ts)}; result read on the host)")
    check(f"sum {n >> 20}M against float64", abs(torch.sum(x).item() - torch.sum(x.double()).item()) <= 1e-5 * n)
    del x

x = torch.rand(16384, 16384, device=dev)
for axis in (0, 1):
    ts = times(lambda: torch.sum(x, dim=axis).cpu(), 20)
    ms = statistics.median(ts)
    report(f"sum_axis{axis}.torch_cuda.16384x16384", 4 * x.numel() / (ms * 1e-3) / 1e9, "GB/s", f"({ms:.3f} ms; {spread(ts)}; result read on the host)")
    check(f"sum along axis {axis} against float64", torch.allclose(torch.sum(x, dim=axis).double(), torch.sum(x.double(), dim=axis), rtol=1e-4))
del x

n = 16 << 20
x = torch.rand(n, device=dev) * 2 - 1
y = torch.rand(n, device=dev) * 2 - 1
ts = times(lambda: torch.exp(torch.add(torch.mul(x, 2.0), y)), 20)
report("elementwise.torch_cuda.exp_2x_plus_y_16M", statistics.median(ts), "ms", f"(eager, 3 kernels; {spread(ts)})")
check("exp(2x + y) against float64", torch.allclose(torch.exp(torch.add(torch.mul(x, 2.0), y)).double(), torch.exp(2 * x.double() + y.double()), rtol=1e-6))
del x, y

# Element-wise ops by layout, as DeviceBench's elementwise mode: [65536, 1024] floats, a new result each time; GB/s of
# the arrays read and written (a broadcast operand counts as not read).
rows, width = 65536, 1024
x = torch.rand(rows, width, device=dev)
y = torch.rand(rows, width, device=dev)
bias = torch.rand(width, device=dev)
column = torch.rand(rows, 1, device=dev)
for name, fn, arrays, expected in (
        ("add_contiguous", lambda: x + y, 3, lambda: x.double() + y.double()),
        ("multiply_scalar", lambda: x * 2.0, 2, lambda: x.double() * 2),
        ("add_row_broadcast", lambda: x + bias, 2, lambda: x.double() + bias.double()),
        ("add_column_broadcast", lambda: x + column, 2, lambda: x.double() + column.double()),
        ("add_transposed", lambda: x.T + y.T, 3, lambda: x.T.double() + y.T.double())):
    ts = times(fn, 20)
    ms = statistics.median(ts)
    report(f"elementwise.torch_cuda.{name}", arrays * 4 * x.numel() / (ms * 1e-3) / 1e9, "GB/s", f"({ms:.3f} ms; {spread(ts)})")
    check(f"{name} against float64", torch.allclose(fn().double(), expected(), rtol=1e-6))
del x, y, bias, column

n = 64 << 20
ts = times(lambda: torch.randn(n, device=dev), 20)
ms = statistics.median(ts)
report("normal.torch_cuda.64M", 4 * n / (ms * 1e-3) / 1e9, "GB/s", f"({ms:.3f} ms; {spread(ts)})")
normal = torch.randn(n, device=dev).double()
# 64M samples: the mean's standard error is 1.2e-4, the variance's 1.7e-4.
check("randn has mean 0 and variance 1", abs(normal.mean().item()) < 1e-3 and abs(normal.var().item() - 1) < 1e-3)
del normal
ts = times(lambda: torch.rand(n, device=dev), 20)
ms = statistics.median(ts)
report("uniform.torch_cuda.64M", 4 * n / (ms * 1e-3) / 1e9, "GB/s", f"({ms:.3f} ms; {spread(ts)})")

# Host round trip, 256 MB: a pageable CPU tensor -> .cuda() -> * 2 -> .cpu()
h = torch.rand(n)
parts = {"cuda": [], "op": [], "cpu": []}


def round_trip():
    t0 = time.perf_counter()
    d = h.cuda()
    torch.cuda.synchronize()
    t1 = time.perf_counter()
    e = d * 2
    torch.cuda.synchronize()
    t2 = time.perf_counter()
    r = e.cpu()
    t3 = time.perf_counter()
    parts["cuda"].append((t1 - t0) * 1e3)
    parts["op"].append((t2 - t1) * 1e3)
    parts["cpu"].append((t3 - t2) * 1e3)
    return r


ts = times(round_trip, 10)
medians = {k: statistics.median(v[-10:]) for k, v in parts.items()}
report("roundtrip.torch.256MB", statistics.median(ts), "ms",
       f"(pageable CPU tensor .cuda() + (d*2) + .cpu(); {spread(ts)}; parts (medians): .cuda() {medians['cuda']:.2f}, op {medians['op']:.2f}, .cpu() {medians['cpu']:.2f} ms)")
check("round trip", torch.equal(round_trip(), h * 2))

torch.manual_seed(0)
a = torch.rand(4096, 512, device=dev)
b = torch.rand(512, 4, device=dev)


def headline():
    x = a @ b
    c = b
    for _ in range(500):
        c = torch.exp(c)
    return x, c


ts = times(headline, 50)
report("headline.torch_cuda.gpu", statistics.median(ts), "ms", f"(op by op; {spread(ts)})")
check("headline matmul against float64", torch.allclose(headline()[0].double(), a.double() @ b.double(), rtol=1e-4, atol=1e-4))

print("==== SUMMARY ====")
for line in results:
    print(line)
print("checks:", "all ok" if not wrong else "WRONG: " + ", ".join(wrong))
sys.exit(1 if wrong else 0)
