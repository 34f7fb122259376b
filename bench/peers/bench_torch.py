# torch on the GPU machine, the peer of bench/Tandem.DeviceBench's headline, saxpy and chain modes: the headline
# experiment op by op and as one CUDA graph, Saxpy bandwidth over 256M floats, the cost of tiny launches, and the
# headline on the CPU. One "RESULT key value unit (note)" line per figure, one "CHECK what ok|WRONG" line per output
# checked; the exit status is 1 when an output was wrong. Run it in the same `run` call as DeviceBench:
#   python3 bench/peers/bench_torch.py
import statistics
import sys
import time

import torch

dev = "cuda"
print("torch", torch.__version__, "cuda", torch.version.cuda, "device", torch.cuda.get_device_name(0),
      "matmul.allow_tf32", torch.backends.cuda.matmul.allow_tf32, flush=True)
results, wrong = [], []


def report(key, value, unit, note=""):
    line = f"RESULT {key} {value:.6g} {unit} {note}".rstrip()
    print(line, flush=True)
    results.append(line)


def check(what, ok):
    print(f"CHECK {what} {'ok' if ok else 'WRONG'}", flush=True)
    if not ok:
        wrong.append(what)


def time_runs(fn, warm, reps):
    """Runs fn warm times, then reps timed runs each ending with a synchronize; milliseconds per run."""
    for _ in range(warm):
        fn()
    torch.cuda.synchronize()
    times = []
    for _ in range(reps):
        torch.cuda.synchronize()
        start = time.perf_counter()
        fn()
        torch.cuda.synchronize()
        times.append((time.perf_counter() - start) * 1e3)
    return times


def report_median(key, times):
    report(key, statistics.median(times), "ms", f"(median of {len(times)}; min {min(times):.4g} max {max(times):.4g})")


# ---- the headline experiment (4096x512 @ 512x4, then 500 exp of b), all on the GPU ----
torch.manual_seed(0)
a = torch.rand(4096, 512, device=dev)
b = torch.rand(512, 4, device=dev)


def headline(a, b):
    x = a @ b
    for _ in range(500):
        b = torch.exp(b)
    return x, b


def exp_chain(b=b):
    for _ in range(500):
        b = torch.exp(b)
    return b


report_median("seed.torch_cuda.total", time_runs(lambda: headline(a, b), 10, 50))
report_median("seed.torch_cuda.matmul_only", time_runs(lambda: a @ b, 10, 50))
report_median("seed.torch_cuda.exp500_only", time_runs(exp_chain, 10, 50))
x, chained = headline(a, b)
reference = a.double().cpu() @ b.double().cpu()
check("headline matmul against float64 on the CPU", torch.allclose(x.double().cpu(), reference, rtol=1e-4, atol=1e-4))
expected_chain = b.cpu()
for _ in range(500):
    expected_chain = torch.exp(expected_chain)
check("headline exp chain against the CPU", torch.allclose(chained.cpu(), expected_chain, rtol=1e-5))

# The same as one CUDA graph replay.
try:
    static_b = b.clone()
    side = torch.cuda.Stream()
    side.wait_stream(torch.cuda.current_stream())
    with torch.cuda.stream(side):
        for _ in range(3):
            headline(a, static_b)
    torch.cuda.current_stream().wait_stream(side)
    graph = torch.cuda.CUDAGraph()
    with torch.cuda.graph(graph):
        graph_x, graph_b = headline(a, static_b)
    report_median("seed.torch_cuda_graph.total", time_runs(graph.replay, 10, 50))
    check("headline as a CUDA graph equals op by op", torch.allclose(graph_x, x) and torch.allclose(graph_b, chained))
except Exception as e:  # a missing CUDA graph must not cost the rest of a run on a machine lent for minutes
    print("FAILED cuda graph:", repr(e), flush=True)

# ---- Saxpy bandwidth, 256M floats: y += 0.5 x reads x and y and writes y ----
n = 256 * 1024 * 1024
x = torch.ones(n, device=dev)
y = torch.full((n,), 2.0, device=dev)
saxpys = 0


def saxpy(count=1):
    global saxpys
    for _ in range(count):
        y.add_(x, alpha=0.5)
    saxpys += count


median = statistics.median(time_runs(saxpy, 5, 30))
report("bw.gpu.torch_saxpy_256M", 3 * 4 * n / (median * 1e-3) / 1e9, "GB/s", f"(median op+sync {median:.4g} ms)")
median = statistics.median(time_runs(lambda: saxpy(10), 1, 5))
report("bw.gpu.torch_saxpy_256M_batched10", 10 * 3 * 4 * n / (median * 1e-3) / 1e9, "GB/s", "(10 ops then 1 sync)")
start_event, end_event = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
kernel_times = []
for _ in range(20):
    start_event.record()
    saxpy()
    end_event.record()
    end_event.synchronize()
    kernel_times.append(start_event.elapsed_time(end_event))
median = statistics.median(kernel_times)
report("bw.gpu.torch_saxpy_256M_event", 3 * 4 * n / (median * 1e-3) / 1e9, "GB/s", f"(cuda events, kernel {median:.4g} ms)")
# Every step adds 0.5 to 2.0: exact in float32 while the sum stays below 2^23.
check(f"saxpy: every element is 2 + 0.5 x {saxpys}", bool(torch.all(y == 2.0 + 0.5 * saxpys)))
del x, y
torch.cuda.empty_cache()

# ---- tiny launches ----
t1 = torch.rand(1, device=dev)


def launches(count):
    r = t1
    for _ in range(count):
        r = torch.exp(t1)
    return r


times = time_runs(lambda: launches(10000), 1, 5)
report("launch.torch_cuda.exp1_async_10000", statistics.median(times) * 1e3 / 10000, "us/op",
       "(median of 5 batches of 10000 torch.exp(1-elem) + 1 sync)")
check("tiny exp against the CPU", torch.allclose(launches(1).cpu(), torch.exp(t1.cpu()), rtol=1e-6))


def launch_and_sync(count=2000):
    for _ in range(count):
        torch.exp(t1)
        torch.cuda.synchronize()


times = time_runs(launch_and_sync, 1, 5)
report("launch.torch_cuda.exp1_plus_sync", statistics.median(times) * 1e3 / 2000, "us/op", "(2000 x (exp + synchronize))")
out = torch.empty(1, device=dev)
times = time_runs(lambda: [torch.exp(t1, out=out) for _ in range(10000)], 1, 5)
report("launch.torch_cuda.exp1_out_async_10000", statistics.median(times) * 1e3 / 10000, "us/op", "(torch.exp(t, out=o), no allocation)")

# ---- the headline on the CPU (all its threads) ----
a_cpu, b_cpu = a.cpu(), b.cpu()
for _ in range(3):
    headline(a_cpu, b_cpu)
times = []
for _ in range(20):
    start = time.perf_counter()
    cpu_x, cpu_chained = headline(a_cpu, b_cpu)
    times.append((time.perf_counter() - start) * 1e3)
report_median(f"seed.torch_cpu_{torch.get_num_threads()}thr.total", times)
check("headline on the CPU against float64", torch.allclose(cpu_x.double(), reference, rtol=1e-4, atol=1e-4)
      and torch.allclose(cpu_chained, expected_chain, rtol=1e-5))

print("==== TORCH SUMMARY ====")
for line in results:
    print(line)
print("checks:", "all ok" if not wrong else "WRONG: " + ", ".join(wrong))
sys.exit(1 if wrong else 0)
