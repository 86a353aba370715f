"""Checks of the package's shape that the tests hold to (tests/test_structure.py):

    python tools/structure.py            # print every finding; exit 1 if there is one

- no module imports a private name (`_x`) from another module of the package;
- `cli` imports only `experiments` and what lies below it; `paper` does not import `cli`;
- no function of the library or of `tools/` holds more than 40 statements, and no notebook cell
  does (statements, not lines: packing code into fewer lines does not make it shorter);
- no line of the library, `tools/`, `tests/` or the notebooks' code is longer than 100 characters,
  and no line holds two statements (`a; b`, `if x: y`); the code is as `ruff format` leaves it;
- every exported function and class is named in a test cell (a code cell that exports nothing) of
  its notebook, after its definition;
- a test cell with an import holds imports only (the docs' processing runs every cell that imports),
  and no notebook imports a private name of the package.
"""

import ast, collections, json, re, subprocess, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MAX = 40  # statements in a function or a notebook cell
WIDTH = 100  # characters in a line


def modules(root=ROOT) -> dict:
    return {
        p.stem: ast.parse(p.read_text())
        for p in sorted((Path(root) / 'pini').glob('*.py'))
        if p.stem not in ('__init__', '_modidx')
    }


def imports(tree) -> list:
    """(module, name) for every `from .module import name` / `from pini.module import name` and
    (module, None) for `import pini.module`."""
    out = []
    for n in ast.walk(tree):
        if (
            isinstance(n, ast.ImportFrom)
            and n.module
            and (n.level == 1 or n.module.startswith('pini'))
        ):
            mod = n.module.split('.')[-1] if n.module != 'pini' else None
            for a in n.names:
                out.append((mod, a.name) if mod else (a.name, None))
        elif isinstance(n, ast.Import):
            out += [(a.name.split('.')[1], None) for a in n.names if a.name.startswith('pini.')]
    return out


def private_imports(mods) -> list:
    return [
        f'{m} imports the private name {n} from {src}'
        for m, t in mods.items()
        for src, n in imports(t)
        if n and n.startswith('_') and src in mods
    ]


def below(mods, top) -> set:
    "The modules `top` imports, directly or through others."
    seen, todo = set(), [top]
    while todo:
        for src, _ in imports(mods[todo.pop()]):
            if src in mods and src not in seen:
                seen.add(src)
                todo.append(src)
    return seen


def layer_rules(mods) -> list:
    out = []
    if 'cli' in mods:
        direct = {s for s, _ in imports(mods['cli']) if s in mods}
        allowed = {'experiments'} | (below(mods, 'experiments') if 'experiments' in mods else set())
        out += [
            f'cli imports {s}, which is not experiments or below it'
            for s in sorted(direct - allowed)
        ]
    if 'paper' in mods and 'cli' in below(mods, 'paper'):
        out.append('paper imports cli')
    return out


def statements(node) -> int:
    "The statements inside `node`, nested ones included, without `node` itself and its docstring."
    n = sum(isinstance(x, ast.stmt) for x in ast.walk(node)) - isinstance(node, ast.stmt)
    body = getattr(node, 'body', None) or [None]
    doc = isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant)
    return n - (doc and isinstance(body[0].value.value, str))


def long_functions(mods) -> list:
    out = []
    for m, t in mods.items():
        for n in ast.walk(t):
            if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) and statements(n) > MAX:
                out.append(f'{m}.{n.name} holds {statements(n)} statements (at most {MAX})')
    return out


def tool_modules(root=ROOT) -> dict:
    root = Path(root)
    return {
        str(p.relative_to(root)): ast.parse(p.read_text())
        for p in sorted(root.glob('tools/**/*.py'))
    }


def _src(c):
    return ''.join(c['source'])


def _exported(c):
    return c['cell_type'] == 'code' and re.search(r'^#\|\s*export', _src(c), re.M) is not None


def notebooks(root=ROOT) -> list:
    return sorted((Path(root) / 'nbs').glob('*.ipynb'))


def _code(c) -> str:
    "A code cell's Python, its IPython lines (`%magic`, `!shell`) blanked: line numbers stay."
    return re.sub(r'^\s*[%!].*$', '', _src(c), flags=re.M)


def cell_trees(root=ROOT):
    "(where, tree) for every notebook code cell that parses."
    for p in notebooks(root):
        for i, c in enumerate(json.loads(p.read_text())['cells']):
            if c['cell_type'] != 'code':
                continue
            try:
                yield f'{p.name} cell {i}', ast.parse(_code(c))
            except SyntaxError:
                continue


def long_cells(root=ROOT) -> list:
    return [
        f'{where} holds {statements(t)} statements (at most {MAX})'
        for where, t in cell_trees(root)
        if statements(t) > MAX
    ]


def sources(root=ROOT):
    "(where, text) for the library's modules, tools/, tests/ and every notebook code cell."
    root = Path(root)
    for d in ('pini', 'tools', 'tests'):
        for p in sorted((root / d).rglob('*.py')):
            if p.name != '_modidx.py':
                yield str(p.relative_to(root)), p.read_text()
    for p in notebooks(root):
        for i, c in enumerate(json.loads(p.read_text())['cells']):
            if c['cell_type'] == 'code':
                yield f'{p.name} cell {i}', _src(c)


def long_lines(root=ROOT) -> list:
    """Lines over WIDTH characters. nbdev writes two kinds of line itself, at its own width: a
    module's first line (its notebook's description) and its `__all__`."""
    out = []
    for where, text in sources(root):
        in_all = False
        for k, line in enumerate(text.splitlines(), 1):
            in_all = line.startswith('__all__ = ') or (in_all and line.startswith(' '))
            generated = where.startswith('pini/') and (in_all or k == 1)
            if len(line) > WIDTH and not generated:
                out.append(f'{where} line {k} has {len(line)} characters (at most {WIDTH})')
    return out


def packed_lines(root=ROOT) -> list:
    "Lines that hold more than one statement: `a; b` or `if x: y`."
    out = []
    for where, text in sources(root):
        try:
            tree = ast.parse(re.sub(r'^\s*[%!].*$', '', text, flags=re.M))
        except SyntaxError:
            continue
        starts = collections.Counter(n.lineno for n in ast.walk(tree) if isinstance(n, ast.stmt))
        out += [
            f'{where} line {k} holds {n} statements' for k, n in sorted(starts.items()) if n > 1
        ]
    return out


def unformatted(root=ROOT) -> list:
    "Files that `ruff format` (the settings in pyproject.toml) would change."
    cmd = ['ruff', 'format', '--check', '--output-format', 'concise']
    cmd += ['--config', str(ROOT / 'pyproject.toml'), 'nbs', 'tools', 'tests']
    try:
        r = subprocess.run(cmd, cwd=root, capture_output=True, text=True)
    except FileNotFoundError:
        return ['ruff is not installed: pip install -e ".[dev]"']
    return [
        f'ruff format would change {line.split(":")[0]}'
        for line in r.stdout.splitlines()
        if 'unformatted' in line
    ]


def untested(root=ROOT) -> list:
    "Exported top-level functions and classes that no later test cell of their notebook names."
    out = []
    for p in notebooks(root):
        cells = json.loads(p.read_text())['cells']
        for i, c in enumerate(cells):
            if not _exported(c):
                continue
            try:
                tree = ast.parse(re.sub(r'^\s*#\|.*$', '', _src(c), flags=re.M))
            except SyntaxError:
                continue
            names = [
                n.name
                for n in tree.body
                if isinstance(n, (ast.FunctionDef, ast.ClassDef)) and not n.name.startswith('_')
            ]
            later = '\n'.join(
                _src(d) for d in cells[i + 1 :] if d['cell_type'] == 'code' and not _exported(d)
            )
            out += [
                f'{p.name}: {n} has no test cell'
                for n in names
                if not re.search(rf'\b{re.escape(n)}\b', later)
            ]
    return out


def mixed_import_cells(root=ROOT) -> list:
    "Test cells that import and do something else (nbdev's docs processing would execute them)."
    out = []
    for p in notebooks(root):
        for i, c in enumerate(json.loads(p.read_text())['cells']):
            if c['cell_type'] != 'code' or _exported(c) or 'nbdev_export()' in _src(c):
                continue
            try:
                tree = ast.parse(re.sub(r'^\s*#\|.*$', '', _src(c), flags=re.M))
            except SyntaxError:
                continue
            nodes = list(ast.walk(tree))
            if any(isinstance(n, (ast.Import, ast.ImportFrom)) for n in nodes) and any(
                isinstance(n, (ast.Expr, ast.Assign)) for n in nodes
            ):
                out.append(f'{p.name} cell {i} mixes imports with other code')
    return out


def private_imports_in_notebooks(root=ROOT) -> list:
    "Notebook cells that import a private name of a pini module (tests too use the public names)."
    out, pat = [], re.compile(r'^\s*from pini\.(\w+) import (.*)$', re.M)
    for p in notebooks(root):
        for i, c in enumerate(json.loads(p.read_text())['cells']):
            if c['cell_type'] != 'code':
                continue
            for mod, names in pat.findall(_src(c)):
                out += [
                    f'{p.name} cell {i} imports the private name {n} from pini.{mod}'
                    for n in re.split(r'[,\s()]+', names)
                    if n.startswith('_')
                ]
    return out


def findings(root=ROOT) -> list:
    mods = modules(root)
    return (
        private_imports(mods)
        + layer_rules(mods)
        + long_functions(mods)
        + long_functions(tool_modules(root))
        + long_cells(root)
        + long_lines(root)
        + packed_lines(root)
        + unformatted(root)
        + untested(root)
        + mixed_import_cells(root)
        + private_imports_in_notebooks(root)
    )


if __name__ == '__main__':
    f = findings()
    print('\n'.join(f) or 'no findings')
    print(f'{len(f)} finding(s)')
    sys.exit(1 if f else 0)
