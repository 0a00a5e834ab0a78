"""Disjoint sets (union-find): resolution's clusters, dedupe's copies and the evaluations' gold groups."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from typing import Any, Generic, TypeVar

T = TypeVar("T", bound=Hashable)


class DisjointSets(Generic[T]):
    """Items joined into groups; each group is named by one member, its root.

    Which member names a merged group is part of the result (an original names its copies, the
    smallest incident id names a gold group), so `union` takes a rule: with `order`, the smaller root
    by that key; without, the first argument's root.
    """

    def __init__(self, items: Iterable[T] = (), *, order: Callable[[T], Any] | None = None):
        self.parent: dict[T, T] = {x: x for x in items}
        self.order = order

    def add(self, x: T) -> None:
        self.parent.setdefault(x, x)

    def find(self, x: T) -> T:
        parent = self.parent
        while parent[x] != x:
            parent[x] = parent[parent[x]]  # path halving keeps later finds short
            x = parent[x]
        return x

    def union(self, a: T, b: T) -> T:
        """Join a's group and b's; return the root of the joined group."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return ra
        if self.order is not None and self.order(rb) < self.order(ra):
            ra, rb = rb, ra
        self.parent[rb] = ra
        return ra

    def roots(self) -> dict[T, T]:
        """Every item -> the root of its group."""
        return {x: self.find(x) for x in self.parent}

    def groups(self) -> list[list[T]]:
        """The groups, each in insertion order, in the order of their first member."""
        out: dict[T, list[T]] = {}
        for x in self.parent:
            out.setdefault(self.find(x), []).append(x)
        return list(out.values())
