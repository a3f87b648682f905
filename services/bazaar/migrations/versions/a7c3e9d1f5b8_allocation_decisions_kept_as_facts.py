"""allocation decisions kept as facts

Revision ID: a7c3e9d1f5b8
Revises: f4b2d8c6e1a3
Create Date: 2026-12-07 17:00:00
"""
from alembic import op
import sqlalchemy as sa


revision = 'a7c3e9d1f5b8'
down_revision = 'f4b2d8c6e1a3'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('application') as batch_op:
        batch_op.add_column(sa.Column('decision', sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('application') as batch_op:
        batch_op.drop_column('decision')
