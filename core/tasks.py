"""Background tasks with Huey: SQLite queue by default, Redis when configured.

Plugins declare tasks with ``@api.task(...)`` at import time; the Huey instance
is created per app in :func:`init_app`, so the storage follows the configuration
and every task runs inside an application context.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from flask import Flask, current_app
from huey import MemoryHuey, RedisHuey, SqliteHuey, crontab
from huey.api import Huey, Result

from .plugins import flatten

_DECLARED: dict[str, tuple[Callable[..., Any], dict[str, Any]]] = {}


class Task:
    """A declared task: calling it enqueues it on the current app's queue."""

    def __init__(self, name: str, func: Callable[..., Any]) -> None:
        self.name = name
        self.func = func
        functools.update_wrapper(self, func)

    def __call__(self, *args: Any, **kwargs: Any) -> Result | None:
        return current_app.extensions["huey_tasks"][self.name](*args, **kwargs)

    def call_local(self, *args: Any, **kwargs: Any) -> Any:
        """Run now, in this process."""
        return self.func(*args, **kwargs)


def task(name: str | None = None, **options: Any) -> Callable[[Callable[..., Any]], Task]:
    """Declare a background task; ``options`` go to ``huey.task`` (retries, retry_delay...).

    The queue knows a task by its name, ``module.function`` by default: a task that
    moves to another module passes its old ``name`` so that tasks already queued
    still run."""

    def decorate(func: Callable[..., Any]) -> Task:
        task_name = name or f"{func.__module__}.{func.__qualname__}"
        _DECLARED[task_name] = (func, options)
        return Task(task_name, func)

    return decorate


def make_huey(app: Flask) -> Huey:
    config = app.extensions["tremplin"].config
    if config.get("tasks", "immediate"):
        return MemoryHuey("tremplin", immediate=True)
    redis_url = config.get("tasks", "redis_url")
    if redis_url:
        return RedisHuey("tremplin", url=redis_url)
    return SqliteHuey("tremplin", filename=str(config.instance_path / "tasks.db"))


def _in_app_context(app: Flask, func: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(func)
    def run(*args: Any, **kwargs: Any) -> Any:
        with app.app_context():
            return func(*args, **kwargs)

    return run


def init_app(app: Flask) -> Huey:
    """Create the app's queue and register declared and scheduled tasks on it."""
    from . import mail  # noqa: F401  (declares core's tasks)

    huey = make_huey(app)
    registered = {
        name: huey.task(name=name, **options)(_in_app_context(app, func))
        for name, (func, options) in _DECLARED.items()
    }
    pm = app.extensions["tremplin"].pm
    for item in flatten(pm.hook.register_scheduled_tasks()):
        huey.periodic_task(crontab(**item.schedule), name=item.name)(
            _in_app_context(app, item.func)
        )
    app.extensions["huey"] = huey
    app.extensions["huey_tasks"] = registered
    return huey


def run_worker(app: Flask, workers: int) -> None:
    """Run the Huey consumer in the foreground (``tremplin worker``)."""
    huey: Huey = app.extensions["huey"]
    consumer = huey.create_consumer(workers=workers, worker_type="thread", periodic=True)
    consumer.run()
