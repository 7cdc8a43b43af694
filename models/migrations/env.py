"""Alembic environment. The app passes its engine (:func:`models.db.alembic_config`); the ``alembic`` command line
(``make migration``) uses ``DATABASE_URL`` from the environment, else ``sqlalchemy.url`` in ``models/alembic.ini``."""

from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel

# Importing the modules registers every table on SQLModel.metadata.
import models.digest
import models.staff
import models.tables
import models.updates  # noqa: F401

config = context.config
target_metadata = SQLModel.metadata


def run_migrations_online() -> None:
    engine = config.attributes.get("engine")
    if engine is None:
        import os

        from models.db import get_engine

        engine = get_engine(os.environ.get("DATABASE_URL") or config.get_main_option("sqlalchemy.url") or "")
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=connection.dialect.name == "sqlite",
            compare_type=True,
        )
        with context.begin_transaction():
            context.run_migrations()
        connection.commit()


run_migrations_online()
