# Joins the RESULT lines of Tandem.DeviceBench and of its peers (torch, NumPy) from one run into one table: each
# workload's Tandem figure, the peer's, and Tandem's speed as a fraction of the peer's (above 100 % is faster).
# Missing figures show as "–" (a mode that did not run, a size a device could not hold).
#   python3 bench/compare.py gpu|cpu FILE...
import re
import sys

# (workload, Tandem's key, the peer's key, "higher" when a larger value is better, else "lower")
GPU = [
    ("exp(2x + y) 16M floats, new outputs (ms)", "elementwise.tandem_gpu.exp_2x_plus_y_16M", "elementwise.torch_cuda.exp_2x_plus_y_16M", "lower"),
    ("add contiguous, new result (GB/s)", "elementwise.gpu.add_contiguous", "elementwise.torch_cuda.add_contiguous", "higher"),
    ("multiply scalar, new result (GB/s)", "elementwise.gpu.multiply_scalar", "elementwise.torch_cuda.multiply_scalar", "higher"),
    ("add row broadcast, new result (GB/s)", "elementwise.gpu.add_row_broadcast", "elementwise.torch_cuda.add_row_broadcast", "higher"),
    ("add column broadcast, new result (GB/s)", "elementwise.gpu.add_column_broadcast", "elementwise.torch_cuda.add_column_broadcast", "higher"),
    ("add transposed, new result (GB/s)", "elementwise.gpu.add_transposed", "elementwise.torch_cuda.add_transposed", "higher"),
    ("Random.Normal 64M floats (GB/s)", "normal.tandem_gpu.64M", "normal.torch_cuda.64M", "higher"),
    ("Sum 256M floats (GB/s)", "sum.gpu.tandem.256M", "sum.torch_cuda.256M", "higher"),
    ("Sum axis 0 of [16384, 16384] (GB/s)", "sum_axis0.gpu.tandem.16384x16384", "sum_axis0.torch_cuda.16384x16384", "higher"),
    ("Sum axis 1 of [16384, 16384] (GB/s)", "sum_axis1.gpu.tandem.16384x16384", "sum_axis1.torch_cuda.16384x16384", "higher"),
    ("Matmul fp32 1024³ (TFLOP/s, TF32 off)", "matmul.gpu.tandem.1024", "matmul.torch_cuda.1024", "higher"),
    ("Matmul fp32 2048³ (TFLOP/s, TF32 off)", "matmul.gpu.tandem.2048", "matmul.torch_cuda.2048", "higher"),
    ("Matmul fp32 4096³ (TFLOP/s, TF32 off)", "matmul.gpu.tandem.4096", "matmul.torch_cuda.4096", "higher"),
    ("256 MB round trip (ms)", "roundtrip.tandem_gpu.256MB", "roundtrip.torch.256MB", "lower"),
    ("256 MB round trip, read with CopyTo into a kept buffer (ms)", "roundtrip.tandem_gpu.256MB_CopyTo", "roundtrip.torch.256MB", "lower"),
    ("headline all-GPU (ms)", "seed.tandem.gpu.total", "headline.torch_cuda.gpu", "lower"),
    ("headline mixed (ms; torch: all-GPU op by op)", "seed.tandem.mixed.total", "headline.torch_cuda.gpu", "lower"),
    ("Saxpy 256M into existing arrays (GB/s)", "bw.gpu.tandem_saxpy_256M", "bw.gpu.torch_saxpy_256M", "higher"),
    ("tiny op, 1-element exp, async (µs/op)", "launch.tandem_gpu.exp1_async_10000", "launch.torch_cuda.exp1_async_10000", "lower"),
]
CPU = [
    ("Matmul fp32 512³ (GFLOP/s)", "matmul.cpu.tandem.512", "matmul.512", "higher"),
    ("Matmul fp32 1024³ (GFLOP/s)", "matmul.cpu.tandem.1024", "matmul.1024", "higher"),
    ("Matmul fp32 1024³ through the system BLAS (GFLOP/s)", "matmul.cpu.blas.1024", "matmul.1024", "higher"),
    ("Matmul fp32 2048³ (GFLOP/s)", "matmul.cpu.tandem.2048", "matmul.2048", "higher"),
    ("Matmul fp64 1024³ (GFLOP/s)", "matmul.cpu.tandem_f64.1024", "matmul_f64.1024", "higher"),
    ("Sum 16M floats (GB/s)", "sum.cpu.tandem.16M", "sum.16M", "higher"),
    ("Sum axis 0 of [4096, 4096] (GB/s)", "sum_axis0.cpu.tandem.4096x4096", "sum_axis0.4096x4096", "higher"),
    ("Sum axis 0 of [16384, 1024] (GB/s)", "sum_axis0.cpu.tandem.16384x1024", "sum_axis0.16384x1024", "higher"),
    ("Sum axis 1 of a transposed [4096, 4096] (GB/s)", "sum_axis1_transposed.cpu.tandem.4096x4096", "sum_axis1_transposed.4096x4096", "higher"),
    ("exp(2x + y) 16M floats, new outputs (ms)", "elementwise.tandem_cpu.exp_2x_plus_y_16M", "elementwise.numpy.exp_2x_plus_y_16M", "lower"),
    ("add contiguous, new result (GB/s)", "elementwise.cpu.add_contiguous", "elementwise.numpy.add_contiguous", "higher"),
    ("multiply scalar, new result (GB/s)", "elementwise.cpu.multiply_scalar", "elementwise.numpy.multiply_scalar", "higher"),
    ("add row broadcast, new result (GB/s)", "elementwise.cpu.add_row_broadcast", "elementwise.numpy.add_row_broadcast", "higher"),
    ("add column broadcast, new result (GB/s)", "elementwise.cpu.add_column_broadcast", "elementwise.numpy.add_column_broadcast", "higher"),
    ("add transposed, new result (GB/s)", "elementwise.cpu.add_transposed", "elementwise.numpy.add_transposed", "higher"),
    ("256 MB round trip (ms)", "roundtrip.tandem_cpu.256MB", "roundtrip.numpy.256MB", "lower"),
    ("256 MB round trip, read with CopyTo into a kept buffer (ms)", "roundtrip.tandem_cpu.256MB_CopyTo", "roundtrip.numpy.256MB", "lower"),
]

# DeviceBench's ops-cpu against bench_numpy_cpu.py's ops section: one row per op, in milliseconds (lower is better).
OPS = ["greater_scalar", "greater_scalar_transposed", "greater_row_broadcast", "greater_column_broadcast",
       "greater_transposed", "where_scalar", "where_arrays", "tanh", "sin", "astype_int", "eye", "concatenate_axis1",
       "stack_axis0", "broadcast_row_contiguous", "take_axis0", "max_axis1", "argmax_axis1", "argmax_axis0", "max_axis0",
       "softmax_axis1", "softmax_axis0", "matvec", "vecmat", "random_uniform", "random_normal", "random_randint",
       "random_bernoulli", "random_normal_float64"]
CPU += [(f"{name} [2048, 2048] (ms)", f"ops.cpu.{name}", f"ops.numpy.{name}", "lower") for name in OPS]


def read(paths):
    """Key -> (value, unit) from every RESULT line; a key seen twice keeps its best value (rounds of a shared machine)."""
    figures = {}
    for path in paths:
        with open(path, encoding="utf-8", errors="replace") as file:
            for line in file:
                match = re.match(r"RESULT (\S+) ([-+0-9.eE]+|nan|inf) (\S+)", line.strip())
                if match:
                    key, value, unit = match.group(1), float(match.group(2)), match.group(3)
                    lower = unit in ("ms", "us/op", "s")
                    if key not in figures or (value < figures[key][0] if lower else value > figures[key][0]):
                        figures[key] = (value, unit)
    return figures


def main():
    if len(sys.argv) < 3 or sys.argv[1] not in ("gpu", "cpu"):
        sys.exit("usage: python3 bench/compare.py gpu|cpu FILE...")
    figures = read(sys.argv[2:])
    print("| workload | Tandem | peer | Tandem's speed / the peer's |")
    print("|---|---|---|---|")
    for label, ours, peer, better in GPU if sys.argv[1] == "gpu" else CPU:
        a, b = figures.get(ours), figures.get(peer)
        ratio = "–"
        if a and b and a[0] > 0 and b[0] > 0:
            ratio = f"{100 * (a[0] / b[0] if better == 'higher' else b[0] / a[0]):.0f} %"
        show = lambda f: f"{f[0]:.4g}" if f else "–"
        print(f"| {label} | {show(a)} | {show(b)} | {ratio} |")


main()
