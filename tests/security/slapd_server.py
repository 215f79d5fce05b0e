"""A real OpenLDAP server for the sign-in tests: Debian's `slapd` started on a free loopback
port with a temporary slapd.conf (mdb database in a temp dir, the `memberof` overlay so that a
user's groups show in their `memberOf` attribute), filled and changed through ldap-utils'
`ldapadd` / `ldapmodify` as the directory's administrator."""
from __future__ import annotations

import shutil
import socket
import subprocess
import time
from pathlib import Path

SLAPD = "/usr/sbin/slapd"
SCHEMAS = Path("/etc/ldap/schema")
MODULES = Path("/usr/lib/ldap")

CONF = """\
include {schemas}/core.schema
include {schemas}/cosine.schema
include {schemas}/inetorgperson.schema
modulepath {modules}
moduleload back_mdb
moduleload memberof
pidfile {home}/slapd.pid
argsfile {home}/slapd.args

database mdb
maxsize 104857600
suffix "{base}"
rootdn "{root_dn}"
rootpw {root_password}
directory {home}/db
access to attrs=userPassword by anonymous auth by self write by * none
access to * by * read

overlay memberof
memberof-group-oc groupOfNames
memberof-member-ad member
memberof-memberof-ad memberOf
memberof-refint TRUE
"""


def missing() -> str | None:
    """Why the server cannot run here (None when it can)."""
    if not Path(SLAPD).exists():
        return f"OpenLDAP's slapd is not installed ({SLAPD}; Debian package slapd)"
    if not (MODULES / "back_mdb.so").exists() or not (MODULES / "memberof.so").exists():
        return f"slapd's mdb backend or memberof overlay is missing under {MODULES}"
    for tool in ("ldapadd", "ldapmodify"):
        if shutil.which(tool) is None:
            return f"{tool} is not installed (Debian package ldap-utils)"
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class SlapdServer:
    """`with SlapdServer(tmp_dir) as ldap:` a running directory at `ldap.url`, base `ldap.base`."""

    base = "dc=trellis,dc=test"
    root_dn = "cn=admin,dc=trellis,dc=test"
    root_password = "directory-admin-2026"

    def __init__(self, home: Path):
        self.home = Path(home)
        self.port = _free_port()
        self.url = f"ldap://127.0.0.1:{self.port}"
        self._proc: subprocess.Popen | None = None

    def __enter__(self) -> "SlapdServer":
        (self.home / "db").mkdir(parents=True, exist_ok=True)
        conf = self.home / "slapd.conf"
        conf.write_text(CONF.format(schemas=SCHEMAS, modules=MODULES, home=self.home, base=self.base,
                                    root_dn=self.root_dn, root_password=self.root_password), encoding="utf-8")
        test = subprocess.run([SLAPD, "-T", "test", "-u", "-f", str(conf)], capture_output=True, text=True)
        if test.returncode != 0:
            raise RuntimeError(f"slapd refused its configuration: {test.stderr}")
        self._proc = subprocess.Popen([SLAPD, "-d", "0", "-f", str(conf), "-h", self.url + "/"],
                                      stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        self._wait()
        self.add(f"dn: {self.base}\nobjectClass: dcObject\nobjectClass: organization\ndc: trellis\no: Trellis\n\n"
                 f"dn: ou=people,{self.base}\nobjectClass: organizationalUnit\nou: people\n\n"
                 f"dn: ou=groups,{self.base}\nobjectClass: organizationalUnit\nou: groups\n")
        return self

    def _wait(self) -> None:
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            if self._proc.poll() is not None:
                raise RuntimeError(f"slapd stopped: {self._proc.stderr.read().decode(errors='replace')}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"slapd did not answer on port {self.port}")

    def __exit__(self, *exc) -> None:
        if self._proc is not None:
            self._proc.terminate()
            try:
                self._proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait()

    def _ldif(self, tool: str, ldif: str) -> None:
        r = subprocess.run([tool, "-x", "-H", self.url, "-D", self.root_dn, "-w", self.root_password],
                           input=ldif.encode("utf-8"), capture_output=True)
        if r.returncode != 0:
            raise RuntimeError(f"{tool} failed: {r.stderr.decode(errors='replace')}\n{ldif}")

    def add(self, ldif: str) -> None:
        self._ldif("ldapadd", ldif)

    def modify(self, ldif: str) -> None:
        self._ldif("ldapmodify", ldif)

    def user_dn(self, uid: str) -> str:
        return f"uid={uid},ou=people,{self.base}"

    def group_dn(self, cn: str) -> str:
        return f"cn={cn},ou=groups,{self.base}"

    def add_user(self, uid: str, password: str, given: str, surname: str) -> str:
        dn = self.user_dn(uid)
        self.add(f"dn: {dn}\nobjectClass: inetOrgPerson\nuid: {uid}\ncn: {surname}{given}\nsn: {surname}\n"
                 f"givenName: {given}\nmail: {uid}@trellis.test\nuserPassword: {password}\n")
        return dn

    def add_group(self, cn: str, members: list[str]) -> str:
        dn = self.group_dn(cn)
        lines = "".join(f"member: {self.user_dn(m)}\n" for m in members)
        self.add(f"dn: {dn}\nobjectClass: groupOfNames\ncn: {cn}\n{lines}")
        return dn

    def remove_member(self, cn: str, uid: str) -> None:
        self.modify(f"dn: {self.group_dn(cn)}\nchangetype: modify\ndelete: member\nmember: {self.user_dn(uid)}\n")
