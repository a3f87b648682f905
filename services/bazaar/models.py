"""The bazaar service's own tables."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import DeclarativeBase

from services.kernel.db import UTCDateTime, make_metadata
from services.kernel.messaging.tables import define_messaging_tables
from services.kernel.readmodels.umkm_directory import define_umkm_directory


class Base(DeclarativeBase):
    metadata = make_metadata()
    type_annotation_map = {datetime: UTCDateTime()}


MESSAGING = define_messaging_tables(Base.metadata)
UMKM_DIRECTORY = define_umkm_directory(Base.metadata)
