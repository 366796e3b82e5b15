"""Lint warnings: nested, redundant, shared, one-character, unanchored and segmenter-split cues."""

import textwrap

from eduminer.taxonomy import default_taxonomy_path, lint

TEXT = """\
name: lint-me
categories:
  - id: a
  - id: a.trust
    cues:
      - 托管
      - 学
    exclude:
      - 托管服务
  - id: a.after
    cues:
      - 课后托管
      - 托管服务
  - id: a.funding
    cues:
      - 经费
      - 专项经费
      - re:\\d{3,}
  - id: a.rank
    cues:
      - 对口直升
      - 经费
"""


def messages(tmp_path, text=TEXT):
    path = tmp_path / "t.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return [(p.line, p.severity, p.message) for p in lint(path)]


def test_lint_warnings_with_lines(tmp_path):
    found = messages(tmp_path)
    assert all(severity == "warning" for _, severity, _ in found)
    body = [(line, msg) for line, _, msg in found if "jieba" not in msg]
    assert body == [
        (7, "a.trust: one-character cue '学' fires on very many sentences"),
        (12, "a.after: cue '课后托管' contains '托管' of a.trust (line 6): "
             "every sentence with '课后托管' is also coded a.trust"),
        (17, "a.funding: cue '专项经费' is redundant: it contains '经费' (line 16)"),
        (17, "a.funding: cue '专项经费' contains '经费' of a.rank (line 22): "
             "every sentence with '专项经费' is also coded a.rank"),
        (18, "a.funding: regex '\\\\d{3,}' has no fixed text, so it runs on every sentence"),
        (22, "cue '经费' is shared by a.funding, a.rank (also at line 16)"),
    ]


def test_excluded_outer_cue_is_not_reported(tmp_path):
    # 托管服务 contains 托管, but a.trust excludes 托管服务 already
    assert not any("'托管服务' contains" in msg for _, _, msg in messages(tmp_path))


def test_segmenter_warning_names_the_cut(tmp_path):
    found = [(line, msg) for line, _, msg in messages(tmp_path) if "jieba" in msg]
    assert found == [(21, "a.rank: jieba cuts '对口直升' across word boundaries in '建立 / 对口 / 直升机 / 制'; "
                          "token-based tools would miss it (eduminer matches characters, so it still works)")]


def test_broken_file_returns_its_errors(tmp_path):
    found = messages(tmp_path, "categories:\n  - id: a.b\n    cues: []\n")
    assert [(line, sev) for line, sev, _ in found] == [(2, "error"), (2, "error")]


def test_default_taxonomy_lints_without_errors():
    assert all(p.severity == "warning" for p in lint(default_taxonomy_path()))
