"""earlier aid kept as facts

Revision ID: c5e1a7d3f9b2
Revises: b2a908509cbc
Create Date: 2026-12-08 09:00:00
"""
from alembic import op
import sqlalchemy as sa


revision = 'c5e1a7d3f9b2'
down_revision = 'b2a908509cbc'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('enrollment') as batch_op:
        batch_op.add_column(sa.Column('earlier_aid', sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('enrollment') as batch_op:
        batch_op.drop_column('earlier_aid')
