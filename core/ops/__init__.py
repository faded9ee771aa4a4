"""Operations: backup, restore, retention purge, and helpers to run gunicorn locally."""
