"""The package's shape (tools/structure.py): layers, function and cell sizes, a test cell for every
exported name."""

import json, pathlib, shutil, sys

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / 'tools'))
import structure


def test_structure():
    found = structure.findings()
    assert not found, '\n'.join(found)


def test_structure_finds_planted_faults(tmp_path):
    "Each rule reports a fault planted in a copy of the package, its tools, tests and notebooks."
    for d in ('pini', 'nbs', 'tools', 'tests'):
        shutil.copytree(ROOT / d, tmp_path / d)
    cli = tmp_path / 'pini' / 'cli.py'
    # 44 statements packed into 11 lines: packing does not make a function shorter
    packed = 'def too_long():\n' + '    x = 1; y = 2; z = 3; w = 4\n' * 11
    cli.write_text(
        cli.read_text()
        + '\nfrom .features import _normalize_nothing\nfrom .paper import table1\n'
        + packed
        + 'if True: print(1)\n'
    )
    paper = tmp_path / 'pini' / 'paper.py'
    paper.write_text(paper.read_text() + '\nfrom .cli import pini_run\n')
    tool = 'def big():\n' + ''.join(f'    a{k} = {k}\n' for k in range(41)) + f"X = '{'a' * 100}'\n"
    (tmp_path / 'tools' / 'planted.py').write_text(tool)
    (tmp_path / 'tests' / 'test_planted.py').write_text('x=1\n')
    nb = tmp_path / 'nbs' / '00_core.ipynb'
    d = json.loads(nb.read_text())
    code = lambda s: dict(cell_type='code', metadata={}, outputs=[], execution_count=None, source=s)
    chain = '; '.join(['y = 1'] * 41)
    d['cells'] += [
        code('#| export\ndef orphan():\n    return 1'),
        code('import os\n\nx = os.sep'),
        code('from pini.features import _hidden'),
        code(chain),
    ]
    nb.write_text(json.dumps(d))
    cell = len(d['cells']) - 1
    found = '\n'.join(structure.findings(tmp_path))
    n = len(cli.read_text().splitlines())
    for want in (
        'cli imports the private name _normalize_nothing from features',
        'cli imports paper, which is not experiments or below it',
        'paper imports cli',
        'cli.too_long holds 44 statements (at most 40)',
        f'pini/cli.py line {n - 1} holds 4 statements',
        f'pini/cli.py line {n} holds 2 statements',
        'tools/planted.py.big holds 41 statements (at most 40)',
        'tools/planted.py line 43 has 106 characters (at most 100)',
        'ruff format would change tests/test_planted.py',
        '00_core.ipynb: orphan has no test cell',
        'mixes imports with other code',
        'imports the private name _hidden from pini.features',
        f'00_core.ipynb cell {cell} holds 41 statements (at most 40)',
        f'00_core.ipynb cell {cell} line 1 holds 41 statements',
        f'00_core.ipynb cell {cell} line 1 has {len(chain)} characters (at most 100)',
    ):
        assert want in found, (want, found)
    # nbdev's own lines (a module's description, its `__all__`) are not the code's
    assert 'pini/core.py line 1 ' not in found
