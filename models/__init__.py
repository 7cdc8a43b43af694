"""SQLModel tables (``models.tables``, ``models.digest``, ``models.staff``), engine and session (``models.db``),
migrations and loaders of reference data (``models.seed``).

Import the module you need: the package itself imports nothing, so answering a question loads only the
tables it reads.
"""
