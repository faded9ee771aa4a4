"""Bundled feature plugins, each registered through the tremplin.plugins entry points."""
