"""outlet closed_by holds any email

Revision ID: b8d4f2a6c0e9
Revises: a7c3e9d1f5b8
Create Date: 2026-12-07 19:00:00
"""
from alembic import op
import sqlalchemy as sa


revision = 'b8d4f2a6c0e9'
down_revision = 'a7c3e9d1f5b8'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # The staff member who closed the outlet: an email, up to 254 characters.
    with op.batch_alter_table('retail_outlet') as batch_op:
        batch_op.alter_column('closed_by', existing_type=sa.String(length=200),
                              type_=sa.String(length=254), existing_nullable=True)


def downgrade() -> None:
    # Longer emails are cut to fit again (PostgreSQL refuses to narrow over longer values).
    op.execute("UPDATE retail_outlet SET closed_by = SUBSTR(closed_by, 1, 200) "
               "WHERE LENGTH(closed_by) > 200")
    with op.batch_alter_table('retail_outlet') as batch_op:
        batch_op.alter_column('closed_by', existing_type=sa.String(length=254),
                              type_=sa.String(length=200), existing_nullable=True)
