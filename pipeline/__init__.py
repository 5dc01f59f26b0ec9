"""newsetl: batch ETL for news corpora."""

__version__ = "0.1.0"
SCHEMA_VERSION = "1"
