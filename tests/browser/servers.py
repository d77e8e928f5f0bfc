"""Start JupyterLab and Voila on free localhost ports, isolated from the user's own Jupyter set-up."""

from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
# JupyterLab's news and update checks would try the network and pop up over the notebook.
NOTIFICATION_SETTINGS = {"checkForUpdates": False, "fetchNews": "false"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def make_workspace(base: Path) -> Path:
    """A throw-away copy of the course's notebooks (and data), so the Lab's autosave never touches the originals."""
    workspace = base / "course"
    shutil.copytree(ROOT / "notebooks", workspace / "notebooks",
                    ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    if (ROOT / "datasets").exists():
        shutil.copytree(ROOT / "datasets", workspace / "datasets")
    shutil.copy(ROOT / "voila.json", workspace / "voila.json")  # Voila reads it from the folder it starts in
    return workspace


def write_scratch_notebook(workspace: Path, name: str, code_cells: list[str]) -> str:
    """A small notebook for widgets that no module shows yet; returns its path relative to the workspace.

    It is written into the throw-away workspace only, so nbval never collects it.
    """
    import nbformat

    cells = [nbformat.v4.new_markdown_cell(f"# {name}")]
    cells += [nbformat.v4.new_code_cell(code) for code in ["import course_lib\ncourse_lib.setup()", *code_cells]]
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata = {"kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}}
    path = workspace / "notebooks" / f"{name}.ipynb"
    nbformat.write(nb, str(path))
    return f"notebooks/{name}.ipynb"


def isolated_env(base: Path) -> dict[str, str]:
    """Environment variables that give Jupyter its own config, data, runtime and settings folders."""
    folders = {name: base / name.lower() for name in (
        "JUPYTER_CONFIG_DIR", "JUPYTER_RUNTIME_DIR", "IPYTHONDIR", "MPLCONFIGDIR", "JUPYTERLAB_WORKSPACES_DIR",
        "JUPYTERLAB_SETTINGS_DIR")}
    for folder in folders.values():
        folder.mkdir(parents=True, exist_ok=True)
    settings = folders["JUPYTERLAB_SETTINGS_DIR"] / "@jupyterlab" / "apputils-extension"
    settings.mkdir(parents=True, exist_ok=True)
    (settings / "notification.jupyterlab-settings").write_text(json.dumps(NOTIFICATION_SETTINGS))
    env = dict(os.environ, **{k: str(v) for k, v in folders.items()})
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    env.pop("JUPYTER_DATA_DIR", None)  # keep the venv's data dir: it holds the widget and Voila extensions
    return env


@dataclass
class Server:
    url: str
    token: str
    process: subprocess.Popen
    log: Path

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()


def _wait_until_up(url: str, process: subprocess.Popen, log: Path, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.3)
    raise RuntimeError(f"server did not answer at {url} within {timeout} s:\n{log.read_text()[-3000:]}")


def start_lab(workspace: Path, base: Path) -> Server:
    base.mkdir(parents=True, exist_ok=True)
    port, token = free_port(), secrets.token_hex(16)
    log = base / "lab.log"
    command = [str(BIN / "jupyter"), "lab", "--no-browser", f"--port={port}", "--ServerApp.ip=127.0.0.1",
               f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={workspace}",
               "--ServerApp.open_browser=False", "--LabApp.news_url=", "--allow-root"]
    process = subprocess.Popen(command, cwd=workspace, env=isolated_env(base), stdout=log.open("w"),
                               stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    _wait_until_up(f"{url}/api/status?token={token}", process, log)
    return Server(url, token, process, log)


def start_voila(workspace: Path, base: Path) -> Server:
    """Voila serving the notebooks folder, as `python3 run.py app` does for one notebook."""
    base.mkdir(parents=True, exist_ok=True)
    port = free_port()
    log = base / "voila.log"
    command = [str(BIN / "voila"), str(workspace / "notebooks"), "--no-browser", f"--port={port}",
               "--Voila.ip=127.0.0.1"]
    process = subprocess.Popen(command, cwd=workspace, env=isolated_env(base), stdout=log.open("w"),
                               stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    _wait_until_up(f"{url}/", process, log)
    return Server(url, "", process, log)
