"""Frozen dataclasses whose methods are written out ahead of time, not compiled at every start.

``@dataclass(frozen=True, slots=True)`` writes the source of six methods for each class and
compiles each with ``exec`` at import: the 36 classes a check loads cost about 30 ms, a third of
figcheck's own start-up. ``@frozen`` is that decorator with the methods generated once, as plain
source, by ``python -m figcheck.frozen > src/figcheck/_frozen.py`` (checked in and byte-compiled
like any module; a test fails when it is stale). The class is still a dataclass — ``fields``,
``replace`` and ``asdict`` work — declared with ``init=False, repr=False, eq=False`` so that
dataclasses compiles nothing, and the methods are dataclasses' own, to the letter: ``__init__`` with
its defaults, factories and ``__post_init__``, ``__repr__``, ``__eq__``, ``__hash__``, the frozen
``__setattr__`` and ``__delattr__``, and the state of a frozen slotted class for pickling.

A class with no generated methods, or whose shape (its fields, their defaults and ``field()``
options, a ``__post_init__``) changed since they were generated, or that uses what the generator does
not write (``kw_only``, ``InitVar``, a field outside ``__init__``, a method of its own among those),
is simply ``dataclass(frozen=True, slots=True)``: slower to import, never wrong.
"""

from __future__ import annotations

import dataclasses
import sys
from collections.abc import Callable
from typing import Any, TypeVar, dataclass_transform

__all__ = ["frozen", "source"]

T = TypeVar("T")
_GENERATING = False  # set by ``python -m figcheck.frozen``: every class is a plain dataclass
_seen: list[tuple[type, tuple[Any, ...]]] = []
_made: dict[str, tuple[tuple[Any, ...], Callable[..., dict[str, Any]]]] = {}


@dataclass_transform(frozen_default=True, field_specifiers=(dataclasses.field,))
def frozen(cls: type[T]) -> type[T]:
    """``@dataclass(frozen=True, slots=True)``, with its methods from ``figcheck._frozen``."""
    if _GENERATING:
        shape = _shape(cls)  # before dataclasses adds its methods to the class
        made = dataclasses.dataclass(frozen=True, slots=True)(cls)
        if shape:
            _seen.append((made, shape))
        return made
    if not _made:
        from figcheck._frozen import MADE

        _made.update(MADE)
    entry = _made.get(f"{cls.__module__}.{cls.__qualname__}")
    if entry is None or entry[0] != _shape(cls):
        return dataclasses.dataclass(frozen=True, slots=True)(cls)
    return _with_methods(cls, entry[1])


def _with_methods(cls: type[T], factory: Callable[..., dict[str, Any]]) -> type[T]:
    """``cls`` as a slotted dataclass with the methods ``factory`` makes (from ``figcheck._frozen``)."""
    new = dataclasses.dataclass(slots=True, init=False, repr=False, eq=False)(cls)
    fields = dataclasses.fields(new)  # type: ignore[arg-type]
    defaults = {f.name: f.default for f in fields if f.default is not dataclasses.MISSING}
    factories = {f.name: f.default_factory for f in fields if f.default_factory is not dataclasses.MISSING}
    for name, method in factory(new, defaults, factories).items():
        method.__qualname__ = f"{new.__qualname__}.{name}"
        setattr(new, name, method)
    return new


_OWN = ("__repr__", "__eq__", "__hash__", "__setattr__", "__delattr__", "__getstate__", "__setstate__")


def _shape(cls: type) -> tuple[Any, ...]:
    """What the generated methods of ``cls`` (a class as written, not yet decorated) depend on:
    each annotated name with its default or ``field()`` options, and whether it has a
    ``__post_init__``. Empty for a class the generator does not write: one without a docstring, or
    with any of the methods of its own. A class whose shape differs from its generated one's is a
    plain dataclass until the methods are generated again."""
    own = cls.__dict__
    if own.get("__doc__") is None or any(name in own for name in _OWN):
        return ()
    fields: list[Any] = []
    for name in own.get("__annotations__", ()):
        value = own.get(name, dataclasses.MISSING)
        if isinstance(value, dataclasses.Field):
            fields.append(
                (
                    name,
                    "field",
                    value.default is not dataclasses.MISSING,
                    value.default_factory is not dataclasses.MISSING,
                    value.init,
                    value.repr,
                    value.compare,
                    value.hash,
                    value.kw_only is True,
                )
            )
        else:
            fields.append((name, value is not dataclasses.MISSING))
    return (tuple(fields), "__post_init__" in own)


def source(cls: type, shape: tuple[Any, ...]) -> str:
    """The factory of ``cls``'s methods, as dataclasses writes them, for a class of ``shape``
    (``cls`` is the plain frozen dataclass ``python -m figcheck.frozen`` makes of it);
    ``ValueError`` for one with fields that are not plain ``__init__`` parameters (``kw_only``,
    ``InitVar``, ``init=False``)."""
    import inspect

    every = dataclasses.fields(cls)
    signature = list(inspect.signature(cls.__init__).parameters.values())[1:]  # type: ignore[misc]
    if [(p.name, p.kind) for p in signature] != [(f.name, inspect.Parameter.POSITIONAL_OR_KEYWORD) for f in every]:
        raise ValueError(f"{cls.__qualname__}: not a class of plain fields")
    name = "_" + "".join(ch if ch.isalnum() else "_" for ch in f"{cls.__module__}.{cls.__qualname__}")
    lines = [f"def {name}(cls, D, F):"]
    params, body = ["self"], []
    for f in every:
        if f.default is not dataclasses.MISSING:
            params.append(f"{f.name}=D[{f.name!r}]")
            body.append(f"_set(self, {f.name!r}, {f.name})")
        elif f.default_factory is not dataclasses.MISSING:
            params.append(f"{f.name}=_FACTORY")
            body.append(f"_set(self, {f.name!r}, F[{f.name!r}]() if {f.name} is _FACTORY else {f.name})")
        else:
            params.append(f.name)
            body.append(f"_set(self, {f.name!r}, {f.name})")
    if hasattr(cls, "__post_init__"):
        body.append("self.__post_init__()")
    shown = ", ".join(f"{f.name}={{self.{f.name}!r}}" for f in every if f.repr)
    compared = [f.name for f in every if f.compare]
    hashed = [f.name for f in every if (f.compare if f.hash is None else f.hash)]
    names = "(" + "".join(f"{f.name!r}, " for f in every) + ")"
    lines += [
        f"  def __init__({', '.join(params)}):",
        *(f"    {b}" for b in body or ["pass"]),
        "  @_recursive_repr()",
        "  def __repr__(self):",
        f'    return f"{{self.__class__.__qualname__}}({shown})"',
        "  def __eq__(self, other):",
        "    if other.__class__ is self.__class__:",
        f"      return {_tuple('self', compared)} == {_tuple('other', compared)}",
        "    return NotImplemented",
        "  def __hash__(self):",
        f"    return hash({_tuple('self', hashed)})",
        "  def __setattr__(self, name, value):",
        f"    if type(self) is cls or name in {names}:",
        '      raise FrozenInstanceError(f"cannot assign to field {name!r}")',
        "    super(cls, self).__setattr__(name, value)",
        "  def __delattr__(self, name):",
        f"    if type(self) is cls or name in {names}:",
        '      raise FrozenInstanceError(f"cannot delete field {name!r}")',
        "    super(cls, self).__delattr__(name)",
        "  def __getstate__(self):",
        f"    return [{', '.join(f'self.{f.name}' for f in every)}]",
        "  def __setstate__(self, state):",
        *(f"    _set(self, {f.name!r}, state[{i}])" for i, f in enumerate(every)),
        *([] if every else ["    pass"]),
        "  return {" + ", ".join(f"{m!r}: {m}" for m in ("__init__", *_OWN)) + "}",
    ]
    lines.append(f"MADE[{f'{cls.__module__}.{cls.__qualname__}'!r}] = ({shape!r}, {name})")
    return "\n".join(lines) + "\n"


def _tuple(who: str, names: list[str]) -> str:
    return "(" + "".join(f"{who}.{n}," for n in names) + ")"


_HEADER = '''"""Generated by ``python -m figcheck.frozen``: the methods of figcheck's frozen dataclasses, as
dataclasses writes them (``figcheck.frozen``). Do not edit; run it again after changing a class."""

# ruff: noqa
from dataclasses import FrozenInstanceError
from reprlib import recursive_repr as _recursive_repr

_set = object.__setattr__
_FACTORY = object()
MADE = {}
'''


def _generate() -> str:
    import importlib
    import pkgutil

    global _GENERATING
    _GENERATING = True
    import figcheck

    skip = {"figcheck.__main__", "figcheck._frozen"}
    for info in pkgutil.walk_packages(figcheck.__path__, "figcheck."):
        if info.name not in skip:
            importlib.import_module(info.name)
    parts = [_HEADER]
    for cls, shape in sorted(_seen, key=lambda seen: (seen[0].__module__, seen[0].__qualname__)):
        try:
            parts.append(f"\n\n{source(cls, shape)}")
        except ValueError:  # not a class of plain fields: it stays a plain dataclass
            continue
    return "".join(parts)


if __name__ == "__main__":
    sys.modules["figcheck.frozen"] = sys.modules[__name__]  # one registry, whichever name imports it
    sys.stdout.write(_generate())
