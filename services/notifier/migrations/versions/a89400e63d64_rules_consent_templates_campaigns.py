"""rules, consent, templates, campaigns

Revision ID: a89400e63d64
Revises: bb337be2dd0d
Create Date: 2026-11-28 18:47:41.181638
"""
import sqlalchemy as sa
from alembic import op

import services.kernel.db


revision = 'a89400e63d64'
down_revision = 'bb337be2dd0d'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('campaign',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('event_id', sa.String(length=36), nullable=False),
    sa.Column('event_type', sa.String(length=80), nullable=False),
    sa.Column('template', sa.String(length=80), nullable=False),
    sa.Column('payload', sa.JSON(), nullable=False),
    sa.Column('occurred_at', services.kernel.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('cursor', sa.String(length=36), nullable=False),
    sa.Column('queued', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('created_at', services.kernel.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('finished_at', services.kernel.db.UTCDateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_campaign')),
    sa.UniqueConstraint('event_id', name=op.f('uq_campaign_event_id'))
    )
    op.create_table('opt_out',
    sa.Column('address', sa.String(length=254), nullable=False),
    sa.Column('channel', sa.String(length=10), nullable=False),
    sa.Column('at', services.kernel.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('source', sa.String(length=20), nullable=False),
    sa.PrimaryKeyConstraint('address', 'channel', name=op.f('pk_opt_out'))
    )
    op.create_table('preference',
    sa.Column('umkm_id', sa.String(length=36), nullable=False),
    sa.Column('channel', sa.String(length=10), nullable=False),
    sa.Column('category', sa.String(length=20), nullable=False, server_default='account'),
    sa.Column('allowed', sa.Boolean(), nullable=False),
    sa.Column('updated_at', services.kernel.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('source', sa.String(length=20), nullable=False),
    sa.PrimaryKeyConstraint('umkm_id', 'channel', 'category', name=op.f('pk_preference'))
    )
    op.create_table('template_version',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('template', sa.String(length=80), nullable=False),
    sa.Column('locale', sa.String(length=5), nullable=False),
    sa.Column('part', sa.String(length=20), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('author', sa.String(length=200), nullable=True),
    sa.Column('created_at', services.kernel.db.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_template_version')),
    sa.UniqueConstraint('template', 'locale', 'part', 'version', name='uq_template_version')
    )
    with op.batch_alter_table('template_version', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_template_version_template'), ['template'], unique=False)

    with op.batch_alter_table('message', schema=None) as batch_op:
        batch_op.add_column(sa.Column('category', sa.String(length=20), nullable=False, server_default='account'))
        batch_op.add_column(sa.Column('bulk', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('fallback_channel', sa.String(length=10), nullable=True))
        batch_op.add_column(sa.Column('fallback_of', sa.String(length=36), nullable=True))
        batch_op.add_column(sa.Column('context', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('quiet_hours', sa.Boolean(), nullable=False,
                                      server_default=sa.true()))
        batch_op.create_index(batch_op.f('ix_message_bulk'), ['bulk'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('message', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_message_bulk'))
        batch_op.drop_column('quiet_hours')
        batch_op.drop_column('context')
        batch_op.drop_column('fallback_of')
        batch_op.drop_column('fallback_channel')
        batch_op.drop_column('bulk')
        batch_op.drop_column('category')

    with op.batch_alter_table('template_version', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_template_version_template'))

    op.drop_table('template_version')
    op.drop_table('preference')
    op.drop_table('opt_out')
    op.drop_table('campaign')
