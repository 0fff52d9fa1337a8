"""The per-document time limit, shared by reading and cleaning."""

from __future__ import annotations

import ctypes
import signal
import threading
from contextlib import contextmanager

from .errors import DocumentFailed


def _message(seconds: float) -> str:
    return f"processing took longer than {seconds:g} s (raise --timeout to allow more)"


@contextmanager
def time_limit(seconds: float):
    """Turn a runaway document into a `timeout` error.

    In the main thread of a Unix process the limit is SIGALRM, which also cuts a blocking
    system call short. Any other thread (a Dask worker runs its tasks in a thread pool, and
    its main thread is busy with the worker's event loop) gets a watchdog thread instead,
    which raises the error in the thread that is over its time, again every few milliseconds
    until the work ends (a library may swallow one). Python delivers that error at the
    thread's next bytecode, so a single long call into C code (one huge regular expression
    match, a blocking read) ends before it does; our regular expressions are written to stay
    linear, so what it catches is a document that is slow all the way.
    """
    if not seconds or seconds <= 0:
        yield
        return
    if threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer"):
        with _alarm(seconds):
            yield
        return
    with _watchdog(seconds):
        yield


@contextmanager
def _alarm(seconds: float):
    def on_alarm(signum, frame):
        raise DocumentFailed("timeout", _message(seconds))

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextmanager
def _watchdog(seconds: float):
    # CPython raises an asynchronous exception by class, without arguments: the class carries the message.
    class DocumentTimeout(DocumentFailed):
        def __init__(self) -> None:
            super().__init__("timeout", _message(seconds))

    target = threading.get_ident()
    lock = threading.Lock()
    done = threading.Event()
    state = {"armed": True, "fired": False}

    def watch() -> None:
        if done.wait(seconds):
            return
        # Raised again every few milliseconds until the work ends: a library that swallows every
        # exception (``except Exception: pass``) may catch the first one and carry on.
        while True:
            with lock:
                if not state["armed"]:
                    return
                state["fired"] = True
                _raise_in_thread(target, DocumentTimeout)
            if done.wait(_REPEAT_SECONDS):
                return

    watcher = threading.Thread(target=watch, name="eventwire-time-limit", daemon=True)
    watcher.start()
    try:
        yield
    finally:
        done.set()
        with lock:
            state["armed"] = False
            if state["fired"]:
                # Fired as the work ended: withdraw the error if it has not been raised yet, so it
                # cannot surface later in code that has nothing to do with this document.
                _raise_in_thread(target, None)


#: How often the watchdog raises the timeout again while the work goes on.
_REPEAT_SECONDS = 0.02


def _raise_in_thread(thread_id: int, exception: type[BaseException] | None) -> None:
    """Schedule `exception` in another thread (None withdraws a scheduled one): CPython's own API for it."""
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id), None if exception is None else ctypes.py_object(exception))
