import os

os.environ.setdefault('HF_HUB_OFFLINE', '1')
os.environ.setdefault('MPLBACKEND', 'Agg')
# the notebooks' tests run on the testbed's smaller build (`CI_TESTBED_RECIPE`); their saved outputs
# come from the full one
os.environ.setdefault('PINI_TESTBED_RECIPE', 'ci')
# one torch thread per pytest worker: two workers on two cores, no threads spinning on a busy core
if os.environ.get('PYTEST_XDIST_WORKER'):
    os.environ.setdefault('OMP_NUM_THREADS', '1')


def pytest_sessionstart(session):
    """Build the testbed backbone once, before any test (and before pytest-xdist's workers start),
    so that no worker waits on another's build; the build shows its progress."""
    if hasattr(session.config, 'workerinput'):
        return
    # those need no backbone
    light = ('test_structure', 'test_site', 'test_run_nbs')
    if all(any(t in a for t in light) for a in session.config.args):
        return
    from pini.testbed import testbed_checkpoint

    capman = session.config.pluginmanager.getplugin('capturemanager')
    with capman.global_and_fixture_disabled():
        testbed_checkpoint()
