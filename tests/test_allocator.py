import os
import platform
import sys

import pytest

from countrystance import allocator


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's mallopt")
def test_arena_cap_is_set_and_handed_to_worker_processes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MALLOC_ARENA_MAX", raising=False)
    calls = []

    class FakeLibc:
        def mallopt(self, param: int, value: int) -> int:
            calls.append((param, value))
            return 1

    monkeypatch.setattr(allocator.ctypes, "CDLL", lambda name: FakeLibc())
    assert allocator.limit_malloc_arenas(3) is True
    assert calls == [(-8, 3)]  # M_ARENA_MAX
    assert os.environ["MALLOC_ARENA_MAX"] == "3"  # spawned workers apply it at start-up


def test_an_explicit_malloc_arena_max_wins(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MALLOC_ARENA_MAX", "16")
    monkeypatch.setattr(allocator.ctypes, "CDLL", lambda name: pytest.fail("mallopt must not be called"))
    assert allocator.limit_malloc_arenas() is False
    assert os.environ["MALLOC_ARENA_MAX"] == "16"


def test_a_c_library_without_mallopt_is_left_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MALLOC_ARENA_MAX", raising=False)

    def no_glibc(name: str) -> None:
        raise OSError(f"{name}: cannot open shared object file")

    monkeypatch.setattr(allocator.ctypes, "CDLL", no_glibc)
    assert allocator.limit_malloc_arenas() is False
    assert "MALLOC_ARENA_MAX" not in os.environ


@pytest.mark.skipif(not sys.platform.startswith("linux") or platform.libc_ver()[0] != "glibc",
                    reason="glibc's mallopt")
def test_the_real_glibc_accepts_the_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MALLOC_ARENA_MAX", raising=False)
    assert allocator.limit_malloc_arenas(2) is True
    assert os.environ["MALLOC_ARENA_MAX"] == "2"
