"""Digests for staff groups: schedule, subscriptions and the delivery ledger, composition, dispatch."""
