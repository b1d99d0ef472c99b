"""Run a staged job in a forked process and receive each stage's result as soon as it is ready.

A staged job is a generator function: each ``yield`` ends a stage. ``StagedJob.next()`` returns the
next stage's result, from the worker process when there is one, or by running the job in this
process. The parent can meanwhile do other work (MkDocs prepares its own build while the worker
validates and renders).

- ``ContentError`` in the worker reaches the parent as the same ``ContentError``, with every problem.
- Any other failure (an exception, a worker that dies) makes the parent run the job itself, from the
  start, so a bug shows its real traceback where it belongs.

Forking is only safe in a process without other threads (and, among the systems MkDocs runs on, only
dependable on Linux; macOS defaults to spawning for a reason), and only worth it with a second core:
``can_fork()`` says whether all of this holds.
"""
from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import threading
from typing import Any, Callable, Iterator

from .problems import ContentError

_RESULT, _PROBLEMS, _FAILED = "result", "problems", "failed"


def can_fork() -> bool:
    return sys.platform == "linux" and threading.active_count() == 1 and (os.cpu_count() or 1) > 1


def _run_in_worker(connection: Any, job: Callable[..., Iterator], kwargs: dict) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle; it ends the worker
    try:
        for result in job(**kwargs):
            connection.send((_RESULT, result))
    except ContentError as e:
        connection.send((_PROBLEMS, e.problems))
    except Exception:  # the parent runs the job itself and meets the same error there
        connection.send((_FAILED, None))
    finally:
        connection.close()


class StagedJob:
    def __init__(self, job: Callable[..., Iterator], *, background: bool, **kwargs: Any) -> None:
        self._job, self._kwargs = job, kwargs
        self._received = 0
        self._local: Iterator | None = None
        self._process = self._connection = None
        if background:
            context = multiprocessing.get_context("fork")
            self._connection, child = context.Pipe(duplex=False)
            process = context.Process(target=_run_in_worker, args=(child, job, kwargs), daemon=True)
            try:
                process.start()
            except OSError:  # no process to be had (limits, memory): the job runs here
                self._connection.close()
                self._connection = None
            else:
                self._process = process
            finally:
                child.close()

    @property
    def in_background(self) -> bool:
        return self._process is not None

    def next(self) -> Any:
        """The next stage's result (raises ContentError when the job finds problems in the content)."""
        if self._process is not None:
            try:
                kind, value = self._connection.recv()
            except (EOFError, OSError):
                kind, value = _FAILED, None
            if kind == _RESULT:
                self._received += 1
                return value
            self.close()
            if kind == _PROBLEMS:
                raise ContentError(value)
            self._local = self._job(**self._kwargs)  # run it here, past the stages already received
            for _ in range(self._received):
                next(self._local)
        if self._local is None:
            self._local = self._job(**self._kwargs)
        self._received += 1
        return next(self._local)

    def close(self) -> None:
        """Stop the worker, if any (it has usually finished by then)."""
        if self._process is not None:
            self._connection.close()
            if self._process.is_alive():
                self._process.terminate()
            self._process.join()
            self._process = self._connection = None
        self._local = None
