"""A fixed small sweep through the console commands, reduced to what must not change when code is
moved around.

    python tools/fixed_sweep.py record before.json   # the sweep, in a fresh results folder
    python tools/fixed_sweep.py compare before.json after.json

It runs every method (both PiNI presets) on two testbed tasks at 1 and 4 shots with seeds 1 and 2
(`pini_sweep`), every row of Table 1 and a domain-generalisation table on small folders of testbed
renders (`pini_table1`, `pini_table3`), and a prediction with a saved injector (`pini_predict`). The
records keep every number and setting of each result.json (metrics, history, info), without timings
and without the paths of this machine.
"""

import json, os, re, subprocess, sys, tempfile
from pathlib import Path

SWEEP = [
    'pini_sweep',
    '--datasets',
    'colours-cast,compositions',
    '--shots',
    '1,4',
    '--seeds',
    '1,2',
    '--presets',
    'pini,official',
    '--quiet',
]
TIMINGS = ('seconds', 'train_seconds')


def _sh(*args):
    r = subprocess.run(
        [str(a) for a in args],
        capture_output=True,
        text=True,
        env=dict(os.environ, HF_HUB_OFFLINE='1', MPLBACKEND='Agg'),
    )
    if r.returncode != 0:
        sys.exit(f"{args[0]} failed: {r.stderr[-2000:]}")
    return r.stdout


def _folders(root):
    "Small tasks as folders of <class>/<images> (testbed renders)."
    code = (
        "import sys; from pini.testbed import make_task\n"
        "for t in ('compositions', 'shapes-clutter', 'shapes-plain'): make_task(t, "
        "sys.argv[1], n_train=6, n_val=2, n_test=6)"
    )
    _sh(sys.executable, '-c', code, root)
    return [Path(root) / t / 'images' for t in ('compositions', 'shapes-clutter', 'shapes-plain')]


def _clean(o, work):
    "The record without timings and with this run's folders replaced by a placeholder."
    if isinstance(o, dict):
        return {k: _clean(v, work) for k, v in o.items() if k not in TIMINGS}
    if isinstance(o, list):
        return [_clean(v, work) for v in o]
    if isinstance(o, str):
        return o.replace(str(work), '<work>')
    return o


def record(dest):
    work = Path(tempfile.mkdtemp(prefix='fixed-sweep-'))
    comp, clutter, plain = _folders(work / 'tasks')
    out = work / 'runs'
    _sh(*SWEEP, '--out', out)
    _sh('pini_table1', '--datasets', comp, '--shots', '2', '--seeds', '1', '--out', out / 'table1')
    _sh(
        'pini_table3',
        '--source',
        clutter,
        '--targets',
        plain,
        '--shots',
        '2',
        '--seeds',
        '1',
        '--out',
        out / 'table3',
    )
    inj = next((out / 'colours-cast').glob('testbed*/pini/4shot/seed1/injector.pt'))
    pred = _sh('pini_predict', inj, '--images', comp, '--mode', 'average', '--samples', '3')
    # the checksum covers the timings
    drop = lambda r: {k: v for k, v in r.items() if k != 'sha256'}
    recs = {
        str(p.relative_to(out).parent): _clean(drop(json.loads(p.read_text())), work)
        for p in sorted(out.rglob('result.json'))
    }
    recs['pini_predict'] = pred.replace(str(work), '<work>').splitlines()
    Path(dest).write_text(json.dumps(recs, indent=1, sort_keys=True))
    print(f'{len(recs) - 1} runs and a prediction recorded in {dest} (work folder {work})')


# a folder's dataset key hashes its path and files' times: the same folder, made again
FOLDER_KEY = re.compile(r'images-[0-9a-f]{8}')


def _norm(o):
    "The record with the keys of the folder datasets made for it replaced by one name."
    if isinstance(o, dict):
        return {FOLDER_KEY.sub('images-<key>', k): _norm(v) for k, v in o.items()}
    if isinstance(o, list):
        return [_norm(v) for v in o]
    return FOLDER_KEY.sub('images-<key>', o) if isinstance(o, str) else o


def compare(a, b):
    ra, rb = _norm(json.loads(Path(a).read_text())), _norm(json.loads(Path(b).read_text()))
    diff = sorted(k for k in set(ra) | set(rb) if ra.get(k) != rb.get(k))
    print(
        f'{len(ra)} and {len(rb)} entries; {len(diff)} differ'
        + (': ' + ', '.join(diff[:20]) if diff else '')
    )
    return not diff


if __name__ == '__main__':
    if sys.argv[1] == 'record':
        record(sys.argv[2])
    elif sys.argv[1] == 'compare':
        sys.exit(0 if compare(sys.argv[2], sys.argv[3]) else 1)
    else:
        sys.exit(__doc__)
