"""The per-document time limit, shared by reading and cleaning."""

from __future__ import annotations

import signal
import threading
from contextlib import contextmanager

from .errors import DocumentFailed


@contextmanager
def time_limit(seconds: float):
    """Turn a runaway document into a `timeout` error.

    Uses SIGALRM, so it only applies in the main thread of a Unix process; elsewhere
    the document runs without a limit (our regular expressions are written to stay linear).
    """
    usable = seconds and seconds > 0 and hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return

    def on_alarm(signum, frame):
        raise DocumentFailed("timeout", f"processing took longer than {seconds:g} s (raise --timeout to allow more)")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
