"""Installs pharmakon the user's way and runs what a user would run (a ctest; see bindings/python/CMakeLists.txt).

1. /usr/bin/python3 -m venv --system-site-packages WORK/venv   (a fresh venv every run)
2. WORK/venv/bin/python -m pip install --no-build-isolation SOURCE   (offline: PIP_NO_INDEX=1)
3. the README's one-liner, from a directory outside the source tree (so the installed package is imported)
4. every script in examples/python/, checked for what it must print

The CMake build inside the pip build lives in WORK/build and is reused by the next run (PHARMAKON_BUILD_BASE).
"""

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path


def run(cmd, cwd=None, env=None, expect=()):
    print("+ " + " ".join(str(c) for c in cmd), flush=True)
    start = time.monotonic()
    p = subprocess.run([str(c) for c in cmd], cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       text=True)
    out = p.stdout
    print(f"  ({time.monotonic() - start:.0f} s, exit {p.returncode})", flush=True)
    if p.returncode != 0:
        print(out)
        sys.exit(f"FAILED: {cmd[0]} exited with {p.returncode}")
    for needle in expect:
        if needle not in out:
            print(out)
            sys.exit(f"FAILED: expected {needle!r} in the output")
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--source", required=True, type=Path)
    ap.add_argument("--work", required=True, type=Path)
    ap.add_argument("--python", default="/usr/bin/python3" if Path("/usr/bin/python3").exists() else sys.executable)
    args = ap.parse_args()

    work = args.work.resolve()
    venv = work / "venv"
    if venv.exists():
        shutil.rmtree(venv)
    work.mkdir(parents=True, exist_ok=True)

    env = dict(os.environ)
    for var in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV"):
        env.pop(var, None)
    env.update(PIP_NO_INDEX="1", PIP_DISABLE_PIP_VERSION_CHECK="1", PIP_NO_INPUT="1",
               PHARMAKON_BUILD_BASE=str(work / "build"), CMAKE_BUILD_PARALLEL_LEVEL=env.get("CMAKE_BUILD_PARALLEL_LEVEL", "2"))

    run([args.python, "-m", "venv", "--system-site-packages", venv], env=env)
    py = venv / "bin" / "python"
    run([py, "-m", "pip", "install", "--no-build-isolation", args.source], cwd=args.source, env=env,
        expect=["Successfully installed pharmakon"])

    # Outside the source tree, so `import pharmakon` can only find the installed package.
    elsewhere = work / "run"
    elsewhere.mkdir(exist_ok=True)
    where = run([py, "-c", "import pharmakon; print(pharmakon.__file__)"], cwd=elsewhere, env=env)
    if str(venv) not in where:
        sys.exit(f"FAILED: pharmakon was imported from {where.strip()}, not from the venv")
    run([py, "-c", "import pharmakon; print(pharmakon.default_kb().mechanism_of('naltrexone').to_text())"], cwd=elsewhere,
        env=env, expect=["pure competitive, reversible, surmountable antagonist at the mu, kappa and delta opioid"])
    run([py, "-c", "import pharmakon, pathlib; p = pathlib.Path(pharmakon.__file__).parent; "
                   "assert (p / 'py.typed').exists() and (p / '__init__.pyi').exists(), 'stubs not installed'"],
        cwd=elsewhere, env=env)

    examples = args.source / "examples" / "python"
    checks = {
        "mechanism_table.py": ["naltrexone", "buprenorphine", "MOR", "KOR", "DOR"],
        "interaction_screen.py": ["naltrexone", "oxycodone", "blockade"],
    }
    scripts = sorted(examples.glob("*.py"))
    if {s.name for s in scripts} != set(checks):
        sys.exit(f"FAILED: examples/python has {[s.name for s in scripts]}, the test knows {sorted(checks)}")
    for script in scripts:
        run([py, script], cwd=elsewhere, env=env, expect=checks[script.name])
    print("ok: installed into a fresh venv, imported, answered, examples ran")


if __name__ == "__main__":
    main()
