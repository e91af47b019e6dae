# jobs.py imports numpy but uses it only in a quoted-out block: an empty module stands in.
