"""Index tokens of many sentences at once are those of each sentence alone."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from eduminer.workspace.text import index_text, index_texts

# what shapes the segmenter's blocks: ideographs, ASCII letters and digits and +#&._%-,
# punctuation, white space of every kind (line breaks, carriage returns, U+3000 …), other
# scripts (Σ is lower-cased according to its neighbours), and characters Python and Rust
# disagree on (\x1c is white space to Python only, U+200B to neither)
ALPHABET = "教师交流轮岗县管校聘集团化办学学区制九个名校长中华人民共和国 aAbZ019+#&._%-，。、；：“”（）《》!?()[]" \
           "\n\r\t \u3000\x1c\x85\u200b\u2028ΣσςΑαé①Ⅻ"


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet=ALPHABET, max_size=30), max_size=8))
def test_many_texts_at_once_give_each_texts_own_tokens(texts):
    assert index_texts(texts) == [index_text(t) for t in texts]


def test_line_breaks_and_carriage_returns_do_not_shift_the_texts():
    texts = ["第一句\r", "\r", "", "县管校聘\n改革", "1+N\r\n模式", "教师交流轮岗。"]
    assert index_texts(texts) == [index_text(t) for t in texts]
    assert index_texts(iter(texts)) == [index_text(t) for t in texts]


def test_lower_case_is_decided_word_by_word():
    # Σ at the end of a word lowers to ς, elsewhere to σ: as for each word alone
    texts = ["ΑΣ Σ ΣΑ", "ABC县管校聘ΣΣ"]
    assert index_texts(texts) == [index_text(t) for t in texts]
