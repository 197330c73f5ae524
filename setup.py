"""pip install --no-build-isolation .  builds the kcs module from src/pyext and libkcs."""
from setuptools import Extension, setup

setup(
    name="kcs",
    version="0.1.0",
    description="Kansas City Standard cassette audio for the Ohio Scientific Superboard II",
    ext_modules=[
        Extension(
            "kcs",
            sources=["src/pyext/kcsmodule.c", "src/kcs/kcs.c", "src/kcs/kcs_clean.c", "src/kcs/kcs_audio.c", "src/kcs/kcs_analysis.c"],
            include_dirs=["src/kcs"],
            libraries=["sndfile", "m", "pthread"],
            extra_compile_args=["-std=c11", "-D_DEFAULT_SOURCE"],
        )
    ],
    data_files=[],
)
