#!/usr/bin/env python3
# Per-kernel times of a Tandem trace (TANDEM_TRACE=run.json, or Mx.Trace.Stop("run.json")): for each lane (a stream,
# the transfers, the host thread) and slice name, the count, median, fastest, 90th percentile and total, largest total
# first. GPU slices carry the device's own timestamps, so a kernel's median against the wall time of the op that ran
# it says how much of the op is the kernel. On the GPU machine, where a whole run's trace is too large to bring back:
#   TANDEM_TRACE=/tmp/run.json bash bench/device/run.sh residency reduce; python3 bench/trace_kernels.py /tmp/run.json
#   python3 bench/trace_kernels.py run.json [rows]
import collections
import json
import statistics
import sys

trace = json.load(open(sys.argv[1]))
events = trace["traceEvents"] if isinstance(trace, dict) else trace
rows = int(sys.argv[2]) if len(sys.argv) > 2 else 40
lanes = {(e.get("pid"), e.get("tid")): e["args"]["name"] for e in events if e.get("ph") == "M" and e.get("name") == "thread_name"}
slices = collections.defaultdict(list)
for e in events:
    if e.get("ph") == "X":
        slices[(lanes.get((e.get("pid"), e.get("tid")), str(e.get("tid"))), e["name"])].append(e.get("dur", 0))
print(f"{'lane':28} {'slice':60} {'count':>7} {'median µs':>10} {'fastest':>9} {'p90':>9} {'total ms':>9}")
for (lane, name), durations in sorted(slices.items(), key=lambda item: -sum(item[1]))[:rows]:
    durations.sort()
    print(f"{lane[:28]:28} {name[:60]:60} {len(durations):7} {statistics.median(durations):10.2f} {durations[0]:9.2f} "
          f"{durations[int(len(durations) * 0.9)]:9.2f} {sum(durations) / 1e3:9.2f}")
