"""The file kinds a load reads, by suffix: shared by the reader and the archive unpacker."""

TEXT_SUFFIXES = {".csv", ".tsv", ".txt", ".tab", ".dat", ".psv", ""}
EXCEL_SUFFIXES = {".xlsx", ".xlsm", ".xlsb", ".xls", ".ods"}
PARQUET_SUFFIXES = {".parquet", ".pq"}
JSON_SUFFIXES = {".json", ".jsonl", ".ndjson"}
ARCHIVE_SUFFIXES = {".zip", ".gz"}
SUPPORTED = sorted((TEXT_SUFFIXES | EXCEL_SUFFIXES | PARQUET_SUFFIXES | JSON_SUFFIXES | ARCHIVE_SUFFIXES)
                   - {""})
