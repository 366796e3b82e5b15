"""Command-line interface: thin click wrappers over the public functions.

Each command has the name and argument names of the library function it wraps;
click does the I/O, and library exceptions (``eduminer.errors``) become
``Error: …`` lines with a remedy and exit status 1 (bad usage: exit 2).
Library modules are imported inside the commands so ``eduminer --help`` is instant.
"""

from __future__ import annotations

import sys

import click

from eduminer import __version__
from eduminer.errors import EduminerError
from eduminer.records import FORMATS


class _Group(click.Group):
    """Turns library errors into ``Error: …`` (exit 1) instead of tracebacks."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except EduminerError as e:
            raise click.ClickException(str(e)) from e
        except BrokenPipeError:  # `eduminer extract … | head` is normal use
            sys.stderr.close()
            ctx.exit(0)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="eduminer")
def main():
    """Mine Chinese education-reform policy texts.

    \b
    Typical session:
      eduminer run DOCS/                  read, extract and store everything in eduminer.db
      eduminer search 教师交流轮岗          find comparable practices
      eduminer export --format xlsx -o measures.xlsx
    """


def output_options(default: str = "jsonl", formats: tuple[str, ...] = FORMATS):
    """The ``--format`` / ``-o`` pair shared by every command that prints records."""

    def decorate(f):
        f = click.option(
            "-o", "--output", type=click.Path(dir_okay=False, writable=True), default=None,
            help="Write to FILE instead of standard output.",
        )(f)
        f = click.option(
            "--format", "fmt", type=click.Choice(formats), default=default, show_default=True,
            help="Output format (csv is UTF-8 with BOM for Excel).",
        )(f)
        return f

    return decorate


def emit(records, fmt: str, output: str | None, **kwargs) -> int:
    """Write records to ``output`` (or stdout) in ``fmt``; returns the count."""
    from eduminer.records import write_records

    if output is None and fmt == "xlsx":
        raise click.UsageError("--format xlsx needs -o FILE.")
    if output is None:
        return write_records(records, fmt, click.get_text_stream("stdout"), **kwargs)
    return write_records(records, fmt, output, **kwargs)


def report_failure(failure) -> None:
    """One line on stderr per document that could not be read."""
    click.echo(f"Error: {failure.reason}", err=True)


# --- corpus commands ---------------------------------------------------------------


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@output_options(default="jsonl")
@click.option("--text/--no-text", "with_text", default=True, help="Include the clean text column.")
def inspect(paths, fmt, output, with_text):
    """Read documents and print one record each: format, encoding, title, date,
    issuer, region and the clean normalized text."""
    from eduminer.corpus import inspect as inspect_documents

    failures = []
    records = inspect_documents(paths, with_text=with_text, on_error=failures.append)
    emit(records, fmt, output)
    for failure in failures:
        report_failure(failure)
    if failures:
        sys.exit(1)


# --- taxonomy commands -------------------------------------------------------------

# --- extract commands --------------------------------------------------------------

# --- workspace commands (run, search, similar, kwic) --------------------------------

# --- export commands -----------------------------------------------------------------

# --- graph commands --------------------------------------------------------------------
