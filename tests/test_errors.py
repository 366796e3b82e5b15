from eduminer.errors import DataFileError, Errors, InputError, _Message


def test_every_catalogue_entry_carries_its_own_code():
    codes = [k for k in vars(Errors) if k[:1] == "E" and k[1:].isdigit()]
    assert codes, "the catalogue is empty"
    for code in codes:
        assert getattr(Errors, code).code == code


def test_templates_with_equal_text_keep_distinct_codes():
    # two entries may share a text; the code must come from the entry, not from a text lookup
    a, b = _Message("{path}: x"), _Message("{path}: x")
    a.code, b.code = "E901", "E902"
    assert str(InputError(a, path="f")) == "[E901] f: x"
    assert str(InputError(b, path="f")) == "[E902] f: x"


def test_message_names_file_and_reason():
    err = InputError(Errors.E008, path="docs/empty.txt")
    assert str(err) == "[E008] docs/empty.txt: the file is empty."
    assert err.path == "docs/empty.txt" and err.code == "E008"


def test_data_file_error_is_a_value_error():
    assert isinstance(DataFileError(Errors.E101, path="t.yaml", line=2, message="bad"), ValueError)
