"""CLI wrappers: exact output and exit codes (CliRunner, real SQLite files)."""

import os

from click.testing import CliRunner

from eduminer.cli import main


def invoke(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_search_table(filled_db):
    res = invoke("search", "县管校聘", "--db", filled_db, "-k", 2)
    assert res.exit_code == 0
    assert res.stdout == (
        "rank  region                        date        label     stage        highlight"
        "                                              title\n"
        "----  ----------------------------  ----------  --------  -----------  "
        "-----------------------------------------------------  -----\n"
        "1     重庆市/南岸区                 2021-08-03  县管校聘  implemented  "
        "南岸区推进【县管校聘】管理改革,教师由区统一管理。      b.txt\n"
        "2     广西壮族自治区/贵港市/港北区  2017-02-27  县管校聘  problem      "
        "教师编制到校限制了教师流动,【县管校聘】改革推进缓慢。  a.txt\n")


def test_search_jsonl_carries_every_field(filled_db):
    res = invoke("search", "縣管校聘", "--db", filled_db, "-k", 1, "--format", "jsonl")
    assert res.exit_code == 0
    assert res.stdout.count("\n") == 1
    assert '"highlight": "南岸区推进【县管校聘】管理改革,教师由区统一管理。"' in res.stdout
    assert '"title": "b.txt"' in res.stdout and '"id": "' in res.stdout


def test_kwic_table(filled_db):
    res = invoke("kwic", "县管校聘", "--db", filled_db, "--width", 5)
    assert res.exit_code == 0
    assert res.stdout == (
        "doc    region                        left        keyword   right       sentence\n"
        "-----  ----------------------------  ----------  --------  ----------  --------\n"
        "a.txt  广西壮族自治区/贵港市/港北区  教师流动,   县管校聘  改革推进缓  1\n"
        "b.txt  重庆市/南岸区                 南岸区推进  县管校聘  管理改革,   0\n")


def test_no_match_prints_nothing_and_exits_1(filled_db):
    for command in ("search", "kwic"):
        res = invoke(command, "量子", "--db", filled_db)
        assert res.exit_code == 1
        assert res.stdout == ""
        assert res.stderr == "Error: [E207] nothing matches '量子'. Try other or fewer words, or drop filters.\n"


def test_unknown_region_lists_stored_values(filled_db):
    res = invoke("search", "教师", "--db", filled_db, "--region", "南岸县")
    assert res.exit_code == 1 and res.stdout == ""
    assert res.stderr.startswith("Error: [E204] unknown region '南岸县'. Did you mean 南岸区")


def test_similar_usage_errors_exit_2(filled_db):
    res = invoke("similar", "--db", filled_db)
    assert res.exit_code == 2
    assert res.stderr.endswith("Error: give a MEASURE_ID or --text TEXT (exactly one).\n")


def test_similar_table_shows_region_groups(filled_db):
    source = invoke("search", "县管校聘", "--db", filled_db, "--region", "重庆", "--format", "csv", "-k", 1)
    measure_id = source.stdout.splitlines()[1].split(",")[2]
    res = invoke("similar", measure_id, "--db", filled_db, "--other-regions", "-k", 3, "--format", "csv")
    assert res.exit_code == 0
    lines = res.stdout.lstrip("\ufeff").splitlines()
    assert lines[0] == "region,rank_in_region,score,id,category,label,stage,text,title,date,doc,sentence,same_category,source_region"
    assert len(lines) == 4 and not any(line.split(",")[0].startswith("重庆市") for line in lines[1:])
    assert all(line.endswith(",重庆市/南岸区") for line in lines[1:])  # the excluded source region


def test_missing_and_foreign_databases(tmp_path):
    res = invoke("search", "教师", "--db", tmp_path / "none.db")
    assert res.exit_code == 1
    assert res.stderr == (f"Error: [E203] {tmp_path / 'none.db'}: no such database. "
                          f"Create it with `eduminer run PATH --db {tmp_path / 'none.db'}`.\n")
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"PK\x03\x04 a zip file")
    res = invoke("kwic", "教师", "--db", bad)
    assert res.exit_code == 1
    assert res.stderr == (f"Error: [E201] {bad}: not an eduminer database (not an SQLite file). "
                          "Pass another --db, or move the file away to start afresh.\n")
    assert not os.path.exists(tmp_path / "none.db")
