"""Imported by every Python subprocess that the tests start with this directory on PYTHONPATH."""

try:
    import tests.netguard as _netguard
except ImportError:  # the checkout is not importable here: load the guard by path
    import importlib.util
    import os

    _spec = importlib.util.spec_from_file_location(
        "cyberstats_netguard", os.path.join(os.path.dirname(__file__), "__init__.py")
    )
    _netguard = importlib.util.module_from_spec(_spec)
    _spec.loader.exec_module(_netguard)

_netguard.install_from_env()
