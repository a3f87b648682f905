"""checklist items that do not apply

Revision ID: f4b2d8c6e1a3
Revises: e3a1c7b5d9f2
Create Date: 2026-12-07 16:00:00
"""
from alembic import op
import sqlalchemy as sa


revision = 'f4b2d8c6e1a3'
down_revision = 'e3a1c7b5d9f2'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('retail_checklist_item') as batch_op:
        batch_op.add_column(sa.Column('not_applicable', sa.Boolean(), nullable=False,
                                      server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table('retail_checklist_item') as batch_op:
        batch_op.drop_column('not_applicable')
