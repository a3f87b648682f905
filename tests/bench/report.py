"""The figures: a rich table on the console and var/bench/latest.json."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console
from rich.table import Table

KEYS = ("value", "unit", "baseline", "ratio", "target", "ok")


@dataclass
class Figure:
    name: str
    value: float | None
    unit: str
    baseline: float | None
    ratio: float | None
    target: float | None
    ok: bool
    description: str = ""

    def as_json(self) -> dict:
        entry = {key: getattr(self, key) for key in KEYS}
        for key in ("value", "baseline", "ratio"):
            entry[key] = _round(entry[key])
        entry["description"] = self.description
        return entry


def _round(number: float | None) -> float | None:
    return None if number is None else round(float(number), 4)


def _ratio(value: float | None, baseline: float | None) -> float | None:
    return value / baseline if value is not None and baseline else None


def throughput(name: str, value: float, baseline: float, unit: str, target: float,
               description: str) -> Figure:
    """Higher is better: ok when value / baseline reaches the target ratio."""
    ratio = _ratio(value, baseline)
    return Figure(name, value, unit, baseline, ratio, target,
                  ratio is not None and ratio >= target, description)


def latency(name: str, value: float | None, baseline: float | None, limit: float | None,
            completed: bool, description: str) -> Figure:
    """Seconds, lower is better: ok when under `limit` (or, without one, when the run completed:
    every event delivered)."""
    ok = completed and value is not None and (limit is None or value < limit)
    return Figure(name, value, "s", baseline, _ratio(value, baseline), limit, ok, description)


def cost(name: str, value: float | None, unit: str, description: str) -> Figure:
    """What something costs, for information: no baseline and no target; ok when measured."""
    return Figure(name, value, unit, None, None, None, value is not None, description)


def _cell(number: float | None) -> str:
    if number is None:
        return "-"
    return f"{number:,.0f}" if abs(number) >= 100 else f"{number:.3g}"


def print_table(console: Console, figures: list[Figure], title: str) -> None:
    table = Table(title=title, show_lines=False)
    for column, justify in (("name", "left"), ("value", "right"), ("unit", "left"),
                            ("baseline", "right"), ("ratio", "right"), ("target", "left"),
                            ("ok", "center")):
        table.add_column(column, justify=justify, no_wrap=column == "name")
    for figure in figures:
        if figure.target is None:
            target = "-"
        elif figure.unit == "s":
            target = f"< {figure.target:g} s"
        else:
            target = f"ratio >= {figure.target:g}"
        table.add_row(figure.name, _cell(figure.value), figure.unit, _cell(figure.baseline),
                      "-" if figure.ratio is None else
                      f"{figure.ratio:,.0f}" if figure.ratio >= 100 else f"{figure.ratio:.2f}",
                      target,
                      "[green]yes[/green]" if figure.ok else "[red]no[/red]")
    console.print(table)
    for figure in figures:
        console.print(f"[dim]{figure.name}: {figure.description}[/dim]")


def write_json(path: Path, figures: list[Figure]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps({f.name: f.as_json() for f in figures}, indent=2) + "\n")
    tmp.replace(path)
