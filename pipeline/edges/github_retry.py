"""Bounded retries for GitHub requests (urllib3 Retry, via PyGithub's GithubRetry).

- Reads (GET and other idempotent methods) are retried on 5xx, 429, rate-limited 403, timeouts and lost
  connections, a bounded number of times with exponential backoff.
- Writes (POST, PATCH) are retried only when GitHub refused them before doing anything (rate limits) or when
  the connection could not be opened; after a 5xx or a lost connection the write may have gone through, so
  it is not sent again.
- Waits honour `Retry-After`, then `X-RateLimit-Reset` (with `X-RateLimit-Remaining: 0`), else the backoff.
  A wait longer than `max_wait` is not slept: `RetryWaitTooLong` is raised instead (fail closed, exit 3).
- `sleep` and `clock` are injectable so tests record the waits instead of sleeping.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from github.GithubRetry import GithubRetry
from urllib3 import Retry

IDEMPOTENT = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE"})
WRITES = frozenset({"POST", "PATCH"})
RATE_LIMIT_STATUSES = frozenset({403, 429})


class RetryWaitTooLong(Exception):
    """GitHub asked us to wait longer than we are allowed to (seconds in `wait`)."""

    def __init__(self, wait: float) -> None:
        super().__init__(f"GitHub asks to wait {wait:.0f} s")
        self.wait = wait


class BoundedRetry(GithubRetry):
    """GithubRetry with write safety, a cap on waits, and injectable sleep and clock."""

    def __init__(self, *, sleep: Callable[[float], None] = time.sleep, clock: Callable[[], float] = time.time,
                 max_wait: float = 60.0, **kwargs: Any) -> None:
        self._sleep_fn = sleep
        self._clock = clock
        self._max_wait = max_wait
        kwargs.setdefault("max_rate_limit_wait", max_wait)
        kwargs.setdefault("status_forcelist", [*range(500, 600), 429])
        kwargs.setdefault("allowed_methods", IDEMPOTENT)
        # Hand the last response to PyGithub when retries run out, so its status becomes the error.
        kwargs.setdefault("raise_on_status", False)
        super().__init__(**kwargs)

    def new(self, **kw: Any) -> BoundedRetry:
        kw.update(sleep=self._sleep_fn, clock=self._clock, max_wait=self._max_wait)
        return super().new(**kw)

    def is_retry(self, method: str, status_code: int, has_retry_after: bool = False) -> bool:
        if method and method.upper() in WRITES:
            # Rate-limited writes were refused before they ran; GithubRetry re-checks that a 403 is one.
            return status_code in RATE_LIMIT_STATUSES
        return bool(super().is_retry(method, status_code, has_retry_after))

    def wait_for(self, response: Any | None) -> float:
        """Seconds to wait before the next attempt."""
        if response is not None:
            retry_after = self.get_retry_after(response)
            if retry_after is not None:
                return float(retry_after)
            headers = response.headers
            reset = str(headers.get("X-RateLimit-Reset", ""))
            if headers.get("X-RateLimit-Remaining") == "0" and reset.isdigit():
                # +1: GitHub does not say when within that second the window resets.
                return max(0.0, int(reset) - self._clock()) + 1
        return float(self.get_backoff_time())

    def sleep(self, response: Any | None = None) -> None:
        wait = self.wait_for(response)
        if wait > self._max_wait:
            raise RetryWaitTooLong(wait)
        if wait > 0:
            self._sleep_fn(wait)


def make_retry(*, retries: int, backoff_factor: float, backoff_max: float, max_wait: float,
               secondary_rate_wait: float, sleep: Callable[[float], None] = time.sleep,
               clock: Callable[[], float] = time.time) -> Retry:
    """The retry policy for one GitHub client."""
    return BoundedRetry(total=retries, connect=retries, read=retries, status=retries, other=0, redirect=0,
                        backoff_factor=backoff_factor, backoff_max=backoff_max, max_wait=max_wait,
                        secondary_rate_wait=secondary_rate_wait, sleep=sleep, clock=clock)
