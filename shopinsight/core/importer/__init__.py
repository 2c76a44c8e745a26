"""Import real shop exports (CSV, TSV, TXT, gzip, Excel) into a shop.

``preview_file(path)`` shows what would happen (format, mapping, first rows);
``import_files(shop, paths)`` does it, all or nothing.
"""
from .fields import CANONICAL_FIELDS, FIELD_LABELS
from .presets import PRESETS, Preset
from .run import ImportOptions, ImportResult, Preview, import_files, preview_file

__all__ = ["CANONICAL_FIELDS", "FIELD_LABELS", "PRESETS", "Preset", "ImportOptions", "ImportResult",
           "Preview", "import_files", "preview_file"]
