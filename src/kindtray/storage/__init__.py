"""Everything kindtray reads from or writes to disk: TOML files and the SQLite history.

Owns: atomic, private writes; reading files without ever losing one; the schema number every
file kindtray writes carries, checked on every read (a newer file is left untouched, an older
one is migrated); the settings, state and phrase stores; the history database.

Must not: import Qt, read the real clock (a Clock is passed in) or make decisions: what the
data means belongs to ``kindtray.core``.
"""
