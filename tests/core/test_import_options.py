"""ImportOptions on the job contract (issue 12): frozen, ``validate()`` raises InputError naming the
option and its value; the importer validates before reading a file."""
from __future__ import annotations

import dataclasses

import pytest

from shopinsight.core.errors import InputError
from shopinsight.core.importer import ImportOptions, preview_file


def test_import_options_are_frozen():
    opts = ImportOptions(preset=None)
    with pytest.raises(dataclasses.FrozenInstanceError):
        opts.date_format = "%d/%m/%Y"


def test_validate_returns_the_options_when_they_are_fine():
    opts = ImportOptions(mapping={"quantity": "qty", "customer_id": None})
    assert opts.validate() is opts


@pytest.mark.parametrize("options, column, value, words", [
    (dict(preset="nonsense"), "preset", "nonsense", "unknown preset"),
    (dict(mapping={"colour": "Colour"}), "mapping", "colour", "unknown field"),
])
def test_validate_names_the_option_and_value(options, column, value, words):
    with pytest.raises(InputError) as e:
        ImportOptions(**options).validate()
    assert (e.value.column, e.value.value) == (column, value) and words in str(e.value)


def test_preview_validates_before_reading_the_file(tmp_path):
    # the file does not exist: the options are judged first, so the error is about the preset
    with pytest.raises(InputError, match="unknown preset"):
        preview_file(tmp_path / "missing.csv", ImportOptions(preset="nonsense"))
