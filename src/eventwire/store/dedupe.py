"""Near-duplicate detection: MinHash signatures over word 5-shingles, LSH to find candidates.

Syndicated wire copies and lightly edited reposts share most of their 5-word
runs, so their shingle sets have a high Jaccard similarity while unrelated
stories on the same topic do not. LSH finds the candidates without comparing
every pair; each candidate is then checked on the estimated similarity itself,
since LSH alone lets some pairs below the threshold through.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

import numpy as np

# datasketch is imported where it is used: importing it pulls in SciPy (for its LSH parameter
# search), about 0.4 s that every query command (`eventwire search`, `quotes`, `stats`) would pay.

SHINGLE_WORDS = 5
NUM_PERM = 128
THRESHOLD = 0.8
#: Stored with every signature: signatures made under another scheme must not be compared.
SCHEME = "affine32"
_SEED = 1

_WORD = re.compile(r"\w+")


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[bytes]:
    """The distinct runs of `size` words in `text`, case-folded; a shorter text is one shingle."""
    words = _WORD.findall(text.casefold())
    if len(words) <= size:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {" ".join(words[i : i + size]).encode("utf-8") for i in range(len(words) - size + 1)}


@lru_cache(maxsize=1)
def _permutations() -> Any:
    # Drawing the permutations costs more than hashing a whole article: draw them once.
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=_SEED, scheme=SCHEME).permutations


def signature(text: str) -> Any:
    """The article's MinHash (a datasketch LeanMinHash)."""
    from datasketch import LeanMinHash, MinHash

    minhash = MinHash(num_perm=NUM_PERM, seed=_SEED, scheme=SCHEME, permutations=_permutations())
    minhash.update_batch(list(shingles(text)))
    return LeanMinHash(minhash)


def to_blob(minhash: Any) -> bytes:
    return np.asarray(minhash.hashvalues, dtype="<u8").tobytes()


def from_blob(blob: bytes) -> Any:
    """A stored signature, ready to compare and index (it cannot be updated, and need not be)."""
    from datasketch import LeanMinHash

    return LeanMinHash(seed=_SEED, hashvalues=np.frombuffer(blob, dtype="<u8").astype(np.uint64), scheme=SCHEME)


class NearDuplicateIndex:
    """The LSH index over every stored signature, keyed by article rowid."""

    def __init__(self, threshold: float = THRESHOLD):
        from datasketch import MinHashLSH

        self.threshold = threshold
        self._lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)

    def add(self, key: int, minhash: Any) -> None:
        if key not in self._lsh:
            self._lsh.insert(key, minhash)

    def candidates(self, minhash: Any) -> list[int]:
        return sorted(self._lsh.query(minhash))
