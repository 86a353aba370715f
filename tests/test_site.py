"""The doc site as a reader sees it: built by the README's docs command, opened in headless
Chromium.

The check itself (what counts as a problem) is `tools/site_check.py`; screenshots go to
`_docs_shots/`. Without a Chromium the test is skipped, except in CI (`CI` set), where `.ci/run`
installs Debian's `chromium`.
"""

import os, re, sys, json, shutil, subprocess, pathlib, pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / 'tools'))
import site_check


def _browser() -> bool:
    return any(shutil.which(b) for b in site_check.BROWSERS)


def test_site(capsys):
    if not _browser():
        if os.environ.get('CI'):
            pytest.fail('no Chromium: install it (apt-get install chromium)')
        pytest.skip('no Chromium here (apt-get install chromium); CI runs this test')
    r = subprocess.run(
        [sys.executable, 'tools/docs.py', 'site'], cwd=ROOT, capture_output=True, text=True
    )
    assert r.returncode == 0, r.stdout + r.stderr
    site = ROOT / '_docs'
    names = json.loads((site / '_pages.json').read_text())
    order = [pathlib.Path(n).stem for n in site_check.sidebar_notebooks()]
    assert len(names) == len(order) and names[0] == 'index', (names, order)
    problems = site_check.check(site, names, ROOT / '_docs_shots')
    assert not problems, '\n'.join(problems)
    # every documented name is an object of the Python domain (objects.inv, the search's API hits)
    api = site_check.api_objects(site)
    test = api['pini.training.train_epochs'], api['pini.injection.NoisyCLIP']
    assert test == (
        ('py:function', 'training.html#train_epochs'),
        ('py:class', 'injection.html#noisyclip'),
    ), test
    assert api['pini.injection.NoisyCLIP.predict'][0] == 'py:method', api
    assert len(api) >= 250, len(api)
    # a name's source link opens the site's copy of its module at its definition
    html = (site / 'training.html').read_text()
    link = re.search(
        r'id="train_epochs".*?href="_static/source/pini/training\.py\.html#L-(\d+)"', html, re.S
    )
    line = (ROOT / 'pini' / 'training.py').read_text().splitlines()[int(link[1]) - 1]
    assert line.startswith('def train_epochs('), line
    for shot in ('index.png', 'objective.png', 'search.png'):
        assert (ROOT / '_docs_shots' / shot).stat().st_size > 20_000, shot
    with capsys.disabled():
        print(
            f'\nsite: {len(names)} pages checked in Chromium; screenshots in {ROOT / "_docs_shots"}'
        )


def _wide_image(site) -> str:
    "A figure of the built site at least 400 px wide (to be shown shrunk)."
    from PIL import Image

    return next(
        f.name for f in sorted((site / '_images').glob('*.png')) if Image.open(f).size[0] >= 400
    )


def test_site_check_fails_on_bad_pages(tmp_path):
    "The check finds each fault the test guards against, planted into a copy of the built site."
    if not _browser() or not (ROOT / '_docs' / '_pages.json').exists():
        pytest.skip('needs Chromium and a built site (test_site builds it)')
    site = tmp_path / 'site'
    shutil.copytree(ROOT / '_docs', site)
    names = json.loads((site / '_pages.json').read_text())
    plant = {
        'posterior': '<p>raw $\\alpha + \\beta$ here</p>',
        'datasets': '<pre>#| echo: false\nx = 1</pre>',
        'backbones': '<p>prose may name <code>#|</code>, <code>show_doc(</code> and '
        '<code>{target=</code> in inline code</p>',
        'features': '<p>show_doc(encode_images)</p>',
        'testbed': '<p>[source](x){target="_blank"}</p>',
        'generators': '<p><a href="nowhere.html">x</a> <a '
        'href="training.html#no-such-anchor">y</a></p>',
        'calibration': '<p>as <code>03_objective</code> derives, and 11_training measures</p>',
        'table2': '<table><tr><td>1.5</td><td>NaN</td></tr></table>',
        'table3': '<p id="twin">a</p><p id="twin">b</p>',
        'table4': '<pre style="white-space: pre">x = 1' + ' ' * 300 + '# far right</pre>',
        'figure6': '<p>writes <out>/<task>/result.json</p>',
        'ablation': f'<img src="_images/{_wide_image(site)}" style="width: 60px">',
        # and the page loses the script that links figures
        'figure4': f'<img src="_images/{_wide_image(site)}">',
    }
    for name, html in plant.items():
        f = site / f'{name}.html'
        t = f.read_text()
        i = t.index('<article')
        f.write_text(t[: t.index('>', i) + 1] + html + t[t.index('>', i) + 1 :])
    f = site / 'objective.html'
    f.write_text(f.read_text().replace('class="next-page"', 'class="not-next"'))
    f = site / 'figure4.html'
    f.write_text(f.read_text().replace('_static/pini.js', '_static/none.js'))
    problems = '\n'.join(site_check.check(site, names, only=list(plant) + ['objective']))
    for want in (
        "posterior.html: raw TeX shown: '$\\\\alpha + \\\\beta$'",
        "datasets.html: shows '#|'",
        "features.html: shows 'show_doc('",
        "testbed.html: shows '{target='",
        'generators.html: broken link nowhere.html',
        'generators.html: broken link training.html#no-such-anchor',
        'objective.html: no link to the next page generators.html',
        "calibration.html: notebook names not linked to their pages: "
        "['03_objective', '11_training']",
        'table2.html: 1 table cell(s) show NaN instead of nothing',
        "table3.html: id 'twin' given twice",
        'table4.html: 1 code block(s) scroll sideways',
        "figure6.html: placeholders read as HTML tags and not shown: ['<out>', '<task>']",
        'ablation.html: figure(s) shrunk more than 3x',
        'figure4.html: 1 figure(s) do not open at full size (no link to the image)',
    ):
        assert want in problems, (want, problems)
    assert 'backbones.html' not in problems, problems


def test_published_site_is_the_tested_one():
    """The deploy workflow publishes what test_site builds and checks: one job builds with the same
    command, checks with the same check and uploads `_docs/`; the deploy job needs it and publishes
    it to Pages, with the permissions that takes."""
    import yaml

    wf = yaml.safe_load((ROOT / '.github' / 'workflows' / 'deploy.yaml').read_text())
    build = wf['jobs']['build']['steps']
    runs = ' && '.join(s.get('run', '') for s in build)
    assert 'python tools/docs.py site' in runs and 'python tools/site_check.py _docs' in runs, runs
    assert runs.index('tools/docs.py site') < runs.index('tools/site_check.py'), runs
    upload = [
        s for s in build if str(s.get('uses', '')).startswith('actions/upload-pages-artifact')
    ]
    assert len(upload) == 1 and upload[0]['with']['path'] == '_docs', upload
    assert build.index(upload[0]) > max(
        i for i, s in enumerate(build) if 'site_check' in s.get('run', '')
    )
    deploy = wf['jobs']['deploy']
    assert deploy['needs'] == 'build' and any(
        str(s.get('uses', '')).startswith('actions/deploy-pages') for s in deploy['steps']
    )
    assert (
        wf['permissions'].get('pages') == 'write' and wf['permissions'].get('id-token') == 'write'
    ), wf['permissions']
    steps = [s for job in wf['jobs'].values() for s in job['steps']]
    assert not any('quarto' in str(s.get('uses', '')) for s in steps), (
        'a second (Quarto) pipeline is published'
    )


def test_api_names_and_summaries():
    "What the site makes of a `show_doc`: the object's full name and kind, and its summary."
    import docs

    src = 'https://github.com/pini/pini/blob/main/pini/{}.py#L10'
    test = [
        docs.api_name('train_epochs', src.format('training')),
        docs.api_name('NoisyCLIP', src.format('injection')),
        docs.api_name('NoisyCLIP.predict', src.format('injection')),
        docs.api_name('PiNIConfig.label', src.format('injection')),
    ]
    assert test == [
        ('pini.training.train_epochs', 'function'),
        ('pini.injection.NoisyCLIP', 'class'),
        ('pini.injection.NoisyCLIP.predict', 'method'),
        ('pini.injection.PiNIConfig.label', 'property'),
    ], test
    assert docs.api_name('x', 'https://elsewhere/x.py') is None
    test = docs.local_source(src.format('training'))
    assert test == '_static/source/pini/training.py.html#L-10', test
    # a wrapped first paragraph is italic as a whole; a list or a later paragraph is left alone
    wrapped = docs.italic_summary('*The loop every method*\nshares.\n\nThen `more`.')
    assert wrapped == '*The loop every method shares.*\n\nThen `more`.', wrapped
    for kept in ('*Settings:*\n- a: one', '*One line.*\n\nAnother.', 'plain\ntext'):
        assert docs.italic_summary(kept) == kept, kept
