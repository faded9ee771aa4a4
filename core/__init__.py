"""Tremplin core: app factory, configuration, database, accounts, portal shell."""

__version__ = "0.1.0"
