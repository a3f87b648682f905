"""retail outlets can close

Revision ID: e3a1c7b5d9f2
Revises: dcb0e26b609b
Create Date: 2026-11-29 08:00:00
"""
from alembic import op
import sqlalchemy as sa


revision = 'e3a1c7b5d9f2'
down_revision = 'dcb0e26b609b'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('retail_outlet') as batch_op:
        batch_op.add_column(sa.Column('closed_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('closed_by', sa.String(length=200), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('retail_outlet') as batch_op:
        batch_op.drop_column('closed_by')
        batch_op.drop_column('closed_on')
