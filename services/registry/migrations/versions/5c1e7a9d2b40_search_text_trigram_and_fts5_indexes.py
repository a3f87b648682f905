"""search text with trigram (PostgreSQL) and FTS5 (SQLite) indexes, sort and filter indexes

Revision ID: 5c1e7a9d2b40
Revises: 9d9349acee8d
Create Date: 2026-11-29 05:00:00.000000

business.search_text holds the business, owner and product names, folded, one per line. On
PostgreSQL a pg_trgm GIN index serves `search_text LIKE '%term%'`. On SQLite an FTS5 table
(trigram tokenizer from SQLite 3.34, else unicode61 word prefixes) mirrors the column through
triggers; its rowids come from business_fts_rowid, whose INTEGER PRIMARY KEY stays put when the
database is vacuumed (business has no integer key of its own).

A later migration that rebuilds the business table on SQLite (a batch "move and copy") drops
these triggers with the old table: it must call create_sqlite_fts(..., backfill=True) again.
"""
from alembic import op
import sqlalchemy as sa

from services.registry.domain.business import name_key
from services.registry.domain.search import search_text


revision = '5c1e7a9d2b40'
down_revision = '9d9349acee8d'
branch_labels = None
depends_on = None

BATCH = 2000
# Carried by the sort indexes on PostgreSQL (a page is then found in the index alone).
SORT_INCLUDE = ["kecamatan", "kelurahan", "sector", "scale", "status", "mb2_member",
                "search_text"]
SORT_INDEXES = {
    "ix_business_sort_registered": ["registered_on", "created_at", "id"],
    "ix_business_sort_name": ["name_key", "id"],
    "ix_business_sort_owner": ["owner_name_key", "id"],
}

SQLITE_TRIGGERS = (
    """CREATE TRIGGER business_fts_ai AFTER INSERT ON business BEGIN
         INSERT INTO business_fts_rowid (business_id) VALUES (new.id);
         INSERT INTO business_fts (rowid, search_text)
           SELECT rowid, new.search_text FROM business_fts_rowid WHERE business_id = new.id;
       END""",
    """CREATE TRIGGER business_fts_au AFTER UPDATE OF search_text ON business
       WHEN old.search_text IS NOT new.search_text BEGIN
         UPDATE business_fts SET search_text = new.search_text
           WHERE rowid = (SELECT rowid FROM business_fts_rowid WHERE business_id = new.id);
       END""",
    """CREATE TRIGGER business_fts_ad AFTER DELETE ON business BEGIN
         DELETE FROM business_fts
           WHERE rowid = (SELECT rowid FROM business_fts_rowid WHERE business_id = old.id);
         DELETE FROM business_fts_rowid WHERE business_id = old.id;
       END""",
)


def backfill_search_text(bind) -> None:
    """Every business's search text and owner sort key, in batches walked by id."""
    last = ""
    while True:
        rows = bind.execute(sa.text(
            "SELECT b.id, b.name, o.name FROM business b JOIN owner o ON o.id = b.owner_id "
            "WHERE b.id > :last ORDER BY b.id LIMIT :n"), {"last": last, "n": BATCH}).all()
        if not rows:
            return
        ids = [row[0] for row in rows]
        products: dict[str, list[str]] = {}
        for business_id, name in bind.execute(
                sa.text("SELECT business_id, name FROM product WHERE business_id IN :ids")
                .bindparams(sa.bindparam("ids", expanding=True)), {"ids": ids}):
            products.setdefault(business_id, []).append(name)
        bind.execute(sa.text("UPDATE business SET search_text = :text, owner_name_key = :key "
                             "WHERE id = :id"), [
            {"id": business_id, "text": search_text(name, owner, products.get(business_id, ())),
             "key": name_key(owner)}
            for business_id, name, owner in rows])
        last = ids[-1]


def sqlite_tokenizer(bind) -> str | None:
    """trigram where SQLite has it, unicode61 before 3.34, None without FTS5 at all."""
    options = {row[0] for row in bind.exec_driver_sql("PRAGMA compile_options")}
    if "ENABLE_FTS5" not in options:
        return None
    version = tuple(int(part) for part in
                    bind.exec_driver_sql("SELECT sqlite_version()").scalar().split("."))
    return "trigram" if version >= (3, 34, 0) else "unicode61 remove_diacritics 2"


def create_sqlite_fts(bind, *, backfill: bool) -> None:
    tokenizer = sqlite_tokenizer(bind)
    if tokenizer is None:  # searches then read business.search_text with LIKE
        return
    for trigger in ("business_fts_ai", "business_fts_au", "business_fts_ad"):
        bind.exec_driver_sql(f"DROP TRIGGER IF EXISTS {trigger}")
    bind.exec_driver_sql("DROP TABLE IF EXISTS business_fts")
    bind.exec_driver_sql("DROP TABLE IF EXISTS business_fts_rowid")
    bind.exec_driver_sql(
        "CREATE TABLE business_fts_rowid (rowid INTEGER PRIMARY KEY, "
        "business_id VARCHAR(36) NOT NULL UNIQUE)")
    bind.exec_driver_sql(
        f"CREATE VIRTUAL TABLE business_fts USING fts5(search_text, tokenize='{tokenizer}')")
    for trigger in SQLITE_TRIGGERS:
        bind.exec_driver_sql(trigger)
    if backfill:
        bind.exec_driver_sql(
            "INSERT INTO business_fts_rowid (business_id) SELECT id FROM business ORDER BY id")
        bind.exec_driver_sql(
            "INSERT INTO business_fts (rowid, search_text) SELECT k.rowid, b.search_text "
            "FROM business_fts_rowid k JOIN business b ON b.id = k.business_id")


def upgrade() -> None:
    bind = op.get_bind()
    op.add_column('business', sa.Column('search_text', sa.Text(), server_default='',
                                        nullable=False))
    op.add_column('business', sa.Column('owner_name_key', sa.String(length=120),
                                        server_default='', nullable=False))
    backfill_search_text(bind)
    op.create_index('ix_business_kelurahan', 'business', ['kelurahan'], unique=False)
    op.create_index('ix_business_mb2_member', 'business', ['mb2_member'], unique=False)
    for name, columns in SORT_INDEXES.items():
        op.create_index(name, 'business', columns, unique=False,
                        postgresql_include=SORT_INCLUDE)
    if bind.dialect.name == 'postgresql':
        op.execute('CREATE EXTENSION IF NOT EXISTS pg_trgm')
        op.execute('CREATE INDEX ix_business_search_trgm ON business '
                   'USING gin (search_text gin_trgm_ops)')
        # A finer sample of the text, for the planner's estimate of how many rows a fragment
        # matches (it chooses between the trigram index and a sort index by it).
        op.execute('ALTER TABLE business ALTER COLUMN search_text SET STATISTICS 1000')
    elif bind.dialect.name == 'sqlite':
        create_sqlite_fts(bind, backfill=True)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == 'postgresql':
        op.execute('DROP INDEX IF EXISTS ix_business_search_trgm')
    elif bind.dialect.name == 'sqlite':
        for trigger in ("business_fts_ai", "business_fts_au", "business_fts_ad"):
            op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        op.execute('DROP TABLE IF EXISTS business_fts')
        op.execute('DROP TABLE IF EXISTS business_fts_rowid')
    for name in SORT_INDEXES:
        op.drop_index(name, table_name='business')
    op.drop_index('ix_business_mb2_member', table_name='business')
    op.drop_index('ix_business_kelurahan', table_name='business')
    with op.batch_alter_table('business', schema=None) as batch_op:
        batch_op.drop_column('owner_name_key')
        batch_op.drop_column('search_text')
