"""Alembic environment: the engine comes from :func:`models.db.alembic_config`, never from an ini file."""

from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel

# Importing the modules registers every table on SQLModel.metadata.
import models.digest
import models.staff
import models.tables  # noqa: F401

config = context.config
target_metadata = SQLModel.metadata


def run_migrations_online() -> None:
    engine = config.attributes.get("engine")
    if engine is None:
        from bot.settings import get_settings
        from models.db import get_engine

        engine = get_engine(get_settings().database_url)
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
