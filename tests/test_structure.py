"""The package's shape (tools/structure.py): layers, function and cell sizes, a test cell for every exported name."""
import json, pathlib, shutil, sys
ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / 'tools'))
import structure

def test_structure():
    found = structure.findings()
    assert not found, '\n'.join(found)

def test_structure_finds_planted_faults(tmp_path):
    "Each rule reports a fault planted in a copy of the package and its notebooks."
    shutil.copytree(ROOT / 'pini', tmp_path / 'pini'); shutil.copytree(ROOT / 'nbs', tmp_path / 'nbs')
    cli = tmp_path / 'pini' / 'cli.py'
    cli.write_text(cli.read_text() + '\nfrom .features import _normalize_nothing\nfrom .paper import table1\n'
                   + 'def too_long():\n' + '    x = 1\n' * 45)
    paper = tmp_path / 'pini' / 'paper.py'; paper.write_text(paper.read_text() + '\nfrom .cli import pini_run\n')
    nb = tmp_path / 'nbs' / '00_core.ipynb'; d = json.loads(nb.read_text())
    code = lambda s: dict(cell_type='code', metadata={}, outputs=[], execution_count=None, source=s)
    d['cells'] += [code('#| export\ndef orphan(): return 1'), code('import os\nx = os.sep'), code('from pini.features import _hidden'), code('\n'.join(['y = 1'] * 45))]
    nb.write_text(json.dumps(d))
    found = '\n'.join(structure.findings(tmp_path))
    for want in ('cli imports the private name _normalize_nothing from features', 'cli imports paper, which is not experiments or below it',
                 'paper imports cli', 'cli.too_long has 46 lines', '00_core.ipynb: orphan has no test cell',
                 'mixes imports with other code', 'imports the private name _hidden from pini.features', 'has 45 lines (at most 40)'):
        assert want in found, (want, found)
