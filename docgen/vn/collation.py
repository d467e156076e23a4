"""Vietnamese name order: by given name, then middle names, then family name.

Each word is compared letter by letter in the Vietnamese alphabet (a ă â b c d đ e ê …),
its tones (none, huyền, hỏi, ngã, sắc, nặng) breaking ties, before the next word counts:
every "An" comes before every "Án", as in dictionaries and award lists.
"""

import functools
import unicodedata

ALPHABET = "a ă â b c d đ e ê f g h i j k l m n o ô ơ p q r s t u ư v w x y z".split()
_LETTER_RANK = {letter: i for i, letter in enumerate(ALPHABET)}
# Combining marks that make a letter of its own (ă â ê ô ơ ư) and the tone marks, in order.
_LETTER_MARKS = {"\u0306", "\u0302", "\u031b"}
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}


@functools.lru_cache(maxsize=1 << 16)  # names repeat: a list of thousands has few distinct words
def _word_key(word: str) -> tuple[tuple[int, ...], int]:
    """(letters, tone): a syllable carries one tone, wherever it is written (hòa = hoà,
    thủy = thuỷ, quý = qúy), composed or decomposed alike."""
    if word.isascii():  # no mark nor tone: each character is a letter (a number, a Latin word)
        return tuple(_LETTER_RANK.get(ch, 1000 + ord(ch)) for ch in word.lower()), 0
    letters: list[int] = []
    base = ""
    tone = 0

    def flush() -> None:
        if base:
            letter = unicodedata.normalize("NFC", base)
            rank = _LETTER_RANK.get(letter)
            letters.append(rank if rank is not None else 1000 + ord(letter[0]))

    for ch in unicodedata.normalize("NFD", word.lower()):
        if ch in _TONES:
            tone = tone or _TONES[ch]
        elif ch in _LETTER_MARKS and base:
            base += ch
        elif unicodedata.combining(ch):
            continue
        else:
            flush()
            base = ch
    flush()
    return tuple(letters), tone


@functools.lru_cache(maxsize=4096)  # an award list repeats its offices and its achievement on every row
def match_key(text: str) -> tuple:
    """The same for every spelling a clerk sees as the same name: NFC or NFD, old or new tone
    placement (hòa/hoà, thủy/thuỷ, quý/qúy), case and spacing. For comparing, never printing."""
    return _word_keys(text)


def _word_keys(text: str) -> tuple:
    return tuple(map(_word_key, unicodedata.normalize("NFC", text).split()))


def name_sort_key(full_name: str) -> tuple:
    """Sort key for a person's full name; a total order consistent with string equality."""
    return given_name_first(_word_keys(full_name), full_name)


def given_name_first(keys: tuple, full_name: str) -> tuple:
    """name_sort_key(full_name) from match_key(full_name) (`keys`, its words' keys in order):
    for a list whose names were matched already (docgen.model.awards)."""
    return ((keys[-1], *keys[1:-1], keys[0]) if len(keys) > 1 else keys, full_name)


def text_sort_key(text: str) -> tuple:
    """Sort key for a name read from its first word (a collective's name, a place), in the
    Vietnamese alphabet, tones breaking ties; consistent with string equality."""
    return (_word_keys(text), text)
