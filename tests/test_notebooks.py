"""Run every notebook in nbs/ as a test (nbdev's runner), so one pytest summary covers them all.

Cells flagged `#| slow` run only with PINI_SLOW=1; cells flagged `#| gpu` run only where CUDA
exists.
"""

import os, sys, pathlib, pytest, torch
from nbdev.test import test_nb as run_notebook

ROOT = pathlib.Path(__file__).resolve().parents[1]
NBS = sorted(p for p in (ROOT / 'nbs').glob('*.ipynb') if not p.name.startswith('_'))
# The longest notebooks first, spread so that with `pytest -n 2 --dist load --maxschedchunk 1` (two
# workers, each handed two tests at the start) one worker runs 24_own_data while the other runs
# 10_testbed then 14_cli.
_FIRST = ['24_own_data', '00_core', '10_testbed', '14_cli']
NBS = sorted(NBS, key=lambda p: (_FIRST.index(p.stem) if p.stem in _FIRST else len(_FIRST), p.stem))


def _flags():
    force = []
    if os.environ.get('PINI_SLOW') == '1':
        force.append('slow')
    if torch.cuda.is_available():
        force.append('gpu')
    return ['slow', 'gpu'], force


@pytest.mark.parametrize('nb', NBS, ids=[p.stem for p in NBS])
def test_notebook(nb, capsys):
    skip, force = _flags()
    ok, secs = run_notebook(nb, skip_flags=skip, force_flags=force, basepath=ROOT)
    assert ok, f'{nb.name} failed (traceback above)'
