"""Open the built doc site (`_docs/`) in headless Chromium and check what a reader sees.

    python tools/site_check.py [_docs] [--shots DIR]

For every page in sidebar order: no raw TeX (`$...$`, `\\(...\\)`) outside code once MathJax has
run, no `#|` directives, no `show_doc(` calls, no `{target=` attributes, no `In [ ]:` prompts, no
notebook name (`03_objective`) that is not a link to its page, no table cell showing NaN, no code
block that scrolls sideways, no `<name>` placeholder lost as an HTML tag, no figure shrunk past
reading (`SHRINK`) or without a link to its full size, a sidebar listing every page and a link to
the next page; every internal link (and its `#anchor`) resolves and no id is given twice; the search
page finds a word of the text. Screenshots of the index and of a method page (with equations) go to
`--shots` (default `_docs_shots/`). Uses Debian's `chromium` (apt install chromium) through
Playwright's Chromium driver.
"""

import re, sys, json, shutil, pathlib, argparse, urllib.parse, zlib
from html.parser import HTMLParser

ROOT = pathlib.Path(__file__).resolve().parents[1]
BROWSERS = ('chromium', 'chromium-browser', 'google-chrome')
RAW_TEX = re.compile(r'\$[^$\s][^$\n]{0,300}?\$|\\\(|\\\[|\\begin\{')


def sidebar_notebooks():
    "The notebooks of `nbs/sidebar.yml`, in its order (the one source of the page order)."
    import yaml

    sb = yaml.safe_load((ROOT / 'nbs' / 'sidebar.yml').read_text())

    def walk(items):
        for it in items:
            if isinstance(it, str):
                yield it
            else:
                yield from walk(it.get('contents', []))

    return list(walk(sb['website']['sidebar']['contents']))


def chromium():
    for b in BROWSERS:
        if p := shutil.which(b):
            return p
    raise SystemExit('site_check: no Chromium found; install it (Debian: apt-get install chromium)')


class _Links(HTMLParser):
    "Every `href` and every `id` of a page (and the ids given twice)."

    def __init__(self):
        super().__init__()
        self.hrefs, self.ids, self.twice = [], set(), set()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get('id'):
            if a['id'] in self.ids:
                self.twice.add(a['id'])
            self.ids.add(a['id'])
        if tag == 'a' and a.get('name'):
            self.ids.add(a['name'])
        if tag in ('a', 'link') and a.get('href'):
            self.hrefs.append(a['href'])


def broken_links(site):
    """Internal links (relative, or to a file of the site) whose file or `#anchor` does not exist:
    [(page, href)]."""
    parsed = {}

    def links(f):
        if f not in parsed:
            p = _Links()
            p.feed(f.read_text(errors='replace'))
            parsed[f] = p
        return parsed[f]

    bad = []
    for page in sorted(site.rglob('*.html')):
        for href in links(page).hrefs:
            u = urllib.parse.urlsplit(href)
            if u.scheme or href.startswith('//'):
                continue
            target = (page.parent / urllib.parse.unquote(u.path)).resolve() if u.path else page
            if not target.exists() or not target.is_relative_to(site.resolve()):
                bad.append((page.name, href))
                continue
            if (
                u.fragment
                and target.suffix == '.html'
                and urllib.parse.unquote(u.fragment) not in links(target).ids
            ):
                bad.append((page.name, href))
    return bad


def duplicate_ids(site):
    "Ids given twice on one page (a link to one of them lands on the first): [(page, id)]."
    out = []
    for page in sorted(site.rglob('*.html')):
        p = _Links()
        p.feed(page.read_text(errors='replace'))
        out += [(page.name, i) for i in sorted(p.twice)]
    return out


# A figure shown at less than 1/SHRINK of its pixel width: a matplotlib figure's 10 pt labels, saved
# at 200 dpi (the notebook's retina output), fall under 9 px.
SHRINK = 3

VISIBLE = """() => {
  const main = document.querySelector('article') || document.body, SHRINK = %d;
  // what a reader sees, less inline code (prose may name `#|` or `show_doc(`)
  const t = main.cloneNode(true);
  t.querySelectorAll('p code, li code, td code, h1 code, h2 code, h3 code')
    .forEach(e => e.remove());
  document.body.appendChild(t); const all = t.innerText; t.remove();
  const c = main.cloneNode(true);
  c.querySelectorAll(['pre', 'code', 'script', 'style', '.MathJax', '.MathJax_Display',
                      '.MathJax_Preview', '.MJX_Assistive_MathML', 'mjx-container'].join(', '))
    .forEach(e => e.remove());
  document.body.appendChild(c); const prose = c.innerText; c.remove();
  const names = Array.from(main.querySelectorAll('code'))
    .filter(e => !e.closest('a') && !e.closest('pre'))
    .map(e => e.innerText.trim()).filter(t => /^\\d\\d_[a-z0-9_]+$/.test(t));
  const nan = Array.from(main.querySelectorAll('td'))
    .filter(td => /^(NaN|nan)$/.test(td.innerText.trim())).length;
  const wide = Array.from(main.querySelectorAll('pre'))
    .filter(p => p.scrollWidth > p.clientWidth + 1).length;
  const lost = Array.from(main.querySelectorAll('*')).filter(e => e instanceof HTMLUnknownElement)
    .map(e => '<' + e.tagName.toLowerCase() + '>');  // a `<name>` placeholder taken for a tag
  const imgs = Array.from(main.querySelectorAll('img')).filter(i => i.naturalWidth > 0);
  // shown, and shrunk more than SHRINK times
  const shrunk = imgs.filter(i => i.clientWidth > 0 && i.naturalWidth > SHRINK * i.clientWidth)
    .map(i => i.naturalWidth + ' px shown ' + i.clientWidth);
  const closed = imgs.filter(i => !(i.closest('a') && i.closest('a').href === i.src)).length;
  const mentions = prose.match(/\\b\\d\\d_[a-z][a-z0-9_]*\\b/g) || [];
  return {all: all, prose: prose, nan: nan, unlinked: names.concat(mentions),
          wide: wide, lost: lost, shrunk: shrunk, closed: closed,
          maths: document.querySelectorAll('.MathJax, .MathJax_Display, mjx-container').length,
          tex: document.querySelectorAll('span.math, div.math').length,
          sidebar: Array.from(document.querySelectorAll('.sidebar-tree a.reference'))
            .map(a => a.getAttribute('href')),
          next: (document.querySelector('a.next-page') || {}).href || null};
}"""


def _optional(url):
    """MathJax probes for its own TeX fonts before using the STIX-Web fonts that the package ships;
    `about:blank` is a frame."""
    return url == 'about:blank' or '/mathjax/fonts/HTML-CSS/TeX/' in url


def mathjax_done(page, timeout=30_000):
    "Wait until MathJax 2 has typeset the page (pages without maths do not load it)."
    page.wait_for_function(
        "() => !window.MathJax || (window.MathJax.Hub && window.MathJax.Hub.queue.pending === "
        "0 && window.MathJax.Hub.queue.running === 0 && "
        "document.querySelectorAll('.MathJax_Processing').length === 0)",
        timeout=timeout,
    )
    page.evaluate("() => new Promise(r => window.MathJax ? MathJax.Hub.Queue(r) : r())")


def api_objects(site) -> dict:
    "The Python objects the site's `objects.inv` lists: full name -> (role, page#anchor)."
    raw = (pathlib.Path(site) / 'objects.inv').read_bytes().split(b'\n', 4)
    out = {}
    for line in zlib.decompress(raw[4]).decode().splitlines():
        name, role, _, uri = line.split(' ', 4)[:4]
        if role.startswith('py:'):
            out[name] = (role, uri)
    return out


def page_problems(v: dict, name: str, names: list, site, i: int) -> list:
    "What a reader would see wrong on page `name` (the `i`-th of `names`), from what VISIBLE read."
    out = []
    if m := RAW_TEX.search(v['prose']):
        out.append(f'raw TeX shown: {m.group(0)[:60]!r}')
    if v['tex'] and not v['maths']:
        out.append(f'{v["tex"]} equations not typeset by MathJax')
    out += [
        f'shows {bad!r}'
        for bad in ('#|', 'show_doc(', '{target=', 'In [ ]:', 'In [1]:')
        if bad in v['all']
    ]
    if v['unlinked']:
        out.append(f"notebook names not linked to their pages: {sorted(set(v['unlinked']))}")
    if v['nan']:
        out.append(f"{v['nan']} table cell(s) show NaN instead of nothing")
    if v['wide']:
        out.append(f"{v['wide']} code block(s) scroll sideways")
    if v['lost']:
        out.append(f"placeholders read as HTML tags and not shown: {sorted(set(v['lost']))}")
    if v['shrunk']:
        out.append(f"figure(s) shrunk more than {SHRINK}x, too small to read: {v['shrunk']}")
    if v['closed']:
        out.append(f"{v['closed']} figure(s) do not open at full size (no link to the image)")
    # the current page links to '#'
    listed = [h.split('#')[0] or f'{name}.html' for h in v['sidebar']]
    missing = [n for n in names[1:] if f'{n}.html' not in listed]
    if missing:
        out.append(f'sidebar lacks {missing}')
    if i + 1 < len(names):
        want = (site / f'{names[i + 1]}.html').as_uri()
        if (v['next'] or '').split('#')[0] != want:
            out.append(f'no link to the next page {names[i + 1]}.html (next: {v["next"]})')
    return [f'{name}.html: {m}' for m in out]


def search_problems(page, site, search_word: str, shots=None) -> list:
    "The search page finds `search_word`."
    page.goto((site / 'search.html').as_uri() + f'?q={search_word}')
    try:
        page.wait_for_selector('#search-results ul.search li', timeout=30_000)
        hits = page.locator('#search-results ul.search li').count()
    except Exception:
        hits = 0
    if shots:
        page.screenshot(path=str(shots / 'search.png'))
    return [] if hits else [f'search.html: no results for {search_word!r}']


def screenshot(page, name: str, shots, method_page: str):
    "The front page, and the method page scrolled to its first equation."
    if shots and name == 'index':
        page.screenshot(path=str(shots / 'index.png'))
    if shots and name == method_page:
        page.locator('.MathJax_Display, .MathJax').first.scroll_into_view_if_needed()
        page.evaluate('window.scrollBy(0, -150)')
        page.screenshot(path=str(shots / f'{name}.png'))


def check(
    site, names, shots=None, method_page='objective', search_word='reparameterisation', only=None
):
    """All problems a reader would see, as lines; screenshots into `shots` (if given).
    `names`: page names in sidebar order; `only`: open just these pages (and skip the search)."""
    from playwright.sync_api import sync_playwright

    site = pathlib.Path(site).resolve()
    if shots:
        shots = pathlib.Path(shots)
        shots.mkdir(parents=True, exist_ok=True)
    problems = [f'{p}: broken link {h}' for p, h in broken_links(site)] + [
        f'{p}: id {i!r} given twice' for p, i in duplicate_ids(site)
    ]
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=chromium(), args=['--no-sandbox', '--disable-gpu']
        )
        page = browser.new_page(viewport={'width': 1400, 'height': 1000})
        errors = []
        page.on('pageerror', lambda e: errors.append(str(e)))
        page.on(
            'requestfailed',
            lambda r: None if _optional(r.url) else errors.append(f'failed to load {r.url}'),
        )
        for i, name in enumerate(names):
            if only and name not in only:
                continue
            errors.clear()
            page.goto((site / f'{name}.html').as_uri())
            mathjax_done(page)
            problems += page_problems(page.evaluate(VISIBLE % SHRINK), name, names, site, i)
            problems += [f'{name}.html: {e}' for e in errors]
            screenshot(page, name, shots, method_page)
        if not only:
            problems += search_problems(page, site, search_word, shots)
        browser.close()
    return problems


if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('site', nargs='?', default=str(ROOT / '_docs'))
    ap.add_argument('--shots', default=str(ROOT / '_docs_shots'))
    a = ap.parse_args()
    names = json.loads((pathlib.Path(a.site) / '_pages.json').read_text())
    probs = check(a.site, names, a.shots)
    print('\n'.join(probs) or f'site_check: {len(names)} pages fine; screenshots in {a.shots}')
    sys.exit(1 if probs else 0)
