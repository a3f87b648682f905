"""officer visits for the weekly digest

Revision ID: f08be5a1ea0e
Revises: a89400e63d64
Create Date: 2026-11-28 19:17:18.459185
"""
import sqlalchemy as sa
from alembic import op


revision = 'f08be5a1ea0e'
down_revision = 'a89400e63d64'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('officer_visit',
    sa.Column('visit_id', sa.String(length=36), nullable=False),
    sa.Column('officer_email', sa.String(length=254), nullable=True),
    sa.Column('officer_name', sa.String(length=200), nullable=True),
    sa.Column('umkm_id', sa.String(length=36), nullable=False),
    sa.Column('business_name', sa.String(length=200), nullable=False),
    sa.Column('program_title', sa.String(length=200), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('completed', sa.Boolean(), nullable=False),
    sa.Column('digest_sent_on', sa.Date(), nullable=True),
    sa.PrimaryKeyConstraint('visit_id', name=op.f('pk_officer_visit'))
    )
    with op.batch_alter_table('officer_visit', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_officer_visit_due_on'), ['due_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_officer_visit_officer_email'), ['officer_email'],
                              unique=False)



def downgrade() -> None:
    with op.batch_alter_table('officer_visit', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_officer_visit_officer_email'))
        batch_op.drop_index(batch_op.f('ix_officer_visit_due_on'))

    op.drop_table('officer_visit')
