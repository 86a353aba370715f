# Sphinx configuration of the offline doc site; `python tools/docs.py site` writes the sources it
# reads into _site/. Sphinx + myst-nb reads the notebooks with their saved outputs (nothing is
# executed), gives a sidebar from the toctree, previous/next links and full-text search that work
# from the files alone, and MathJax from a local copy.
import pathlib, configparser

_ini = configparser.ConfigParser(interpolation=None)
_ini.read(pathlib.Path(__file__).resolve().parents[2] / 'settings.ini')
project = html_title = _ini['DEFAULT']['title']
copyright = _ini['DEFAULT']['copyright']  # the footer's line, from the project's metadata
extensions = ['myst_nb']
nb_execution_mode = 'off'  # notebooks are shown with the outputs saved in nbs/
# markdown outputs (tables, `Markdown(...)`) rendered like markdown cells
nb_render_markdown_format = 'myst'
myst_enable_extensions = ['dollarmath', 'amsmath', 'colon_fence']
# links are already relative page links (see tools/docs.py)
myst_all_links_external = True
suppress_warnings = ['myst.header', 'mystnb.unknown_mime_type']
exclude_patterns = ['_build', '**.ipynb_checkpoints']
html_theme = 'furo'
# made by tools/docs.py
html_static_path = [str(pathlib.Path(__file__).resolve().parents[2] / '_site' / '_static')]
html_css_files = ['pini.css']
html_js_files = ['pini.js']  # figures open at full size
html_show_sourcelink = False
html_copy_source = False
# MathJax 2.7 as installed by the `jupyter-server-mathjax` package, copied into _static/mathjax by
# tools/docs.py; a relative mathjax_path is relative to the site's _static folder.
mathjax_path = 'mathjax/MathJax.js?config=TeX-AMS-MML_HTMLorMML-full'
mathjax2_config = {
    'tex2jax': {
        'inlineMath': [['\\(', '\\)']],
        'displayMath': [['\\[', '\\]']],
        'processEscapes': True,
        'ignoreClass': 'document',
        'processClass': 'math|output_area',
    },
    'HTML-CSS': {
        'availableFonts': [],
        'webFont': 'STIX-Web',
        'imageFont': None,
        'preferredFont': None,
    },
    'messageStyle': 'none',
}  # the package ships the STIX-Web fonts only


# A documented name (`tools/docs.py` writes ```{pini-api} pini.module.name kind``` before each
# `show_doc`): an anchor with nbdev's id (the name in lower case), an entry of the general index,
# and an object of the Python domain, so that objects.inv lists it and the search shows it as API.
from docutils import nodes
from sphinx import addnodes
from sphinx.util.docutils import SphinxDirective


class PiniApi(SphinxDirective):
    required_arguments = 2

    def run(self):
        full, kind = self.arguments
        short = full.split('.', 2)[2]
        node_id = short.lower()
        target = nodes.target('', '', ids=[node_id])
        self.state.document.note_explicit_target(target)
        self.env.get_domain('py').note_object(full, kind, node_id, location=target)
        entry = ('single', short, node_id, '', None)
        return [addnodes.index(entries=[entry]), target]


def setup(app):
    app.add_directive('pini-api', PiniApi)
