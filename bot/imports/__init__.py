"""Imports: reading staff spreadsheets, validating them, previewing and applying them all or nothing."""
