"""Named template slots: ``{{ slot("company_profile.aside", company=c) }}``.

A page offers a slot; any plugin fills it through the ``template_slot`` hook by
returning :class:`~tremplin.core.contributions.SlotBlock` objects, so that a
plugin adds a block to another plugin's page without touching its templates.
"""

from __future__ import annotations

from typing import Any

from flask import Flask, current_app, render_template
from markupsafe import Markup, escape

from .contributions import SlotBlock
from .plugins import flatten


def _render(block: SlotBlock, context: dict[str, Any]) -> Markup:
    if block.template is not None:
        return Markup(render_template(block.template, **{**context, **block.context}))
    return escape(block.html)  # Markup stays as it is; plain text is escaped


def slot(name: str, **context: Any) -> Markup:
    """The blocks that plugins return for slot ``name``, in ``order``; empty if none."""
    pm = current_app.extensions["tremplin"].pm
    blocks = [
        block
        for block in flatten(pm.hook.template_slot(name=name, context=context))
        if isinstance(block, SlotBlock)
    ]
    blocks.sort(key=lambda block: block.order)
    return Markup("\n").join(_render(block, context) for block in blocks)


def install(app: Flask) -> None:
    app.jinja_env.globals["slot"] = slot
