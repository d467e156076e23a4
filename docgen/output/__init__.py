"""Output: documents written into build/ atomically and byte for byte reproducibly."""

from docgen.output.package import package_bytes, write_atomic, write_package

__all__ = ["package_bytes", "write_atomic", "write_package"]
