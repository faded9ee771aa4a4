"""A complete, tiny reference plugin used by the tests to prove the plugin contract.

It lives only in ``tests/`` and is never installed: tests register it with
``create_app(extra_plugins=[plugin_module])``. It implements every hook of
``tremplin.core.hookspecs`` (see ``plugin.py``) and owns one event hook of its
own (``hookspecs.py``), implemented by the second tiny plugin ``listener.py``.
"""

NAME = "testplugin"
