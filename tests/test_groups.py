"""Disjoint sets: which member names a joined group is part of the answer."""

from __future__ import annotations

from eventledger.groups import DisjointSets


def test_first_argument_names_the_group_without_an_order():
    s = DisjointSets(["copy", "original", "other"])
    assert s.union("original", "copy") == "original"
    assert s.roots() == {"copy": "original", "original": "original", "other": "other"}


def test_order_decides_the_root_whatever_the_argument_order():
    s = DisjointSets(["10", "9", "100"], order=int)
    s.union("100", "10")
    s.union("10", "9")
    assert set(s.roots().values()) == {"9"}
    assert s.groups() == [["10", "9", "100"]]


def test_transitive_joins_and_added_items():
    s = DisjointSets(range(3))
    s.add(5)
    s.union(0, 1)
    s.union(5, 2)
    s.union(1, 2)
    assert len(s.groups()) == 1 and s.find(5) == s.find(0)
