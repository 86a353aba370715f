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

import argparse, os, time, pathlib

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


def slow_cells_of(nb) -> list:
    "Indexes of the notebook's `#| slow` code cells."
    return [
        i
        for i, c in enumerate(nb.cells)
        if c.cell_type == 'code' and 'slow' in extract_directives(c, remove=False)
    ]


def cell_list(text: str) -> set:
    "'8,9,11' -> {8, 9, 11}: cell indexes for --slow-cells."
    try:
        return {int(i) for i in text.split(',')}
    except ValueError:
        raise argparse.ArgumentTypeError(
            f'{text!r} is not a list of cell indexes; give them comma-separated, e.g. 8,9,11'
        ) from None


def parse_args(argv=None):
    "The command line: notebooks, and --strip or --slow-cells; bad input exits with one line."
    ap = argparse.ArgumentParser(
        description=__doc__.split('\n\n')[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument('notebooks', nargs='+', type=pathlib.Path, help='notebooks to execute in place')
    how = ap.add_mutually_exclusive_group()
    how.add_argument(
        '--strip', action='store_true', help='only drop progress bars from the saved outputs'
    )
    how.add_argument(
        '--slow-cells',
        type=cell_list,
        default=set(),
        metavar='I,J',
        help='these `#| slow` cells run too (by index); the other slow cells keep their outputs',
    )
    a = ap.parse_args(argv)
    for p in a.notebooks:
        if not p.is_file():
            ap.error(f'no notebook {p}; give paths such as nbs/12_baselines.ipynb')
    for p in a.notebooks if a.slow_cells else ():
        slow = slow_cells_of(nbformat.read(p, as_version=4))
        bad = sorted(a.slow_cells - set(slow))
        if bad:
            ap.error(
                f'cell {bad[0]} of {p} is not a `#| slow` cell; its slow cells are '
                f"{', '.join(map(str, slow)) or 'none'}"
            )
    return a


if __name__ == '__main__':
    args = parse_args()
    for p in args.notebooks:
        if args.strip:
            nbformat.write(strip_progress(nbformat.read(p, as_version=4)), p)
        else:
            run(p, args.slow_cells)
