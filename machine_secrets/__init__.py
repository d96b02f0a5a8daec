"""Secrets that belong to the PC, not to a Windows or Linux account.

A counter PC is one device of its center: whichever account opens CounterDesk must
sync with the same device token (and, later, open the store with the same
database key). So the secrets live in one machine-wide folder, one file per name:

- Windows: each file is encrypted with DPAPI in machine scope
  (`CryptProtectData` with `CRYPTPROTECT_LOCAL_MACHINE`): only a process on this
  PC can decrypt it, so a copied file, a backup or a disk moved to another PC is
  useless. Any account on the PC may decrypt it (that is the point); the folder's
  permissions (the installer grants the Users group) decide who can read it.
- Linux and elsewhere: no machine-scope equivalent exists (the Secret Service and
  the kernel keyring are per login session), so the file itself is the protection:
  mode 0640 in a folder of mode 2770 owned by root and the `counterdesk` group that
  the .deb creates; accounts outside that group cannot even list it.

The Windows credential manager (the `keyring` package's backend there) keeps
secrets per user, which is exactly what a silent install run as SYSTEM or as the
IT admin gets wrong; it is read once, to adopt a token that an older version left
there (sync.client.credentials.adopt_legacy_token).

    import machine_secrets
    machine_secrets.set("device-token.<device id>", token)
    machine_secrets.get("device-token.<device id>")  # None when absent
    machine_secrets.delete("device-token.<device id>")
    machine_secrets.self_test()                      # write, read back, delete

Nothing here imports the rest of CounterDesk except the root exception and the
folder (`counterdesk.datadirs`), so the store's future database key can use it too.
"""

from __future__ import annotations

import secrets as _random
import sys
from pathlib import Path
from typing import Protocol

from counterdesk.domain.errors import SecretStoreError

__all__ = [
    "SecretStore",
    "SecretStoreError",
    "current",
    "default_store",
    "delete",
    "get",
    "self_test",
    "set",
    "use",
]


class SecretStore(Protocol):
    """Where the machine's secrets live; `describe()` says where and how, for IT."""

    def get(self, name: str) -> str | None: ...

    def set(self, name: str, value: str) -> None: ...

    def delete(self, name: str) -> None: ...

    def describe(self) -> str: ...


_current: SecretStore | None = None


def default_store(folder: Path | None = None) -> SecretStore:
    """The store for this platform in `folder` (default: the machine's secret folder)."""
    from counterdesk import datadirs
    from machine_secrets.folder import FolderSecretStore

    folder = folder or datadirs.secrets_dir()
    if sys.platform == "win32":
        from machine_secrets.dpapi import DpapiCodec

        return FolderSecretStore(folder, DpapiCodec())
    return FolderSecretStore(folder)


def use(store: SecretStore | None) -> SecretStore | None:
    """Make `store` the process's store (None: back to the default); returns the previous."""
    global _current
    previous, _current = _current, store
    return previous


def current() -> SecretStore:
    """The store in use: the one given to `use`, else the default (created on first use)."""
    global _current
    if _current is None:
        _current = default_store()
    return _current


def get(name: str) -> str | None:
    return current().get(name)


def set(name: str, value: str) -> None:  # noqa: A001 - the API the store's users asked for
    current().set(name, value)


def delete(name: str) -> None:
    current().delete(name)


def self_test(store: SecretStore | None = None) -> str:
    """Save a random secret, read it back through a fresh store where possible, delete it.

    Returns where and how secrets are kept; raises SecretStoreError (or AssertionError
    when what was read back differs) so a self-test reports the real failure.
    """
    store = store or current()
    name = f"selftest.{_random.token_hex(6)}"
    value = _random.token_urlsafe(32)
    store.set(name, value)
    try:
        reader = _fresh(store)
        back = reader.get(name)
        if back != value:
            raise AssertionError(f"read back {'nothing' if back is None else 'another value'}")
    finally:
        store.delete(name)
    if _fresh(store).get(name) is not None:
        raise AssertionError("the test secret is still there after delete")
    return store.describe()


def _fresh(store: SecretStore) -> SecretStore:
    """A second store on the same folder, so a read comes from the disk, not a cache."""
    reopen = getattr(store, "reopen", None)
    return reopen() if callable(reopen) else store
