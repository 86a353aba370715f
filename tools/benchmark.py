"""The performance benchmark, `pini.bench` (nbs/22_performance): the same command as `pini_bench`.

    python tools/benchmark.py                  # CPU, random-weight ViT-B-32: benchmarks/cpu.json
    python tools/benchmark.py --device cuda    # the GPU path
    python tools/benchmark.py --only eval_raw_each,eval_raw_shared
                                               # some scenarios: benchmarks/cpu-only.json

Run it from the repository root: results go to ./benchmarks, which the performance page renders.
"""

from pini.bench import pini_bench

if __name__ == '__main__':
    pini_bench()
