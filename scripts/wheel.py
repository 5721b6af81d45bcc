"""Build the ``widgets`` package into a reproducible pure-Python wheel.

The same sources always give the same bytes (fixed timestamps, sorted entries), so the
wheel's sha256 is a content hash the site can put into its URL: a browser never runs a
stale copy of the widgets.
"""

from __future__ import annotations

import base64
import hashlib
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DIST_NAME = "alliance_widgets"
PACKAGE = "widgets"
_EPOCH = (1980, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class Wheel:
    filename: str
    data: bytes

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def package_version(root: Path = ROOT) -> str:
    namespace: dict[str, str] = {}
    init = (root / PACKAGE / "__init__.py").read_text(encoding="utf-8")
    for line in init.splitlines():
        if line.startswith("__version__"):
            exec(line, namespace)  # noqa: S102 - a literal assignment from our own file
    return namespace["__version__"]


def package_files(root: Path = ROOT) -> list[Path]:
    """Every file the browser needs: Python sources and data, no caches or tests."""
    base = root / PACKAGE
    return sorted(
        p
        for p in base.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and p.suffix in {".py", ".json", ".typed"}
    )


def _record_line(name: str, data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{name},sha256={digest},{len(data)}"


def build_wheel(root: Path = ROOT) -> Wheel:
    version = package_version(root)
    dist_info = f"{DIST_NAME}-{version}.dist-info"
    entries: list[tuple[str, bytes]] = [(p.relative_to(root).as_posix(), p.read_bytes()) for p in package_files(root)]
    entries.append(
        (
            f"{dist_info}/METADATA",
            (
                "Metadata-Version: 2.1\n"
                f"Name: {DIST_NAME.replace('_', '-')}\n"
                f"Version: {version}\n"
                "Summary: Pure-Python widgets of the Therapeutic Alliance course\n"
                "Requires-Python: >=3.12\n"
            ).encode(),
        )
    )
    entries.append(
        (
            f"{dist_info}/WHEEL",
            b"Wheel-Version: 1.0\nGenerator: scripts.wheel\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
        )
    )
    entries.append((f"{dist_info}/top_level.txt", f"{PACKAGE}\n".encode()))
    record = "\n".join(_record_line(n, d) for n, d in entries) + f"\n{dist_info}/RECORD,,\n"
    entries.append((f"{dist_info}/RECORD", record.encode()))

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=_EPOCH)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return Wheel(f"{DIST_NAME}-{version}-py3-none-any.whl", buffer.getvalue())
