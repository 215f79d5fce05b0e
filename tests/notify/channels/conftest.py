"""Fixtures of the channel tests: a send context, a message, and a certificate authority
with a server certificate for 127.0.0.1 / localhost (generated with `cryptography`), so
TLS is tested with verification on, trusting the generated CA."""
from __future__ import annotations

import datetime as dt
import ssl
from dataclasses import dataclass
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from trellis.notify.context import SendContext
from trellis.notify.outgoing import Outgoing


@dataclass
class Certs:
    ca_pem: str
    ca_file: Path
    cert_file: Path
    key_file: Path

    def server_context(self) -> ssl.SSLContext:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(self.cert_file, self.key_file)
        return context


def _name(common: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common)])


@pytest.fixture(scope="session")
def certs(tmp_path_factory) -> Certs:
    import ipaddress
    now = dt.datetime.now(dt.timezone.utc)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca = (x509.CertificateBuilder().subject_name(_name("Trellis test CA")).issuer_name(_name("Trellis test CA"))
          .public_key(ca_key.public_key()).serial_number(x509.random_serial_number())
          .not_valid_before(now - dt.timedelta(hours=1)).not_valid_after(now + dt.timedelta(days=2))
          .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
          .add_extension(x509.KeyUsage(digital_signature=True, key_cert_sign=True, crl_sign=True,
                                       content_commitment=False, key_encipherment=False, data_encipherment=False,
                                       key_agreement=False, encipher_only=False, decipher_only=False), critical=True)
          .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False)
          .sign(ca_key, hashes.SHA256()))
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (x509.CertificateBuilder().subject_name(_name("localhost")).issuer_name(ca.subject)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(hours=1)).not_valid_after(now + dt.timedelta(days=2))
            .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost"),
                                                        x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
            .sign(ca_key, hashes.SHA256()))
    base = tmp_path_factory.mktemp("certs")
    ca_pem = ca.public_bytes(serialization.Encoding.PEM).decode()
    (base / "ca.pem").write_text(ca_pem)
    (base / "server.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    (base / "server.key").write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                                         serialization.NoEncryption()))
    return Certs(ca_pem, base / "ca.pem", base / "server.pem", base / "server.key")


@pytest.fixture
def ctx() -> SendContext:
    return SendContext(runtime=None, cache={}, now=dt.datetime.now(dt.timezone.utc), timeout=5.0)


def make_message(**over) -> Outgoing:
    values = dict(key="m42:user:7:email", app="crm", channel="email", channel_type="email", to="li.lei@example.cn",
                  subject="保证金追加通知 Margin call", text="客户张三的保证金不足,请尽快处理。\nMargin is short.",
                  html="<p>客户<b>张三</b>的保证金不足</p>", urgency="high",
                  recipient={"kind": "user", "key": "user:7", "name": "李雷", "user_id": 7, "lang": "zh"},
                  form="client", record=12, link="https://trellis.example.cn/apps/crm/client/12", event="margin_call")
    values.update(over)
    return Outgoing(**values)


@pytest.fixture
def message():
    return make_message
