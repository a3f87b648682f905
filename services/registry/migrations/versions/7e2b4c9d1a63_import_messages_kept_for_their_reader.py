"""import messages kept to be said in their reader's language

Revision ID: 7e2b4c9d1a63
Revises: 5c1e7a9d2b40
Create Date: 2026-12-07 23:00:00.000000

The import worker wrote its row errors and a failure's message as Indonesian text for every
reader. Each is now also kept as its Indonesian source and values (services.kernel.said), said
when read in the reader's language; rows written before keep their text.
"""
from alembic import op
import sqlalchemy as sa


revision = '7e2b4c9d1a63'
down_revision = '5c1e7a9d2b40'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("import_job") as batch:
        batch.add_column(sa.Column("message_kept", sa.JSON(), nullable=True))
    with op.batch_alter_table("import_row_error") as batch:
        batch.add_column(sa.Column("message_kept", sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table("import_row_error") as batch:
        batch.drop_column("message_kept")
    with op.batch_alter_table("import_job") as batch:
        batch.drop_column("message_kept")
