"""The formats a brief renders to (a module of its own, so the command line names them without loading
the brief's engines)."""

FORMATS = ("text", "markdown", "html", "json")
