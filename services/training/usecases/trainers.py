"""Trainers: volunteers from Metro, paid trainers from elsewhere."""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import func, select

from services.kernel.contains import containing
from services.kernel.uow import UnitOfWorkFactory
from services.training.domain.trainers import validate_trainer
from services.training.models import Trainer
from services.training.usecases.views import trainer_view


def create_trainer(uow: UnitOfWorkFactory, data: Mapping) -> dict:
    profile = validate_trainer(data)
    with uow() as unit:
        trainer = Trainer(**{k: (list(v) if k == "skills" else v)
                             for k, v in profile.__dict__.items()})
        unit.session.add(trainer)
        unit.session.flush()
        view = trainer_view(trainer)
        unit.commit()
    return view


def list_trainers(uow: UnitOfWorkFactory, *, q: str | None = None, page: int = 1,
                  per_page: int = 50) -> dict:
    stmt = select(Trainer).where(Trainer.active.is_(True))
    if q:
        stmt = stmt.where(containing(q, Trainer.name))
    with uow(readonly=True) as unit:
        total = unit.session.execute(
            select(func.count()).select_from(stmt.subquery())).scalar_one()
        rows = unit.session.execute(stmt.order_by(Trainer.name).offset((page - 1) * per_page)
                                    .limit(per_page)).scalars().all()
        items = [trainer_view(t) for t in rows]
    return {"items": items, "total": total, "page": page, "per_page": per_page}
