"""Type stub of the kcs module: Kansas City Standard cassette audio (C extension over libkcs)."""
import os
from typing import Any, Optional, Union

from typing_extensions import Buffer

__version__: str

def kcs_encode(
    data: Buffer,
    *,
    rate: int = 44100,
    bits: int = 16,
    baud: int = 300,
    text: bool = False,
    leader: float = 5.0,
    trailer: float = 2.0,
    nulls: int = 10,
    wave: str = "sine",
    stop_bits: int = 2,
    volume: float = 0.7,
) -> bytes: ...
def kcs_decode(
    audio: Union[Buffer, str, os.PathLike[str], os.PathLike[bytes]],
    *,
    channel: Optional[int] = None,
    baud: int = 300,
    text: bool = False,
) -> bytes: ...

def analyze(
    audio: Union[Buffer, str, os.PathLike[str], os.PathLike[bytes]],
    *,
    channel: Optional[int] = None,
    baud: int = 300,
    window: Optional[tuple[float, float]] = None,
) -> dict[str, Any]: ...

class Decoder:
    bytes_decoded: int
    framing_errors: int
    error_times: list[float]
    measured_baud: float
    level_dbfs: float
    seconds: float
    def __init__(self, rate: int = 44100, *, baud: int = 300, text: bool = False) -> None: ...
    def feed(self, samples: Buffer) -> bytes: ...
