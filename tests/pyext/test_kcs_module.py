"""The kcs module: round trips, agreement with kcs-decode, input kinds, errors, streaming."""
import array
import os
import random
import subprocess
import threading

import pytest

import kcs


def test_version_and_docs():
    assert kcs.__version__
    assert "Kansas City" in kcs.__doc__
    assert kcs.kcs_encode.__doc__ and kcs.kcs_decode.__doc__ and kcs.Decoder.__doc__


@pytest.mark.parametrize("size", [0, 1, 2, 17, 255, 1000])
def test_round_trip_random_bytes(size):
    rng = random.Random(size)
    data = bytes(rng.randrange(256) for _ in range(size))
    wav = kcs.kcs_encode(data, leader=0.5, trailer=0.2)
    assert wav[:4] == b"RIFF"
    assert kcs.kcs_decode(wav) == data   # bare carrier (size 0) decodes to nothing


@pytest.mark.parametrize("rate,bits,baud", [(8000, 8, 300), (22050, 16, 600), (48000, 24, 1200), (96000, 16, 300)])
def test_round_trip_parameters(rate, bits, baud):
    data = bytes(range(256))
    wav = kcs.kcs_encode(data, rate=rate, bits=bits, baud=baud, leader=0.5, trailer=0.2)
    assert kcs.kcs_decode(wav, baud=baud) == data


def test_text_mode_round_trip():
    listing = b"10 PRINT \"HELLO\"\n20 GOTO 10\n"
    wav = kcs.kcs_encode(listing, text=True, leader=0.5)
    raw = kcs.kcs_decode(wav)
    assert raw == b"10 PRINT \"HELLO\"\r" + b"\0" * 10 + b"20 GOTO 10\r" + b"\0" * 10
    assert kcs.kcs_decode(wav, text=True) == listing


def test_buffer_kinds_and_path(tmp_path):
    data = b"SUPERBOARD"
    wav = kcs.kcs_encode(data, leader=0.5, wave="square")
    assert kcs.kcs_decode(bytearray(wav)) == data
    assert kcs.kcs_decode(memoryview(wav)) == data
    p = tmp_path / "t.wav"
    p.write_bytes(wav)
    assert kcs.kcs_decode(str(p)) == data
    assert kcs.kcs_decode(p) == data
    assert kcs.kcs_decode(p, channel=0) == data


def test_agrees_with_cli(tmp_path):
    exe = os.environ.get("KCS_DECODE")
    if not exe:
        pytest.skip("KCS_DECODE not set (run through ctest)")
    rng = random.Random(7)
    data = bytes(rng.randrange(256) for _ in range(300))
    p = tmp_path / "cli.wav"
    p.write_bytes(kcs.kcs_encode(data, rate=22050, bits=8, leader=0.5))
    cli = subprocess.run([exe, str(p)], capture_output=True, check=True).stdout
    assert cli == kcs.kcs_decode(p) == data


def test_errors(tmp_path):
    with pytest.raises(TypeError):
        kcs.kcs_encode("text, not bytes")
    with pytest.raises(TypeError):
        kcs.kcs_decode(12345)
    with pytest.raises(TypeError):
        kcs.kcs_decode(b"x", channel="left")
    with pytest.raises(ValueError):
        kcs.kcs_encode(b"x", rate=100)
    with pytest.raises(ValueError):
        kcs.kcs_encode(b"x", baud=1100)
    with pytest.raises(ValueError):
        kcs.kcs_encode(b"x", wave="triangle")
    with pytest.raises(ValueError):
        kcs.kcs_encode(b"x", bits=12)
    with pytest.raises(ValueError):
        kcs.kcs_decode(b"this is not audio at all")
    with pytest.raises(ValueError):
        kcs.kcs_decode(b"")
    with pytest.raises(ValueError):
        kcs.kcs_decode(kcs.kcs_encode(b"x", leader=0.1)[:30])
    with pytest.raises(ValueError):
        kcs.kcs_decode(kcs.kcs_encode(b"x", leader=0.1), channel=3)
    with pytest.raises(OSError):
        kcs.kcs_decode(tmp_path / "missing.wav")
    with pytest.raises(FileNotFoundError):
        kcs.kcs_decode(str(tmp_path / "missing.wav"))
    with pytest.raises(ValueError):
        kcs.Decoder(rate=5)
    with pytest.raises(TypeError):
        kcs.Decoder().feed(array.array("d", [0.0]))


def _float_samples(data, rate=44100):
    """Samples of an encoding as float32, read back from the WAV made by kcs_encode."""
    import wave
    import io
    w = wave.open(io.BytesIO(kcs.kcs_encode(data, rate=rate, leader=0.5)))
    pcm = array.array("h", w.readframes(w.getnframes()))
    return array.array("f", (s / 32768.0 for s in pcm)), pcm


def test_streaming_decoder_any_chunking():
    rng = random.Random(3)
    data = bytes(rng.randrange(256) for _ in range(60))
    floats, pcm = _float_samples(data)
    whole = kcs.Decoder(44100)
    assert whole.feed(floats) == data
    assert whole.bytes_decoded == 60 and whole.framing_errors == 0
    assert 290 < whole.measured_baud < 310
    assert whole.seconds > 1
    for trial in range(3):
        dec = kcs.Decoder(44100)
        out = b""
        i = 0
        while i < len(floats):
            n = rng.randrange(1, 5000)
            out += dec.feed(floats[i:i + n])
            i += n
        assert out == data
    dec = kcs.Decoder(44100)
    assert dec.feed(pcm) == data                # int16 buffer
    dec = kcs.Decoder(44100)
    assert dec.feed(pcm.tobytes()) == data      # raw 16-bit PCM bytes


def test_threads_decode_at_once():
    data = bytes(range(100))
    wav = kcs.kcs_encode(data, leader=0.5)
    results = []

    def work():
        results.append(kcs.kcs_decode(wav))

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [data] * 4


def test_analyze_for_plots(tmp_path):
    data = bytes(range(40))
    wav = kcs.kcs_encode(data, leader=1.0, trailer=0.5)
    a = kcs.analyze(wav)
    assert a["byte_values"] == list(data)
    assert a["framing_error_times"] == [] and not any(a["byte_framing_error"])
    assert all(290 < b < 310 for b in a["byte_baud"])
    assert abs(a["byte_times"][0] - 1.0) < 0.01                  # after the 1 s leader
    assert len(a["level_dbfs"]) == pytest.approx((len(wav) - 44) / 2 / 44100 / a["block_seconds"], abs=2)
    start, end = a["window"]
    assert start <= a["byte_times"][0] < end                      # no error: the first bytes
    assert len(a["wave"]) == pytest.approx((end - start) * 44100, abs=2)
    cells = a["bits"]
    assert cells and all(len(c) == 5 for c in cells)
    first = [c for c in cells if c[4] == 0][0]                    # a start bit: 8 half cycles
    assert first[3] == 0 and 6 <= first[2] <= 10
    w = kcs.analyze(wav, window=(1.1, 1.2))
    assert w["window"] == (1.1, 1.2) and all(1.09 < c[1] and c[0] < 1.21 for c in w["bits"])
    with pytest.raises(ValueError):
        kcs.analyze(wav, window=(2, 1))
    with pytest.raises(TypeError):
        kcs.analyze(wav, window="all")
