#!/usr/bin/env bash
# The GPU check, run on a CUDA machine from the repository root (no network needed):
#   the notebooks with `#| gpu` cells (and the CPU cells they build on), then the benchmark on the GPU (fp32, fp16).
# Packages the machine lacks may be given as wheels in .whl/ (installed to /tmp/site, not system-wide).
set -uo pipefail
export HF_HUB_OFFLINE=1 MPLBACKEND=Agg PYTHONUNBUFFERED=1 PINI_HOME=/tmp/pini_home
if ls .whl/*.whl >/dev/null 2>&1; then
  python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site .whl/*.whl || exit 1
  export PYTHONPATH=/tmp/site:$PWD
else
  export PYTHONPATH=$PWD
fi
out=${OUT:-/tmp/gpu_out}; mkdir -p "$out"
nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv | tee "$out/gpu.txt"
python3 -c "import torch; print('torch', torch.__version__, 'cuda', torch.cuda.is_available())" | tee -a "$out/gpu.txt"
t0=$(date +%s)
python3 -m pytest -q tests/test_notebooks.py -k "01_backbones or 02_posterior or 03_objective or 04_generators or 05_injection" 2>&1 | tail -15 | tee "$out/pytest.txt"
echo "gpu tests: $(( $(date +%s) - t0 ))s" | tee -a "$out/pytest.txt"
python3 tools/benchmark.py --device cuda --out "$out" 2>&1 | tail -20
python3 tools/benchmark.py --device cuda --precision fp16 --out "$out" 2>&1 | tail -3
echo "total: $(( $(date +%s) - t0 ))s"
