"""Named template slots: ``{{ slot("company_profile.aside", company=c) }}``.

A page offers a slot; any plugin fills it through the ``template_slot`` hook by
returning :class:`~tremplin.core.contributions.SlotBlock` objects, so that a
plugin adds a block to another plugin's page without touching its templates.
"""

from __future__ import annotations

from typing import Any

from flask import Flask, current_app, render_template
from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup, escape

from .contributions import SlotBlock
from .plugins import flatten


def _render(block: SlotBlock, context: dict[str, Any], page: Context | None) -> Markup:
    if block.template is None:
        return escape(block.html)  # Markup stays as it is; plain text is escaped
    if page is None:
        return Markup(render_template(block.template, **{**context, **block.context}))
    # Inside a page: its context already holds what the context processors add.
    template = current_app.jinja_env.get_template(block.template)
    return Markup(template.render({**page.get_all(), **context, **block.context}))


@pass_context
def page_slot(page: Context, name: str, **context: Any) -> Markup:
    """:func:`slot` as templates call it, reusing the calling page's context."""
    return slot(name, _page=page, **context)


def slot(name: str, _page: Context | None = None, **context: Any) -> Markup:
    """The blocks that plugins return for slot ``name``, in ``order``; empty if none."""
    pm = current_app.extensions["tremplin"].pm
    blocks = [
        block
        for block in flatten(pm.hook.template_slot(name=name, context=context))
        if isinstance(block, SlotBlock)
    ]
    blocks.sort(key=lambda block: block.order)
    return Markup("\n").join(_render(block, context, _page) for block in blocks)


def install(app: Flask) -> None:
    app.jinja_env.globals["slot"] = page_slot
