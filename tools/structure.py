"""Checks of the package's shape that the tests hold to (tests/test_structure.py):

    python tools/structure.py            # print every finding; exit 1 if there is one

- no module imports a private name (`_x`) from another module of the package;
- `cli` imports only `experiments` and what lies below it; `paper` does not import `cli`;
- no exported function or method is longer than 40 lines, and no notebook cell is;
- every exported function and class is named in a test cell (a code cell that exports nothing) of its notebook,
  after its definition;
- a test cell with an import holds imports only (the docs' processing runs every cell that imports), and no
  notebook imports a private name of the package.
"""
import ast, json, re, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MAX = 40

def modules(root=ROOT)->dict:
    return {p.stem: ast.parse(p.read_text()) for p in sorted((Path(root) / 'pini').glob('*.py')) if p.stem not in ('__init__', '_modidx')}

def imports(tree)->list:
    "(module, name) for every `from .module import name` / `from pini.module import name` and (module, None) for `import pini.module`."
    out = []
    for n in ast.walk(tree):
        if isinstance(n, ast.ImportFrom) and n.module and (n.level == 1 or n.module.startswith('pini')):
            mod = n.module.split('.')[-1] if n.module != 'pini' else None
            for a in n.names: out.append((mod, a.name) if mod else (a.name, None))
        elif isinstance(n, ast.Import):
            out += [(a.name.split('.')[1], None) for a in n.names if a.name.startswith('pini.')]
    return out

def private_imports(mods)->list:
    return [f'{m} imports the private name {n} from {src}' for m, t in mods.items() for src, n in imports(t)
            if n and n.startswith('_') and src in mods]

def below(mods, top)->set:
    "The modules `top` imports, directly or through others."
    seen, todo = set(), [top]
    while todo:
        for src, _ in imports(mods[todo.pop()]):
            if src in mods and src not in seen: seen.add(src); todo.append(src)
    return seen

def layer_rules(mods)->list:
    out = []
    if 'cli' in mods:
        direct = {s for s, _ in imports(mods['cli']) if s in mods}
        allowed = {'experiments'} | (below(mods, 'experiments') if 'experiments' in mods else set())
        out += [f'cli imports {s}, which is not experiments or below it' for s in sorted(direct - allowed)]
    if 'paper' in mods and 'cli' in below(mods, 'paper'): out.append('paper imports cli')
    return out

def long_functions(mods)->list:
    out = []
    for m, t in mods.items():
        for n in ast.walk(t):
            if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) and n.end_lineno - n.lineno + 1 > MAX:
                out.append(f'{m}.{n.name} has {n.end_lineno - n.lineno + 1} lines (at most {MAX})')
    return out

def _src(c): return ''.join(c['source'])
def _exported(c): return c['cell_type'] == 'code' and re.search(r'^#\|\s*export', _src(c), re.M) is not None

def notebooks(root=ROOT)->list: return sorted((Path(root) / 'nbs').glob('*.ipynb'))

def long_cells(root=ROOT)->list:
    out = []
    for p in notebooks(root):
        for i, c in enumerate(json.loads(p.read_text())['cells']):
            n = len(_src(c).splitlines())
            if c['cell_type'] == 'code' and n > MAX: out.append(f'{p.name} cell {i} has {n} lines (at most {MAX})')
    return out

def untested(root=ROOT)->list:
    "Exported top-level functions and classes that no later test cell of their notebook names."
    out = []
    for p in notebooks(root):
        cells = json.loads(p.read_text())['cells']
        for i, c in enumerate(cells):
            if not _exported(c): continue
            try: tree = ast.parse(re.sub(r'^\s*#\|.*$', '', _src(c), flags=re.M))
            except SyntaxError: continue
            names = [n.name for n in tree.body if isinstance(n, (ast.FunctionDef, ast.ClassDef)) and not n.name.startswith('_')]
            later = '\n'.join(_src(d) for d in cells[i + 1:] if d['cell_type'] == 'code' and not _exported(d))
            out += [f'{p.name}: {n} has no test cell' for n in names if not re.search(rf'\b{re.escape(n)}\b', later)]
    return out

def mixed_import_cells(root=ROOT)->list:
    "Test cells that import and do something else (nbdev's docs processing would execute them)."
    out = []
    for p in notebooks(root):
        for i, c in enumerate(json.loads(p.read_text())['cells']):
            if c['cell_type'] != 'code' or _exported(c) or 'nbdev_export()' in _src(c): continue
            try: tree = ast.parse(re.sub(r'^\s*#\|.*$', '', _src(c), flags=re.M))
            except SyntaxError: continue
            nodes = list(ast.walk(tree))
            if any(isinstance(n, (ast.Import, ast.ImportFrom)) for n in nodes) and any(isinstance(n, (ast.Expr, ast.Assign)) for n in nodes):
                out.append(f'{p.name} cell {i} mixes imports with other code')
    return out

def private_imports_in_notebooks(root=ROOT)->list:
    "Notebook cells that import a private name of a pini module (tests too use the public names)."
    out, pat = [], re.compile(r'^\s*from pini\.(\w+) import (.*)$', re.M)
    for p in notebooks(root):
        for i, c in enumerate(json.loads(p.read_text())['cells']):
            if c['cell_type'] != 'code': continue
            for mod, names in pat.findall(_src(c)):
                out += [f'{p.name} cell {i} imports the private name {n} from pini.{mod}' for n in re.split(r'[,\s()]+', names) if n.startswith('_')]
    return out

def findings(root=ROOT)->list:
    mods = modules(root)
    return (private_imports(mods) + layer_rules(mods) + long_functions(mods) + long_cells(root) + untested(root)
            + mixed_import_cells(root) + private_imports_in_notebooks(root))

if __name__ == '__main__':
    f = findings()
    print('\n'.join(f) or 'no findings'); print(f'{len(f)} finding(s)')
    sys.exit(1 if f else 0)
