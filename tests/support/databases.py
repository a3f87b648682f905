"""Real databases for tests: SQLite files, and PostgreSQL databases made for one test run."""

from __future__ import annotations

import os
import uuid

import psycopg
from psycopg import sql

ADMIN_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres")


def postgres_available() -> bool:
    try:
        with psycopg.connect(ADMIN_URL, connect_timeout=2):
            return True
    except psycopg.Error:
        return False


class PostgresDatabases:
    """CREATE DATABASE for each name on start, DROP on close."""

    def __init__(self, prefix: str = "metro_test"):
        self.prefix = f"{prefix}_{uuid.uuid4().hex[:8]}"
        self.created: list[str] = []

    def create(self, name: str) -> str:
        database = f"{self.prefix}_{name}"
        with psycopg.connect(ADMIN_URL, autocommit=True) as conn:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(database)))
        self.created.append(database)
        base = ADMIN_URL.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://", 1)
        return f"{base}/{database}"

    def drop_all(self) -> None:
        with psycopg.connect(ADMIN_URL, autocommit=True) as conn:
            for database in self.created:
                conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                    sql.Identifier(database)))
        self.created.clear()
