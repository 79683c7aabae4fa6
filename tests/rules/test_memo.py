"""The memo helper: a hit returns the kept value, a full table empties, identity keys never alias."""

from __future__ import annotations

from rules.memo import IdentityMemo, Memo


def test_memo_makes_once_and_empties_when_full() -> None:
    made: list[int] = []
    memo: Memo[int, int] = Memo(limit=2)

    def make(k: int) -> int:
        made.append(k)
        return k * 10

    assert memo.get_or_make(1, lambda: make(1)) == 10
    assert memo.get_or_make(1, lambda: make(1)) == 10
    assert made == [1]
    memo.get_or_make(2, lambda: make(2))
    memo.get_or_make(3, lambda: make(3))  # full: emptied, then 3 kept
    assert len(memo) == 1
    assert memo.get(1) is None and memo.get(3) == 30


def test_memo_keeps_a_falsy_value() -> None:
    memo: Memo[str, int | None] = Memo()
    calls = []
    memo.get_or_make("k", lambda: calls.append(1))
    memo.get_or_make("k", lambda: calls.append(1))
    assert calls == [1]


def test_identity_memo_tells_equal_objects_apart() -> None:
    memo: IdentityMemo[str] = IdentityMemo(limit=8)
    a, b = (1, 2, [3]), (1, 2, [3])
    assert memo.get_or_make((a,), lambda: "a") == "a"
    assert memo.get_or_make((b,), lambda: "b") == "b"
    assert memo.get((a,)) == "a"


def test_identity_memo_empties_when_full() -> None:
    memo: IdentityMemo[str] = IdentityMemo(limit=2)
    a, b, c = [1], [2], [3]
    memo.put((a, b), "ab")
    assert memo.get((a, b)) == "ab" and memo.get((b, a)) is None
    memo.put((b,), "b")
    memo.put((c,), "c")  # full: emptied, then c kept
    assert len(memo) == 1
    assert memo.get((a, b)) is None and memo.get((c,)) == "c"
