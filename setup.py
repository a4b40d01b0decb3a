"""Build script of the `pharmakon` Python package: the extension module is built by CMake, not by setuptools.

`pip install --no-build-isolation .` (offline, with Debian's python3-setuptools, python3-wheel and
pybind11-dev) runs `build_ext` below, which configures the repository's CMake project with only the Python
module enabled, builds the `_core` target in Release and copies it into the package.

Environment:
  PHARMAKON_BUILD_BASE   setuptools' build directory (default: build/python-package in the repository), e.g. to
                         keep concurrent builds apart; the CMake build tree lives in it and is reused by later
                         installs from the same directory.
  PHARMAKON_CMAKE_ARGS   extra arguments for the CMake configure step (split like a shell command line).
  CMAKE_BUILD_PARALLEL_LEVEL  parallel build jobs (default: the number of CPUs).
"""

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

ROOT = Path(__file__).resolve().parent


def project_version() -> str:
    """The version of the CMake project (one place: project(pharmakon VERSION ...))."""
    text = (ROOT / "CMakeLists.txt").read_text(encoding="utf-8")
    m = re.search(r"project\(\s*pharmakon\s+VERSION\s+([0-9][0-9.]*)", text)
    if not m:
        raise RuntimeError("cannot find the project version in CMakeLists.txt")
    return m.group(1)


class CMakeExtension(Extension):
    """An extension whose sources are built by CMake (target `target`)."""

    def __init__(self, name: str, target: str) -> None:
        super().__init__(name, sources=[])
        self.target = target


class CMakeBuild(build_ext):
    """Configures and builds the CMake project, then copies the module where setuptools expects it."""

    def build_extension(self, ext: Extension) -> None:
        if not isinstance(ext, CMakeExtension):  # pragma: no cover - there is no other kind here
            return super().build_extension(ext)
        cmake = shutil.which("cmake")
        if not cmake:
            raise RuntimeError("building pharmakon needs CMake >= 3.21 (Debian: apt-get install cmake)")
        build_dir = Path(self.build_temp).resolve() / "cmake"
        build_dir.mkdir(parents=True, exist_ok=True)
        configure = [
            cmake,
            "-S", str(ROOT),
            "-B", str(build_dir),
            "-DCMAKE_BUILD_TYPE=Release",
            "-DPHARMAKON_BUILD_PYTHON=ON",
            "-DPHARMAKON_BUILD_TESTS=OFF",
            "-DPHARMAKON_BUILD_EXAMPLES=OFF",
            "-DPHARMAKON_BUILD_CLI=OFF",
            "-DPHARMAKON_BUILD_BENCHMARKS=OFF",
            "-DPHARMAKON_INSTALL=OFF",
            # The interpreter running this build (a venv's python is fine: it finds the system's headers).
            f"-DPython_EXECUTABLE={sys.executable}",
            f"-DPYTHON_EXECUTABLE={sys.executable}",
        ]
        configure += shlex.split(os.environ.get("PHARMAKON_CMAKE_ARGS", ""))
        jobs = os.environ.get("CMAKE_BUILD_PARALLEL_LEVEL") or str(os.cpu_count() or 2)
        build = [cmake, "--build", str(build_dir), "--target", ext.target, "--parallel", jobs]
        for cmd in (configure, build):
            print("pharmakon: " + " ".join(shlex.quote(c) for c in cmd), flush=True)
            subprocess.run(cmd, check=True)

        built = sorted((build_dir / "bindings" / "python" / "package" / "pharmakon").glob(ext.target + ".*"))
        built = [p for p in built if p.suffix in (".so", ".pyd", ".dylib")]
        if not built:
            raise RuntimeError(f"CMake built no {ext.target} module in {build_dir}")
        dest = Path(self.get_ext_fullpath(ext.name)).resolve()
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(built[0], dest)


build_base = os.environ.get("PHARMAKON_BUILD_BASE") or str(Path("build") / "python-package")
Path(build_base).mkdir(parents=True, exist_ok=True)  # egg_info wants its base to exist

setup(
    version=project_version(),
    packages=["pharmakon"],
    package_dir={"": "bindings/python"},
    package_data={"pharmakon": ["py.typed", "*.pyi"]},
    ext_modules=[CMakeExtension("pharmakon._core", target="_core")],
    cmdclass={"build_ext": CMakeBuild},
    options={"build": {"build_base": build_base}, "egg_info": {"egg_base": build_base}},
    zip_safe=False,
)
