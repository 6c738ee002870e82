"""Sign-in throttling: failures counted per user name and per client, then a lockout.

Counting per user stops a slow guess at one account from many machines; counting per client
stops one machine guessing across many accounts. Only one password check runs at a time in
the process, so parallel sessions cannot guess faster than one. The counts live in the app
process (a restart forgets them), which is enough for one server.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

from crm_core import settings

WINDOW_SECONDS = 15 * 60
LOCKOUT_SECONDS = 15 * 60
CHECKS = threading.Semaphore(1)  # one password hash at a time: parallel sessions queue


@dataclass
class Throttle:
    """Failures within ``window`` seconds per key; ``limit`` of them lock the key out."""

    limit: int
    window: float = WINDOW_SECONDS
    lockout: float = LOCKOUT_SECONDS
    clock: Callable[[], float] = time.monotonic
    _failures: dict[str, deque[float]] = field(default_factory=dict)
    _locked_until: dict[str, float] = field(default_factory=dict)
    _guard: threading.Lock = field(default_factory=threading.Lock)

    def wait_seconds(self, keys: list[str]) -> float:
        """How long the longest lockout among ``keys`` still lasts (0 = free to try)."""
        now = self.clock()
        with self._guard:
            return max([self._locked_until.get(k, 0.0) - now for k in keys] + [0.0])

    def failed(self, keys: list[str]) -> None:
        """Count one failure against each key; the ``limit``-th within the window locks it."""
        now = self.clock()
        with self._guard:
            for key in keys:
                times = self._failures.setdefault(key, deque())
                times.append(now)
                while times and times[0] < now - self.window:
                    times.popleft()
                if len(times) >= self.limit:
                    self._locked_until[key] = now + self.lockout
                    times.clear()

    def succeeded(self, keys: list[str]) -> None:
        """A correct password clears the failures of these keys."""
        with self._guard:
            for key in keys:
                self._failures.pop(key, None)


_GUARD: Throttle | None = None


def guard() -> Throttle:
    """The process's throttle (limit from ``$CRM_SIGN_IN_LIMIT``)."""
    global _GUARD
    if _GUARD is None:
        _GUARD = Throttle(settings.sign_in_limit())
    return _GUARD


def keys_for(user: str, client: str | None) -> list[str]:
    """The counters one attempt touches: the user name (case-folded) and the client."""
    return [f"user:{user.strip().casefold()}", f"client:{client or 'unknown'}"]
