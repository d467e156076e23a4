"""One small function per Decree 30 rule; importing the modules registers them."""

from docgen.checker.rules import annex, body, closing, header, page, required, text  # noqa: F401
