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


def output_options(default: str | None = "jsonl", formats: tuple[str, ...] = FORMATS,
                   help: str = "Output format (csv is UTF-8 with BOM for Excel)."):
    """The ``--format`` / ``-o`` pair shared by every command that prints records
    (``default=None``: the command has a plain-text form unless a format is asked for)."""

    def decorate(f):
        f = click.option(
            "-o", "--output", type=click.Path(dir_okay=False, writable=True), default=None,
            help="Write to FILE instead of standard output.",
        )(f)
        f = click.option(
            "--format", "fmt", type=click.Choice(formats), default=default, show_default=default is not None,
            help=help,
        )(f)
        return f

    return decorate


def emit(records, fmt: str, output: str | None, **kwargs) -> int:
    """Write records to ``output`` (or stdout) in ``fmt``; returns the count."""
    from eduminer.records import write_records

    if output is None and fmt == "xlsx":
        raise click.UsageError("--format xlsx needs -o FILE.")
    if output is None:
        return write_records(records, fmt, sys.stdout, **kwargs)
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


@main.group()
def taxonomy():
    """Show, validate and lint the coding scheme (taxonomy YAML files)."""


@taxonomy.command("show")
@click.argument("path", required=False, type=click.Path(dir_okay=False))
@output_options(default="table")
def taxonomy_show(path, fmt, output):
    """One record per category: id, parent, labels, instrument, cues.
    PATH defaults to the shipped taxonomy."""
    from eduminer.taxonomy import show

    emit(show(path), fmt, output)


def _print_problems(problems, fmt, output) -> None:
    if fmt is None:
        text = "".join(f"{p}\n" for p in problems)
        if output:
            with open(output, "w", encoding="utf-8") as fh:
                fh.write(text)
        else:
            click.echo(text, nl=False)
    else:
        emit(problems, fmt, output)


@taxonomy.command("validate")
@click.argument("path", type=click.Path(dir_okay=False))
@output_options(default=None, help="Print problems as records instead of FILE:LINE lines.")
def taxonomy_validate(path, fmt, output):
    """Check a taxonomy file: every error as FILE:LINE: message (remedy); exit 1 on errors."""
    from eduminer.taxonomy import load_taxonomy, validate

    problems = validate(path)
    if problems:
        _print_problems(problems, fmt, output)
        sys.exit(1)
    tax = load_taxonomy(path)
    n_cues = sum(len(c.cues) for c in tax.categories)
    click.echo(f"OK: {path}: {len(tax.dimensions())} dimensions, {len(tax.leaves())} leaves, "
               f"{n_cues} cues (version {tax.version})")


@taxonomy.command("lint")
@click.argument("path", type=click.Path(dir_okay=False))
@output_options(default=None, help="Print warnings as records instead of FILE:LINE lines.")
def taxonomy_lint(path, fmt, output):
    """Warn about nested, shared and segmenter-split cues (exit 0; exit 1 if the file has errors)."""
    from eduminer.taxonomy import lint

    problems = lint(path)
    _print_problems(problems, fmt, output)
    if any(p.severity == "error" for p in problems):
        sys.exit(1)
    if fmt is None and output is None:
        click.echo(f"{len(problems)} warning(s)", err=True)


# --- extract commands --------------------------------------------------------------


def _model_choice(model, no_model):
    if no_model and model:
        raise click.UsageError("--model and --no-model exclude each other.")
    return None if no_model else (model or "default")


def _model_options(f):
    f = click.option("--no-model", is_flag=True, help="Rules only: do not use the learned model.")(f)
    f = click.option("--model", type=click.Path(dir_okay=False), default=None,
                     help="Model file from `eduminer taxonomy train` (default: the shipped model).")(f)
    f = click.option("--taxonomy", type=click.Path(dir_okay=False), default=None,
                     help="Taxonomy YAML file (default: the shipped taxonomy).")(f)
    return f


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@output_options(default="jsonl")
@_model_options
def extract(paths, fmt, output, taxonomy, model, no_model):
    """Extract coded reform measures from documents: category, stage, region,
    quantities, and the sentence they stand in (one record per sentence and category)."""
    from eduminer.extract import extract as extract_measures

    failures = []
    records = extract_measures(paths, taxonomy=taxonomy, model=_model_choice(model, no_model),
                               on_error=failures.append)
    emit(records, fmt, output)
    for failure in failures:
        report_failure(failure)
    if failures:
        sys.exit(1)


@main.command("eval")
@click.option("--gold", required=True, type=click.Path(exists=True, dir_okay=False),
              help="Gold annotations (JSON lines: doc, category, stage, region, evidence, quantities).")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@output_options(default="table")
@_model_options
def eval_command(gold, paths, fmt, output, taxonomy, model, no_model):
    """Score extraction against gold annotations: precision, recall and F1 overall
    (row ALL) and per category, stage and region accuracy, quantity recall."""
    from eduminer.extract import evaluate

    failures = []
    scores = evaluate(gold, paths, taxonomy=taxonomy, model=_model_choice(model, no_model),
                      on_error=failures.append)
    emit(scores.records(), fmt, output)
    for failure in failures:
        report_failure(failure)
    if failures:
        sys.exit(1)


@main.command()
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, writable=True),
              help="The HTML page to write.")
@_model_options
def render(path, output, taxonomy, model, no_model):
    """Write an HTML page showing a document with its measures highlighted (displaCy)."""
    from eduminer.extract import render as render_page

    n = render_page(path, output, taxonomy=taxonomy, model=_model_choice(model, no_model))
    click.echo(f"{output}: {n} measures highlighted", err=True)


@taxonomy.command("train")
@click.argument("annotations", type=click.Path(exists=True, dir_okay=False))
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--docs", type=click.Path(file_okay=False), default=None,
              help="Folder holding the annotated documents (found by file name).")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, writable=True),
              help="The model file to write (use it with --model).")
@click.option("--taxonomy", "taxonomy_path", type=click.Path(dir_okay=False), default=None,
              help="Taxonomy YAML file the annotations use (default: the shipped taxonomy).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
              help="Format of the training summary printed on standard output.")
def taxonomy_train(annotations, paths, docs, output, taxonomy_path, fmt):
    """Teach the extractor your coding: fit the model on ANNOTATIONS (gold-format
    JSON lines) over the documents under PATHS / --docs, tuning how it combines with
    the rules by leave-one-document-out cross-validation."""
    from eduminer.extract import train

    if not paths and not docs:
        raise click.UsageError("give the annotated documents as PATHS or --docs DIR.")
    failures = []
    summary = train(annotations, paths, output, taxonomy=taxonomy_path, docs=docs, on_error=failures.append)
    emit([summary], fmt, None)
    for failure in failures:
        report_failure(failure)

# --- workspace commands (run, search, similar, kwic) --------------------------------

_DB_OPTION = click.option("--db", default="eduminer.db", show_default=True, type=click.Path(dir_okay=False),
                          help="Workspace database file.")
_SEARCH_COLUMNS = ["rank", "region", "date", "label", "stage", "highlight", "title"]
_SENTENCE_COLUMNS = ["rank", "region", "date", "categories", "highlight", "title"]


def _view_columns(fmt: str, columns: list[str]) -> list[str] | None:
    # terminal and report tables show a readable subset; data formats carry every field
    return columns if fmt in ("table", "md") else None


@main.command("run")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@_DB_OPTION
@click.option("--taxonomy", default=None, type=click.Path(dir_okay=False),
              help="Taxonomy YAML file (default: the shipped taxonomy).")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Worker processes that read and code files (default: all cores).")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="local: this machine; dask: a Dask cluster (pip install 'eduminer[dask]').")
@click.option("--scheduler", default=None, metavar="ADDRESS",
              help="Dask scheduler, e.g. tcp://10.0.0.5:8786 (default: start a local cluster).")
@click.option("--out-parquet", type=click.Path(file_okay=False), default=None,
              help="Also write documents and measures as Parquet files (one per chunk) into this folder.")
@click.option("--manifest", type=click.Path(dir_okay=False), default=None,
              help="Write the run manifest (JSON) here (default: DB.manifest.json).")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no summary; only errors.")
def run_command(paths, db, taxonomy, workers, engine, scheduler, out_parquet, manifest, quiet):
    """Read, extract and store documents in one SQLite workspace, in parallel
    (incremental and resumable: unchanged files are skipped, so rerunning an
    interrupted command goes on where it stopped; a changed taxonomy re-codes
    stored text). Progress on stderr; a JSON manifest goes beside the database."""
    from eduminer.batch import run
    from eduminer.errors import RunInterrupted

    try:
        summary = run(paths, db=db, taxonomy=taxonomy, workers=workers, engine=engine, scheduler=scheduler,
                      out_parquet=out_parquet, quiet=quiet, manifest=manifest)
    except RunInterrupted as e:
        click.echo(str(e), err=True)
        sys.exit(130)  # 128 + SIGINT, as shells expect
    if not quiet:
        for line in summary.lines():
            click.echo(line)
    for failure in summary.failures:
        report_failure(failure)
    if summary.failures:
        sys.exit(1)


@main.command()
@click.argument("query")
@_DB_OPTION
@click.option("--region", multiple=True, help="Only this region (path prefix or short name); repeatable.")
@click.option("--exclude-region", multiple=True, help="Leave out this region; repeatable.")
@click.option("--category", multiple=True, help="Category id, dimension or label; repeatable.")
@click.option("--stage", default=None, help="implemented | planned | problem.")
@click.option("-k", "k", default=20, show_default=True, type=click.IntRange(1), help="Number of results.")
@click.option("--sentences", is_flag=True, help="Rank sentences instead of measures.")
@click.option("--diversify/--no-diversify", default=True, show_default=True,
              help="Spread the first results over regions.")
@output_options(default="table")
def search(query, db, region, exclude_region, category, stage, k, sentences, diversify, fmt, output):
    """Ranked measures (BM25) for QUERY; traditional or simplified script."""
    from eduminer.workspace import search as search_workspace

    rows = search_workspace(query, db=db, region=region, category=category, stage=stage,
                            exclude_region=exclude_region, k=k, sentences=sentences, diversify=diversify)
    emit(rows, fmt, output, columns=_view_columns(fmt, _SENTENCE_COLUMNS if sentences else _SEARCH_COLUMNS))


@main.command()
@click.argument("measure_id", required=False)
@click.option("--text", default=None, help="Find practices comparable to this text instead.")
@_DB_OPTION
@click.option("--other-regions", is_flag=True, help="Leave out the region the measure or text comes from.")
@click.option("-k", "k", default=10, show_default=True, type=click.IntRange(1), help="Number of results.")
@output_options(default="table")
def similar(measure_id, text, db, other_regions, k, fmt, output):
    """Comparable practices from (other) regions, grouped by region."""
    from eduminer.workspace import similar as similar_measures

    if (measure_id is None) == (text is None):
        raise click.UsageError("give a MEASURE_ID or --text TEXT (exactly one).")
    rows = similar_measures(measure_id, db=db, text=text, other_regions=other_regions, k=k)
    if fmt == "table":  # show groups: the region once, at the head of its group
        rows = [{**r, "region": r["region"] if r["rank_in_region"] == 1 else ""} for r in rows]
    emit(rows, fmt, output,
         columns=_view_columns(fmt, ["region", "rank_in_region", "score", "label", "stage", "text", "title"]))


@main.command()
@click.argument("term")
@_DB_OPTION
@click.option("--width", default=20, show_default=True, type=click.IntRange(1), help="Context characters each side.")
@click.option("--region", multiple=True, help="Only this region (path prefix or short name); repeatable.")
@output_options(default="table")
def kwic(term, db, width, region, fmt, output):
    """Concordance: every occurrence of TERM with left and right context."""
    from eduminer.workspace import kwic as concordance

    rows = concordance(term, db=db, width=width, region=region)
    emit(rows, fmt, output, columns=_view_columns(fmt, ["doc", "region", "left", "keyword", "right", "sentence"]))


# --- export commands -----------------------------------------------------------------


@main.command("export")
@click.option("--db", default="eduminer.db", show_default=True, type=click.Path(dir_okay=False),
              help="Workspace database file.")
@click.option("--format", "fmt", type=click.Choice(("csv", "xlsx", "md", "docx", "json", "jsonl")), default="csv",
              show_default=True, help="csv/json/jsonl: one view; xlsx: a sheet per view; md: a section per "
              "view; docx: an editable report.")
@click.option("--by", type=click.Choice(("region", "category", "document")), default="region", show_default=True,
              help="Row dimension of the pivot.")
@click.option("--level", type=click.Choice(("province", "city", "county")), default=None,
              help="Roll regions up to this level.")
@click.option("--view", type=click.Choice(("measures", "pivot", "matrix", "documents")), default="measures",
              show_default=True, help="Which table csv/json/jsonl write.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Write to FILE instead of standard output.")
def export_command(db, fmt, by, level, view, output):
    """Measure table and region x category pivot, for reports and spreadsheets."""
    from eduminer.export import export

    if output is None and fmt in ("xlsx", "docx"):
        raise click.UsageError(f"--format {fmt} needs -o FILE.")
    counts = export(db, fmt, by=by, output=output, level=level, view=view)
    if output is not None:
        click.echo(f"Wrote {output}: " + ", ".join(f"{n} {name} rows" for name, n in counts.items()) + ".")

# --- graph commands --------------------------------------------------------------------

# kept here (not imported) so `eduminer --help` loads no graph code; tests/graph checks they match
_GRAPH_UNITS = ("sentence", "paragraph", "section", "document")
_GRAPH_WEIGHTS = ("count", "jaccard", "dice", "ochiai", "npmi")
_GRAPH_FORMATS = ("gexf", "graphml", "json", "csv", "png", "svg", "html")
_COMPARE_FORMATS = ("table", "csv", "xlsx", "png", "svg", "jsonl", "json", "md")
_LEVELS = ("province", "city", "county")


def _measure_input(f):
    f = click.option("--db", default=None, type=click.Path(dir_okay=False),
                     help="Workspace database to read measures from [default: eduminer.db].")(f)
    f = click.argument("paths", nargs=-1, type=click.Path())(f)
    return f


def _check_input(paths, db) -> list:
    if paths and db:
        raise click.UsageError("give either PATH... (documents to read) or --db FILE, not both.")
    return []


def _report_failures(failures) -> None:
    for failure in failures:
        report_failure(failure)
    if failures:
        sys.exit(1)


@main.command("graph")
@_measure_input
@click.option("--unit", type=click.Choice(_GRAPH_UNITS), default="sentence", show_default=True,
              help="Two measures co-occur when they share this unit.")
@click.option("--weight", type=click.Choice(_GRAPH_WEIGHTS), default="count", show_default=True,
              help="Edge weight (all are stored on each edge; this one is `weight`).")
@click.option("--nodes", type=click.Choice(("category", "trigger")), default="category", show_default=True,
              help="Nodes are categories, or the cue terms that fired.")
@click.option("--region", "regions", multiple=True,
              help="Only these regions (name, path or ancestor; comma-separated or repeated).")
@click.option("--level", type=click.Choice(_LEVELS), default=None, help="Roll regions up to this level.")
@click.option("--min-node-count", type=click.IntRange(1), default=1, show_default=True,
              help="Drop nodes found in fewer units.")
@click.option("--min-count", type=click.IntRange(1), default=1, show_default=True,
              help="Drop edges shared by fewer units.")
@click.option("--min-weight", type=float, default=None, help="Drop edges with a lower weight.")
@click.option("--top", type=click.IntRange(1), default=None, help="Keep only the N heaviest edges.")
@click.option("--per-region", is_flag=True,
              help="Apply the filters within each region and keep an edge that passes in any.")
@click.option("--color-by", type=click.Choice(("dimension", "community")), default="dimension",
              show_default=True, help="Node colour in png/svg/html.")
@output_options(default="gexf", formats=_GRAPH_FORMATS)
def graph_command(paths, db, unit, weight, nodes, regions, level, min_node_count, min_count, min_weight,
                  top, per_region, color_by, fmt, output):
    """Co-occurrence graph of measures: GEXF/GraphML for Gephi, node-link JSON,
    CSV edge list, PNG/SVG picture or an offline interactive HTML page.

    \b
    Examples:
      eduminer graph --db eduminer.db --unit paragraph --weight npmi -o measures.gexf
      eduminer graph examples/seeds --top 30 --format png -o measures.png
    """
    from eduminer.errors import Errors, OutputError
    from eduminer.graph import graph, write_graph

    failures = _check_input(paths, db)
    if output is None and fmt not in ("json", "csv"):
        raise OutputError(Errors.E401, fmt=fmt)
    G = graph(paths, db=db, unit=unit, weight=weight, nodes=nodes, regions=regions, level=level,
              min_node_count=min_node_count, min_count=min_count, min_weight=min_weight, top=top,
              per_region=per_region, on_error=failures.append)
    options = {"color_by": color_by} if fmt in ("png", "svg", "html") else {}
    write_graph(G, output if output is not None else sys.stdout, fmt, **options)
    if output is not None:
        click.echo(f"Wrote {output}: {G.number_of_nodes()} nodes, {G.number_of_edges()} edges "
                   f"({unit}, {weight}).", err=True)
    _report_failures(failures)


@main.command("compare")
@_measure_input
@click.option("--regions", "regions", multiple=True,
              help="Only these regions, comma-separated (e.g. 天津市/宁河区,上海市/普陀区); repeatable.")
@click.option("--level", type=click.Choice(_LEVELS), default=None, help="Roll regions up to this level.")
@click.option("--show", type=click.Choice(("matrix", "wide", "similarity", "distinctive")), default="matrix",
              show_default=True, help="Which table text formats print (xlsx writes all, png the heat map).")
@click.option("--top", type=click.IntRange(1), default=None, help="Distinctive measures: the N first per region.")
@output_options(default="table", formats=_COMPARE_FORMATS)
def compare_command(paths, db, regions, level, show, top, fmt, output):
    """Compare regions: region x category counts and rates with chi-square residuals
    (matrix), similarity of regions, and distinctive measures (log-likelihood keyness).

    \b
    Examples:
      eduminer compare --db eduminer.db --level county
      eduminer compare --db eduminer.db --show distinctive --top 5 --format md
      eduminer compare --db eduminer.db --format xlsx -o regions.xlsx
    """
    from eduminer.graph import compare

    failures = _check_input(paths, db)
    if output is None and fmt in ("xlsx", "png", "svg"):
        raise click.UsageError(f"--format {fmt} needs -o FILE.")
    tables = compare(paths, db=db, regions=regions, level=level, top=top, on_error=failures.append)
    if fmt == "xlsx":
        from eduminer.records import write_xlsx

        write_xlsx(tables, output)
    elif fmt in ("png", "svg"):
        from eduminer.graph.draw import draw_heatmap

        draw_heatmap(tables["matrix"], output, fmt)
    else:
        rows = tables[show]
        if fmt in ("table", "md"):  # for reading: 4 decimals; data formats keep full precision
            rows = [{k: round(v, 4) if isinstance(v, float) else v for k, v in r.items()} for r in rows]
        emit(rows, fmt, output, columns=_COMPARE_COLUMNS[show] if fmt in ("table", "md") else None)
    if output is not None:
        click.echo(f"Wrote {output}: " + ", ".join(f"{len(rows)} {name} rows" for name, rows in tables.items())
                   + ".", err=True)
    _report_failures(failures)


_COMPARE_COLUMNS = {
    "matrix": ["region", "label", "count", "rate", "expected", "residual", "adjusted_residual"],
    "wide": None,
    "similarity": ["region_a", "region_b", "cosine", "jaccard", "shared"],
    "distinctive": ["region", "label", "count", "rest_count", "g2", "p_value", "q_value", "log_ratio", "direction"],
}


if __name__ == "__main__":  # python -m eduminer.cli, as python -m eduminer
    main()
