"""docgen: Vietnamese administrative documents in the format of Decree 30/2020/NĐ-CP."""

__version__ = "0.1.0"
