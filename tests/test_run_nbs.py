"""tools/run_nbs.py: which cells it runs, and its command line's one-line errors."""

import pathlib, sys

import nbformat
import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / 'tools'))
import run_nbs


def small_notebook(path):
    "A notebook of a plain cell and two `#| slow` cells, each printing its name."
    cells = [
        nbformat.v4.new_code_cell("print('plain')"),
        nbformat.v4.new_code_cell("#| slow\nprint('slow one')"),
        nbformat.v4.new_code_cell("#| slow\nprint('slow two')"),
    ]
    cells[2].outputs = [nbformat.v4.new_output('stream', name='stdout', text='saved before\n')]
    nbformat.write(nbformat.v4.new_notebook(cells=cells), path)
    return path


def printed(path):
    "Each cell's saved stdout."
    nb = nbformat.read(path, as_version=4)
    return [''.join(o.get('text', '') for o in c.outputs) for c in nb.cells]


def test_slow_cells_run_only_when_asked(tmp_path, monkeypatch):
    monkeypatch.delenv('PINI_SLOW', raising=False)
    nb = small_notebook(tmp_path / 'small.ipynb')
    run_nbs.run(nb, {1})
    # the plain cell and the chosen slow cell ran; the other slow cell kept its saved output
    assert printed(nb) == ['plain\n', 'slow one\n', 'saved before\n']
    assert run_nbs.slow_cells_of(nbformat.read(nb, as_version=4)) == [1, 2]


@pytest.mark.parametrize(
    'argv, message',
    [
        (['--slow-cells', '1,x', 'NB'], "'1,x' is not a list of cell indexes"),
        (
            ['--slow-cells', '0', 'NB'],
            'cell 0 of NB is not a `#| slow` cell; its slow cells are 1, 2',
        ),
        (['missing.ipynb'], 'no notebook missing.ipynb'),
        (['--strip', '--slow-cells', '1', 'NB'], 'not allowed with argument'),
    ],
)
def test_bad_command_lines_exit_with_one_line(tmp_path, capsys, argv, message):
    nb = str(small_notebook(tmp_path / 'small.ipynb'))
    with pytest.raises(SystemExit) as e:
        run_nbs.parse_args([nb if a == 'NB' else a for a in argv])
    assert e.value.code == 2
    err = capsys.readouterr().err.strip().splitlines()[-1]
    assert message.replace('NB', nb) in err, err
