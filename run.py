#!/usr/bin/env python3
"""Set up the course and open it, or run every test. Needs nothing but Python 3.11 or newer.

    python3 run.py lab              set up (first time only) and open the course in JupyterLab
    python3 run.py test [ARGS]      set up (first time only) and run every test (ARGS go to pytest)
    python3 run.py app NOTEBOOK     open one notebook as an app without code (Voila)
    python3 run.py bench            run the benchmarks and print their figures (installs requirements-bench.txt)

Set-up makes a virtual environment in .venv/ and installs the pinned requirements into it. It remembers a
fingerprint of requirements.txt and pyproject.toml, so a second run installs nothing unless they changed.
This is a plain script rather than a Makefile because a fresh machine with Python may not have `make`.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
VENV_BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
VENV_PYTHON = VENV_BIN / ("python.exe" if os.name == "nt" else "python")
STAMP = VENV / "course-installed.sha256"
CHROMIUM = Path("/usr/bin/chromium")
START_NOTEBOOK = "notebooks/00_start_here.ipynb"

# Turns off JupyterLab's news and update pop-ups: the course runs offline and they distract learners.
LAB_SETTINGS = {
    "@jupyterlab/apputils-extension:notification": {"checkForUpdates": False, "fetchNews": "false"},
}


def say(message: str) -> None:
    print(f"[course] {message}", flush=True)


def fail(message: str) -> None:
    print(f"[course] ERROR: {message}", file=sys.stderr, flush=True)
    raise SystemExit(1)


def run(command: list[str], **kwargs) -> None:
    result = subprocess.run(command, **kwargs)
    if result.returncode != 0:
        fail(f"this command failed (exit {result.returncode}): {' '.join(map(str, command))}")


def is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def fingerprint() -> str:
    digest = hashlib.sha256(sys.version.encode())
    for name in ("requirements.txt", "pyproject.toml"):
        digest.update((ROOT / name).read_bytes())
    return digest.hexdigest()


def create_venv() -> None:
    say(f"creating the virtual environment in {VENV.relative_to(ROOT)}/")
    result = subprocess.run([sys.executable, "-m", "venv", str(VENV)], capture_output=True, text=True)
    if result.returncode == 0:
        return
    shutil.rmtree(VENV, ignore_errors=True)
    if "ensurepip" in result.stdout + result.stderr and shutil.which("apt-get") and is_root():
        # Debian and Ubuntu ship venv support as a separate package.
        say("installing Debian's python3-venv package")
        run(["apt-get", "install", "-y", "-q", "python3-venv"])
        run([sys.executable, "-m", "venv", str(VENV)])
        return
    fail(
        "could not create a virtual environment:\n"
        + (result.stderr or result.stdout)
        + "\nOn Debian or Ubuntu, install venv support first: sudo apt-get install python3-venv"
    )


def pip_install() -> None:
    say("installing the course's pinned requirements (about a minute the first time)")
    command = [str(VENV_PYTHON), "-m", "pip", "install", "--disable-pip-version-check", "-q",
               "-r", str(ROOT / "requirements.txt")]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    for line in process.stdout:
        # A machine-wide pip configuration can point at local mirrors that lack some packages; pip warns
        # once per package. Those warnings are noise to a learner; every other line is passed on.
        if "is ignored: it is neither a file nor a directory" not in line:
            print(line, end="")
    if process.wait() != 0:
        fail("pip could not install the requirements (see the messages above)")


def write_lab_settings() -> None:
    settings_dir = VENV / "share" / "jupyter" / "lab" / "settings"
    settings_dir.mkdir(parents=True, exist_ok=True)
    (settings_dir / "overrides.json").write_text(json.dumps(LAB_SETTINGS, indent=2) + "\n")


def ensure_environment() -> None:
    """Create or refresh .venv; do nothing when it already matches the requirements."""
    if sys.version_info < (3, 11):  # noqa: UP036 - run.py runs on whatever python3 the user has
        fail(f"the course needs Python 3.11 or newer; this is {sys.version.split()[0]}")
    if not VENV_PYTHON.exists():
        create_venv()
    wanted = fingerprint()
    if STAMP.exists() and STAMP.read_text().strip() == wanted:
        return
    pip_install()
    write_lab_settings()
    STAMP.write_text(wanted + "\n")
    say("set-up complete")


def ensure_chromium() -> bool:
    """Make sure Debian's Chromium is there for the browser tests; install it when we may."""
    if CHROMIUM.exists():
        return True
    if shutil.which("apt-get") and (is_root() or subprocess.run(["sudo", "-n", "true"],
                                                                capture_output=True).returncode == 0):
        prefix = [] if is_root() else ["sudo", "-n"]
        say("installing Debian's chromium package for the browser tests (about 30 s)")
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        run(prefix + ["apt-get", "update", "-q"], env=env, stdout=subprocess.DEVNULL)
        run(prefix + ["apt-get", "install", "-y", "-q", "chromium"], env=env, stdout=subprocess.DEVNULL)
        return CHROMIUM.exists()
    return False


def venv_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PATH"] = f"{VENV_BIN}{os.pathsep}{env.get('PATH', '')}"
    env["VIRTUAL_ENV"] = str(VENV)
    env.pop("PYTHONHOME", None)
    return env


def command_lab(_args: list[str]) -> None:
    ensure_environment()
    command = [str(VENV_BIN / "jupyter"), "lab", f"--ServerApp.root_dir={ROOT}", START_NOTEBOOK]
    if is_root():
        command.append("--allow-root")
    say("opening the course in JupyterLab; press Ctrl+C here to stop it")
    os.chdir(ROOT)
    os.execve(command[0], command, venv_env())


def command_app(args: list[str]) -> None:
    if not args:
        fail("say which notebook to open, for example: python3 run.py app notebooks/00_start_here.ipynb")
    ensure_environment()
    notebook = Path(args[0])
    if not notebook.suffix:
        notebook = notebook.with_suffix(".ipynb")
    if not notebook.exists() and (ROOT / "notebooks" / notebook).exists():
        notebook = ROOT / "notebooks" / notebook
    if not notebook.exists():
        fail(f"no notebook at {args[0]}")
    command = [str(VENV_BIN / "voila"), str(notebook.resolve()), *args[1:]]
    # Voila reads voila.json from the folder it starts in: the course's copy hides the trainer-tagged cells.
    os.chdir(ROOT)
    os.execve(command[0], command, venv_env())


def command_test(args: list[str]) -> None:
    ensure_environment()
    env = venv_env()
    if not ensure_chromium():
        if os.environ.get("CI"):
            fail("Chromium is missing and could not be installed; the browser tests cannot run")
        say("Chromium is not installed and this user cannot install it: the browser tests will be skipped")
        env["COURSE_SKIP_BROWSER"] = "Chromium is not installed (sudo apt-get install chromium)"
    os.chdir(ROOT)
    say("ruff check")
    run([str(VENV_PYTHON), "-m", "ruff", "check", "."], env=env)
    say("course check")
    run([str(VENV_BIN / "course"), "check"], env=env)
    say("pytest")
    result = subprocess.run([str(VENV_PYTHON), "-m", "pytest", *args], env=env)
    raise SystemExit(result.returncode)


def ensure_bench_requirements() -> None:
    """Install the benchmark-only dependencies (requirements-bench.txt, e.g. DuckDB) into .venv when missing."""
    requirements = ROOT / "requirements-bench.txt"
    if not requirements.exists():
        return
    pins = [line.split("#")[0].strip() for line in requirements.read_text().splitlines()]
    pins = [pin for pin in pins if pin]
    # Each pin is NAME==VERSION; ask the virtual environment which versions it has.
    probe = ("import importlib.metadata as m, sys\n"
             "for pin in sys.argv[1:]:\n"
             "    name, _, version = pin.partition('==')\n"
             "    try:\n"
             "        ok = m.version(name) == version or not version\n"
             "    except m.PackageNotFoundError:\n"
             "        ok = False\n"
             "    if not ok: sys.exit(1)\n")
    if subprocess.run([str(VENV_PYTHON), "-c", probe, *pins]).returncode == 0:
        return
    say("installing the benchmark-only requirements (requirements-bench.txt)")
    run([str(VENV_PYTHON), "-m", "pip", "install", "--disable-pip-version-check", "-q", "-r", str(requirements)])


def command_bench(args: list[str]) -> None:
    ensure_environment()
    ensure_bench_requirements()
    scripts = sorted((ROOT / "benchmarks").glob("*.py"))
    if not scripts:
        say("no benchmarks yet")
    for script in scripts:
        say(f"benchmark {script.name}")
        run([str(VENV_PYTHON), str(script), *args], env=venv_env(), cwd=ROOT)


COMMANDS = {"lab": command_lab, "test": command_test, "app": command_app, "bench": command_bench}


def main(argv: list[str]) -> None:
    if not argv or argv[0] not in COMMANDS:
        print(__doc__)
        raise SystemExit(0 if argv[:1] in (["-h"], ["--help"]) else 2)
    COMMANDS[argv[0]](argv[1:])


if __name__ == "__main__":
    main(sys.argv[1:])
