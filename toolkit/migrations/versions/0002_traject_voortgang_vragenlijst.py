"""traject: bijeenkomsten in a chain, status history of actions, questionnaire mode

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-04 23:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "traject",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("titel", sa.String(length=240), nullable=False),
        sa.Column("wijk", sa.String(length=120), nullable=False),
        sa.Column("partners", sa.JSON(), nullable=False),
        sa.Column("aangemaakt", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_traject")),
    )
    op.create_table(
        "traject_bijeenkomst",
        sa.Column("bijeenkomst_id", sa.Integer(), nullable=False),
        sa.Column("traject_id", sa.Integer(), nullable=False),
        sa.Column("vorige_id", sa.Integer(), nullable=True),
        sa.Column("programma", sa.String(length=120), nullable=False),
        sa.ForeignKeyConstraint(
            ["bijeenkomst_id"], ["bijeenkomst.id"],
            name=op.f("fk_traject_bijeenkomst_bijeenkomst_id_bijeenkomst"), ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["traject_id"], ["traject.id"], name=op.f("fk_traject_bijeenkomst_traject_id_traject"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["vorige_id"], ["bijeenkomst.id"], name=op.f("fk_traject_bijeenkomst_vorige_id_bijeenkomst"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("bijeenkomst_id", name=op.f("pk_traject_bijeenkomst")),
    )
    with op.batch_alter_table("traject_bijeenkomst", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_traject_bijeenkomst_traject_id"), ["traject_id"], unique=False)

    op.create_table(
        "voortgang",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("bijeenkomst_id", sa.Integer(), nullable=False),
        sa.Column("soort", sa.String(length=16), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("wanneer", sa.Date(), nullable=True),
        sa.Column("opmerking", sa.Text(), nullable=False),
        sa.Column("aangemaakt", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["bijeenkomst_id"], ["bijeenkomst.id"], name=op.f("fk_voortgang_bijeenkomst_id_bijeenkomst"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_voortgang")),
        sa.UniqueConstraint("bijeenkomst_id", "soort", "item_id", name="uq_voortgang_per_bijeenkomst"),
    )
    with op.batch_alter_table("voortgang", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_voortgang_bijeenkomst_id"), ["bijeenkomst_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_voortgang_item_id"), ["item_id"], unique=False)

    op.create_table(
        "vragenlijst",
        sa.Column("bijeenkomst_id", sa.Integer(), nullable=False),
        sa.Column("open_tot", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(
            ["bijeenkomst_id"], ["bijeenkomst.id"], name=op.f("fk_vragenlijst_bijeenkomst_id_bijeenkomst"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("bijeenkomst_id", name=op.f("pk_vragenlijst")),
    )


def downgrade() -> None:
    op.drop_table("vragenlijst")
    with op.batch_alter_table("voortgang", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_voortgang_item_id"))
        batch_op.drop_index(batch_op.f("ix_voortgang_bijeenkomst_id"))
    op.drop_table("voortgang")
    with op.batch_alter_table("traject_bijeenkomst", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_traject_bijeenkomst_traject_id"))
    op.drop_table("traject_bijeenkomst")
    op.drop_table("traject")
