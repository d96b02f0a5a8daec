"""Workarounds the running app needs on every PC: a CPython/PySide6 refcount bug and
garbage-collection pauses that would freeze the window."""

from __future__ import annotations

import contextlib
import gc
import sys
import threading
from collections.abc import Iterator


def guard_none_refcount() -> None:
    """Work around PySide6 6.12 on CPython < 3.12: every call of a void Qt method returns
    None without taking a reference, so None's count falls by one per call and the
    process aborts ("none_dealloc") after a few thousand calls. From 3.12 None is
    immortal. Here a timer keeps the count high by raising ob_refcnt directly."""
    if sys.version_info >= (3, 12):
        return
    import ctypes

    from PySide6.QtCore import QTimer

    count = ctypes.c_ssize_t.from_address(id(None))  # ob_refcnt: PyObject's first field

    def top_up() -> None:
        if count.value < 10_000_000:
            count.value += 100_000_000

    top_up()
    global _none_timer
    _none_timer = QTimer()
    _none_timer.setInterval(1000)
    _none_timer.timeout.connect(top_up)
    _none_timer.start()


_none_timer = None


def none_guard_running() -> bool:
    return _none_timer is not None


def freeze_heap() -> None:
    """Put every object alive now (modules, dictionaries, the window) out of the cyclic
    GC's reach. A full collection walks all long-lived objects (~300,000 once pypinyin
    and ReportLab are loaded) with the GIL held: 60-200 ms in which the window freezes."""
    gc.freeze()


_loading = 0
_loading_lock = threading.Lock()


@contextlib.contextmanager
def loading() -> Iterator[None]:
    """A bulk load on a worker (pypinyin's dictionaries, the printing stack): no cyclic
    collection meanwhile (a full one over the half-loaded objects took 20-45 ms, the GIL
    held, the window frozen), and what it loaded frozen after, as it stays for the
    session. Loads on several threads at once: the collector resumes after the last."""
    global _loading
    with _loading_lock:
        if _loading == 0:
            gc.disable()
        _loading += 1
    try:
        yield
    finally:
        with _loading_lock:
            _loading -= 1
            if _loading == 0:
                gc.freeze()
                gc.enable()
