"""Error catalogue, in the manner of spaCy's ``errors.py``.

Every message has a stable code (``E0xx``) so that users can search for it, and
says what went wrong *and* what to do about it. Library code raises the
exception classes below; the CLI turns them into ``Error: …`` lines (exit 1).

>>> str(InputError(Errors.E001, path="a.txt", reason="empty file"))
'[E001] a.txt: cannot read document: empty file'
"""

from __future__ import annotations


class Errors:
    # corpus
    E001 = "{path}: cannot read document: {reason}"
    E002 = "{path}: no such file or directory. Check the path, or quote names with spaces."
    E003 = "{path}: unsupported file type {suffix!r}; skipped. Supported: .txt .html .htm .docx .pdf"
    E004 = "{path}: could not decode the text (tried {tried}). Re-save it as UTF-8 and retry."
    E005 = "{path}: the PDF has no text layer (scanned image?). Run OCR first (e.g. ocrmypdf) and retry."
    E006 = "{path}: the .docx file is damaged or truncated ({reason}). Re-save it in Word or LibreOffice."
    E007 = "{path}: no body text left after removing page boilerplate."
    E008 = "{path}: the file is empty."
    E009 = "{path}: the file looks binary, not a document."
    E011 = "{path}: this HTML page has no body text (only navigation or scripts)."
    # data files (taxonomy, cue lists, rules)
    E101 = "{path}:{line}: invalid data: {message}"
    E102 = "{path}: the taxonomy has errors; extraction not started:\n{errors}"
    E103 = "{path}: cannot load model: {reason}. Retrain it with `eduminer taxonomy train`."
    E104 = "{path}: no such taxonomy file. Check the path, or omit it to use the default taxonomy ({default})."
    E105 = "{path}: cannot read the taxonomy file ({reason}). Save it as UTF-8 text."
    # extract (E150-E199)
    E150 = "{path}: cannot read the annotations ({reason}). Check the path; annotations are JSON lines in the gold format."
    E151 = "{path}:{line}: not a JSON object ({reason}). Each line must be one JSON object."
    E152 = "{path}:{line}: missing {fields}. Each annotation needs doc, category and evidence."
    E153 = "{path}: no annotations in the file. Add JSON lines in the gold format (doc, category, evidence)."
    E154 = ("none of the annotated documents ({docs}) was found under the given paths. "
            "Pass the folder that holds them, e.g. --docs DIR.")
    E155 = "{path}: unknown categories {categories}; they are not in the taxonomy {taxonomy}. Fix the ids or pass --taxonomy."
    E156 = "too few annotated sentences to train ({n}); annotate at least {need} sentences."
    # workspace
    E201 = "{path}: not an eduminer database ({reason}). Pass another --db, or move the file away to start afresh."
    E202 = ("{path}: database schema version {found} is newer than this eduminer supports ({supported}). "
            "Upgrade eduminer: pip install -U eduminer")
    E203 = "{path}: no such database. Create it with `eduminer run PATH --db {path}`."
    E204 = "unknown {kind} {value!r}.{suggestion}"
    E205 = "no measures match the selection{detail}. Widen the filters or check `eduminer search --help`."
    E206 = "no measure with id {value!r}. Find ids with `eduminer search QUERY --format jsonl`."
    E207 = "nothing matches {query!r}{detail}. Try other or fewer words, or drop filters."
    E208 = "{command} needs exactly one of {choices}; got {got}."
    E209 = "{path}: the database is busy or locked ({reason}). Wait for the running `eduminer run` to finish."
    # graph / compare
    E301 = "the selection has no measures to build a graph from{detail}."
    E302 = "the graph has no edges{detail}. Lower --min-count/--min-weight, or use a larger --unit."
    E303 = "{what} needs at least {n} {unit}; got {got}."
    E304 = "{value!r} is not a valid {kind}.{suggestion}"
    E305 = ("no region {value!r} among the {known} regions of the selected measures.{suggestion} "
            "List them with `eduminer compare --show matrix`, or change --level.")
    E306 = "the groups to contrast overlap in {regions}; give each region to one side only."
    # batch
    E601 = "the dask engine needs the optional packages dask[distributed] and pyarrow ({reason}): pip install 'eduminer[dask]'"
    E602 = "unknown engine {engine!r}; choose from {choices}."
    E603 = "--workers must be at least 1; got {workers}."
    E604 = "cannot reach the Dask scheduler at {address!r} ({reason}). Start one with `dask scheduler`, or omit --scheduler for a local cluster."
    E605 = "interrupted; {n} documents stored; rerun the same command to resume"
    E606 = "{path}: cannot write Parquet output ({reason}). Pass another --out-parquet folder."
    E607 = "a worker process died ({reason}); what was stored is kept. Rerun the same command to resume, with fewer --workers if memory ran out."
    # output
    E401 = "cannot write format {fmt!r} to the terminal; pass -o FILE."
    E402 = "unknown output format {fmt!r}; choose from {choices}."
    E403 = "format {fmt!r} needs the optional package {package!r}: pip install {package}"


class _Message(str):
    """A catalogue template that knows its own code (two templates may share a text)."""

    code: str = ""


for _code, _text in list(vars(Errors).items()):
    if _code[:1] == "E" and _code[1:].isdigit():
        _msg = _Message(_text)
        _msg.code = _code
        setattr(Errors, _code, _msg)


class EduminerError(Exception):
    """Base class; ``str()`` is the user-facing message with its code."""

    def __init__(self, template: str, **kwargs):
        code = getattr(template, "code", None)
        message = template.format(**kwargs)
        super().__init__(f"[{code}] {message}" if code else message)
        self.code = code
        self.details = kwargs


class InputError(EduminerError):
    """A document could not be read; the batch goes on without it."""

    @property
    def path(self) -> str:
        return str(self.details.get("path", ""))


class DataFileError(EduminerError, ValueError):
    """A shipped or user data file (taxonomy YAML, cue list, annotations) is invalid."""


class WorkspaceError(EduminerError):
    """The database is missing, corrupt, too new, or a lookup failed."""


class SelectionError(EduminerError, ValueError):
    """A filter, region, category or id selects nothing usable."""


class BatchError(EduminerError):
    """A batch could not start or go on (engine missing, scheduler unreachable, workers lost)."""


class RunInterrupted(EduminerError):
    """Ctrl-C: everything stored so far is kept; the same command resumes."""


class OutputError(EduminerError, ValueError):
    """An output format cannot be written where it was asked for."""
