"""Accounts: members, their companies, sign-in."""
