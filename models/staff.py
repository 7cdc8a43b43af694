"""Staff members and pending imports (staff data management)."""
