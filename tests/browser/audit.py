"""What every page is checked for in a real browser: axe, structure, width, screenshots."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from tremplin.core.testing.browser import axe_violations

__all__ = ["axe_violations", "screenshot_widths", "structure", "structure_problems"]

WIDTHS = (320, 1280)

STRUCTURE_JS = """() => {
  const external = [...document.querySelectorAll(
      'script[src], link[href]:not([rel~=alternate]):not([rel~=canonical]), img[src]')]
    .map(e => e.getAttribute('src') || e.getAttribute('href'))
    .filter(u => /^(https?:)?\\/\\//i.test(u));
  const skip = document.querySelector('a[href^="#"]');
  const target = skip ? document.getElementById(skip.getAttribute('href').slice(1)) : null;
  const description = document.querySelector('meta[name="description"]');
  return {
    lang: document.documentElement.getAttribute('lang') || '',
    title: document.title.trim(),
    description: description ? description.content.trim() : '',
    h1: document.querySelectorAll('h1').length,
    main: document.querySelectorAll('main, [role="main"]').length,
    banner: (document.querySelector('.env-banner') || {}).textContent || '',
    external: external,
    skipTarget: Boolean(target),
    firstLinkIsSkip: Boolean(skip) && skip === document.querySelector('a'),
  };
}"""


def structure(page: Any) -> dict[str, Any]:
    return dict(page.evaluate(STRUCTURE_JS))


def structure_problems(info: dict[str, Any], environment_banner: bool = True) -> list[str]:
    problems = []
    if not re.fullmatch(r"[a-z]{2}(-[A-Z]{2})?", info["lang"]):
        problems.append(f"<html lang> is {info['lang']!r}")
    if info["h1"] != 1:
        problems.append(f"{info['h1']} h1 elements (want exactly one)")
    if info["main"] != 1:
        problems.append(f"{info['main']} main landmarks (want exactly one)")
    if not info["title"]:
        problems.append("empty <title>")
    if info["external"]:
        problems.append(f"external assets: {info['external']}")
    if environment_banner and "test" not in info["banner"]:
        problems.append(f"no environment banner naming 'test' ({info['banner']!r})")
    if not (info["firstLinkIsSkip"] and info["skipTarget"]):
        problems.append("the first link is not a skip link to an existing target")
    return problems


def screenshot_widths(page: Any, folder: Path, name: str) -> int:
    """Screenshots at each width; returns the page's scroll width at 320 px."""
    scroll_width = 0
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        if width == 320:
            scroll_width = int(page.evaluate("document.documentElement.scrollWidth"))
        page.screenshot(path=str(folder / f"{name}-{width}.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    return scroll_width
