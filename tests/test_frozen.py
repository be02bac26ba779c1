"""``figcheck.frozen``: frozen dataclasses with generated methods behave as dataclasses' own, the
generated file is current, and every frozen class of figcheck uses it."""

from __future__ import annotations

import copy
import dataclasses
import importlib
import os
import pkgutil
import subprocess
import sys
from dataclasses import field
from decimal import Decimal
from typing import Any

import pytest

import figcheck
from figcheck import frozen as fz
from tests.conftest import EXAMPLE, ROOT


def _classes() -> list[tuple[str, Any]]:
    """Class bodies covering what the generator writes: plain fields, defaults, factories,
    ``compare=False``, ``repr=False``, ``hash=``, ``__post_init__``, no fields at all."""

    def plain() -> type:
        class Span:
            """A range."""

            start: int
            end: int

        return Span

    def defaults() -> type:
        class Money:
            """Money."""

            value: Decimal
            currency: str = "USD"
            notes: tuple[str, ...] = ()
            seen: list[str] = field(default_factory=list, compare=False)
            secret: str = field(default="x", repr=False)
            weight: int = field(default=1, hash=False)

        return Money

    def post_init() -> type:
        class Options:
            """Options that tidy themselves."""

            rates: dict[str, Decimal] = field(default_factory=dict)
            tolerance: Decimal = Decimal("0.5")

            def __post_init__(self) -> None:
                object.__setattr__(self, "tolerance", Decimal(self.tolerance))

        return Options

    def empty() -> type:
        class Nothing:
            """No fields."""

        return Nothing

    return [("plain", plain), ("defaults", defaults), ("post_init", post_init), ("empty", empty)]


def _twins(make: Any) -> tuple[type, type]:
    """The class as ``dataclass(frozen=True, slots=True)`` makes it, and with generated methods."""
    real = dataclasses.dataclass(frozen=True, slots=True)(make())
    body = make()
    shape = fz._shape(body)
    space: dict[str, Any] = {}
    exec(fz._HEADER + fz.source(real, shape), space)
    (entry,) = space["MADE"].values()
    assert entry[0] == shape
    return real, fz._with_methods(body, entry[1])


def _hashed(value: Any) -> int | str:
    try:
        return hash(value)
    except TypeError as e:
        return str(e)


def _samples(name: str, cls: type) -> list[tuple[tuple[Any, ...], dict[str, Any]]]:
    return {
        "plain": [((1, 2), {}), ((), {"start": 3, "end": 4}), ((1, 3), {})],
        "defaults": [
            ((Decimal("5500"),), {}),
            ((Decimal(1), "EUR"), {"seen": ["a"]}),
            ((Decimal(1), "EUR"), {}),  # equal to the one before: seen is not compared
            ((Decimal(1),), {"weight": 2}),  # weight is compared, not hashed
            ((Decimal(1),), {"secret": "y"}),  # secret is compared, not shown
        ],
        "post_init": [((), {}), (({"USD": Decimal(153)},), {"tolerance": 1})],
        "empty": [((), {})],
    }[name]


@pytest.mark.parametrize(("name", "make"), _classes(), ids=[n for n, _ in _classes()])
def test_generated_methods_behave_as_dataclasses_own(name: str, make: Any) -> None:
    real, made = _twins(make)
    assert [f.name for f in dataclasses.fields(real)] == [f.name for f in dataclasses.fields(made)]
    assert real.__match_args__ == made.__match_args__  # type: ignore[attr-defined]
    assert real.__slots__ == made.__slots__  # type: ignore[attr-defined]
    samples = _samples(name, real)
    for args, kwargs in samples:
        a, b = real(*args, **kwargs), made(*args, **kwargs)
        assert repr(a) == repr(b).replace(made.__qualname__, real.__qualname__)
        assert dataclasses.asdict(a) == dataclasses.asdict(b)
        assert _hashed(a) == _hashed(b)
        assert b == made(*args, **kwargs)
        assert (b == a) is False  # another class: NotImplemented both ways, then identity
        assert b.__eq__(a) is NotImplemented
        for others in samples:
            other_a, other_b = real(*others[0], **others[1]), made(*others[0], **others[1])
            assert (a == other_a) == (b == other_b)
        back = copy.deepcopy(b)  # through __reduce_ex__, __getstate__ and __setstate__, as pickle goes
        assert back == b
        assert back is not b
        assert repr(back) == repr(b)
        assert b.__getstate__() == a.__getstate__()  # type: ignore[attr-defined]
        for f in dataclasses.fields(made):
            with pytest.raises(dataclasses.FrozenInstanceError, match=f"cannot assign to field '{f.name}'"):
                setattr(b, f.name, None)
            with pytest.raises(dataclasses.FrozenInstanceError, match=f"cannot delete field '{f.name}'"):
                delattr(b, f.name)
            assert dataclasses.replace(b, **{f.name: getattr(b, f.name)}) == b
    with pytest.raises(dataclasses.FrozenInstanceError):
        made(*samples[0][0], **samples[0][1]).other = 1  # type: ignore[attr-defined]
    if name != "empty":
        with pytest.raises(TypeError):
            made(1, 2, 3, 4, 5, 6, 7)
        with pytest.raises(TypeError):
            made(nonsense=1)


def test_a_factory_makes_a_new_object_for_each_instance() -> None:
    _, made = _twins(dict(_classes())["defaults"])
    one, two = made(Decimal(1)), made(Decimal(2))
    assert one.seen == [] and one.seen is not two.seen  # type: ignore[attr-defined]  # noqa: PT018


def test_post_init_runs() -> None:
    _, made = _twins(dict(_classes())["post_init"])
    assert made(tolerance=1).tolerance == Decimal(1)  # type: ignore[attr-defined]
    assert type(made(tolerance=1).tolerance) is Decimal  # type: ignore[attr-defined]


def test_a_class_whose_shape_changed_is_a_plain_dataclass(monkeypatch: pytest.MonkeyPatch) -> None:
    """A class edited since its methods were generated: dataclasses' own methods, never stale ones."""
    real, _ = _twins(dict(_classes())["plain"])
    shape = fz._shape(dict(_classes())["plain"]())
    space: dict[str, Any] = {}
    exec(fz._HEADER + fz.source(real, shape), space)
    factory = next(iter(space["MADE"].values()))[1]
    monkeypatch.setitem(fz._made, f"{__name__}.Changed", (shape, factory))
    monkeypatch.setitem(fz._made, f"{__name__}.Unchanged", (shape, factory))

    class Changed:
        """start and end, and now a default."""

        start: int
        end: int = 0

    class Unchanged:
        """start and end, as generated."""

        start: int
        end: int

    Changed.__qualname__, Unchanged.__qualname__ = "Changed", "Unchanged"
    made = fz.frozen(Changed)
    assert made(1).end == 0  # type: ignore[call-arg]
    assert made.__dataclass_params__.frozen  # type: ignore[attr-defined]  # dataclasses' own methods
    kept = fz.frozen(Unchanged)
    assert not kept.__dataclass_params__.frozen  # type: ignore[attr-defined]  # the generated ones
    assert kept(1, 2) == kept(1, 2)  # type: ignore[call-arg]


def test_the_generated_file_is_current() -> None:
    """``python -m figcheck.frozen`` writes what is checked in (run it after changing a class)."""
    path = ROOT / "src" / "figcheck" / "_frozen.py"
    if not path.is_file():
        pytest.skip("no source tree")
    out = subprocess.run(
        [sys.executable, "-m", "figcheck.frozen"], capture_output=True, text=True, timeout=120, check=True
    )
    assert out.stdout == path.read_text(encoding="utf-8"), "run: python -m figcheck.frozen > src/figcheck/_frozen.py"


def test_every_frozen_class_of_figcheck_uses_its_generated_methods() -> None:
    frozen_classes = []
    for info in pkgutil.walk_packages(figcheck.__path__, "figcheck."):
        if info.name in ("figcheck.__main__",):
            continue
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and value.__module__ == info.name
                and dataclasses.is_dataclass(value)
                and hasattr(value, "__slots__")
            ):
                frozen_classes.append(value)
    assert len(frozen_classes) > 30
    stale = [c.__qualname__ for c in frozen_classes if not c.__init__.__code__.co_filename.endswith("_frozen.py")]
    assert stale == []


_SNAPSHOT = """
import sys
from figcheck import frozen
frozen._GENERATING = {generating}
from figcheck.api import check_text
from pathlib import Path
report = check_text(Path(sys.argv[1]).read_text(encoding="utf-8"), path="example.txt")
print(repr(report))
import dataclasses, pickle
print([f == dataclasses.replace(f) == pickle.loads(pickle.dumps(f)) for f in report.findings])
"""


def test_a_check_reads_the_same_with_either_kind_of_class() -> None:
    """The whole report of the example, with dataclasses' own methods and with the generated
    ones: its repr, and each finding equal to its copy and to itself unpickled. (Hashes are compared
    in-process above: across processes, the hash of None is not fixed.)"""
    env = dict(os.environ)
    outs = [
        subprocess.run(
            [sys.executable, "-c", _SNAPSHOT.format(generating=generating), str(EXAMPLE)],
            capture_output=True,
            text=True,
            encoding="utf-8",
            env=env,
            timeout=120,
            check=True,
        ).stdout
        for generating in (True, False)
    ]
    assert outs[0] == outs[1]
    assert "Finding(" in outs[0]
