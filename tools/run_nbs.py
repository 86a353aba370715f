"""Execute notebooks in place, saving their outputs for the docs (nbdev renders saved outputs; it
does not execute).

    PINI_SLOW=1 python tools/run_nbs.py nbs/16_table1.ipynb ...
                                 # `#| slow` cells run too; `#| gpu` cells only with CUDA

    python tools/run_nbs.py --slow-cells 51 nbs/12_baselines.ipynb
                                 # these `#| slow` cells run too (by index), the others keep theirs

    python tools/run_nbs.py --strip nbs/20_figure4.ipynb   # only drop progress bars from outputs

Then run `nbdev_clean` and commit. Tests (pytest tests) execute the notebooks afresh and never write
them.
"""

import os, sys, time, pathlib

os.environ.setdefault('MPLBACKEND', 'Agg')
os.environ.setdefault('HF_HUB_OFFLINE', '1')
import nbformat, torch
from execnb.shell import CaptureShell
from nbdev.process import NBProcessor, extract_directives


def strip_progress(nb):
    """Drop stderr streams (progress bars, warnings) from saved outputs: the docs show results, not
    bars."""
    for c in nb.cells:
        if c.cell_type == 'code':
            c.outputs = [
                o
                for o in c.get('outputs', [])
                if not (o.output_type == 'stream' and o.name == 'stderr')
            ]
    return nb


def run(path, slow_cells=()):
    "Execute the notebook at `path` in place; `slow_cells`: indexes of `#| slow` cells to run too."
    path = pathlib.Path(path)
    nb = nbformat.read(path, as_version=4)
    skip = set() if os.environ.get('PINI_SLOW') == '1' else {'slow'}
    if not torch.cuda.is_available():
        skip.add('gpu')
    sh = CaptureShell(path)
    t0 = time.time()
    cwd = os.getcwd()
    os.chdir(path.parent)
    try:
        for i, c in enumerate(nb.cells):
            if c.cell_type != 'code':
                continue
            c.idx_ = i
            d = extract_directives(c, remove=False)
            if 'nbdev_export()' in c.source or d.get('eval:', [''])[0] == 'false':
                c.outputs = []
                continue
            # not run this time: the outputs saved by a run with them stay (a slow cell asked for
            # by its index runs)
            held = skip & set(d)
            if held and not (held == {'slow'} and i in slow_cells):
                continue
            sh.cell(c)
            if sh.exc:
                raise RuntimeError(f'{path.name}: cell failed:\n{c.source[:500]}') from sh.exc
    finally:
        os.chdir(cwd)
    for c in nb.cells:
        c.pop('idx_', None)
    nbformat.write(strip_progress(nb), path)
    print(f'{path.name}: {time.time() - t0:.0f}s', flush=True)


if __name__ == '__main__':
    if sys.argv[1] == '--strip':  # only remove progress output from already executed notebooks
        for p in sys.argv[2:]:
            nbformat.write(strip_progress(nbformat.read(p, as_version=4)), p)
    elif sys.argv[1] == '--slow-cells':
        for p in sys.argv[3:]:
            run(p, {int(i) for i in sys.argv[2].split(',')})
    else:
        for p in sys.argv[1:]:
            run(p)
