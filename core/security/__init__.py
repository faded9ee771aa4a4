"""Security: HTTP headers, permission checks."""
