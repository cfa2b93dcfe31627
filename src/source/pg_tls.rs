//! Encryption for a warehouse connection (rustls, ring).
//!
//! - `sslmode=require` (the default off this machine): the server's certificate is
//!   checked against the public authorities, plus `sslrootcert=FILE` when given.
//! - `sslmode=prefer` (the default on this machine): encrypted when the server offers
//!   it, without checking whose certificate it is, as libpq's `prefer` does. A local
//!   server usually has a self-signed certificate (Debian's and Ubuntu's packages make
//!   one at install), which no authority vouches for. With `sslrootcert=FILE` the
//!   certificate is checked.

use super::pg_url::{PgUrl, TlsMode};
use rustls::DigitallySignedStruct;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::CryptoProvider;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use std::sync::Arc;

/// The TLS connector for `url`'s `sslmode` and `sslrootcert`.
pub fn connector(url: &PgUrl) -> Result<tokio_postgres_rustls::MakeRustlsConnect, String> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let builder = rustls::ClientConfig::builder_with_provider(provider.clone())
        .with_safe_default_protocol_versions()
        .map_err(|e| e.to_string())?;
    let config = if url.tls == TlsMode::Prefer && url.root_cert.is_none() {
        builder
            .dangerous()
            .with_custom_certificate_verifier(Arc::new(EncryptOnly(provider)))
            .with_no_client_auth()
    } else {
        builder
            .with_root_certificates(roots(url)?)
            .with_no_client_auth()
    };
    Ok(tokio_postgres_rustls::MakeRustlsConnect::new(config))
}

/// The public authorities, plus the certificates in `sslrootcert=FILE`.
fn roots(url: &PgUrl) -> Result<rustls::RootCertStore, String> {
    use rustls::pki_types::pem::PemObject;
    let mut roots = rustls::RootCertStore::empty();
    roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
    if let Some(path) = &url.root_cert {
        let shown = path.display();
        let certs = CertificateDer::pem_file_iter(path)
            .map_err(|e| format!("sslrootcert={shown}: cannot read it as PEM certificates: {e}"))?;
        let mut added = 0;
        for cert in certs {
            let cert = cert.map_err(|e| format!("sslrootcert={shown}: {e}"))?;
            roots
                .add(cert)
                .map_err(|e| format!("sslrootcert={shown}: {e}"))?;
            added += 1;
        }
        if added == 0 {
            return Err(format!(
                "sslrootcert={shown}: the file holds no certificate (a PEM file starts with -----BEGIN CERTIFICATE-----)"
            ));
        }
    }
    Ok(roots)
}

/// Encrypts without checking whose certificate it is; the handshake's signatures
/// are still verified, so the session keys belong to the certificate shown.
#[derive(Debug)]
struct EncryptOnly(Arc<CryptoProvider>);

impl ServerCertVerifier for EncryptOnly {
    fn verify_server_cert(
        &self,
        _end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<rustls::SignatureScheme> {
        self.0.signature_verification_algorithms.supported_schemes()
    }
}
