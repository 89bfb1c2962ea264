//! Encryption at rest for the free text people write (check-ins, journal entries, a typed check-in in
//! progress): XChaCha20-Poly1305 with a key from `DATA_KEY`. A sealed value reads `sealed1:<base64>`, where the
//! base64 holds a fresh 24-byte nonce and the ciphertext.

use std::fmt;

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use chacha20poly1305::aead::{Aead, AeadCore, KeyInit, OsRng};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use thiserror::Error;

const PREFIX: &str = "sealed1:";
const NONCE_LEN: usize = 24;

/// The 32-byte key. Like the token, `Debug` never shows it.
#[derive(Clone)]
pub struct DataKey([u8; 32]);

impl fmt::Debug for DataKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("DataKey([redacted])")
    }
}

#[derive(Debug, Error, PartialEq, Eq)]
pub enum CryptoError {
    #[error("must be 64 hexadecimal characters (32 bytes)")]
    BadKey,
    #[error("this text was not sealed with this key, or it was damaged")]
    CannotOpen,
}

impl DataKey {
    /// From 64 hexadecimal characters, as `openssl rand -hex 32` prints.
    pub fn from_hex(hex: &str) -> Result<Self, CryptoError> {
        let hex = hex.trim();
        if hex.len() != 64 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
            return Err(CryptoError::BadKey);
        }
        let mut key = [0u8; 32];
        for (i, byte) in key.iter_mut().enumerate() {
            *byte = u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).map_err(|_| CryptoError::BadKey)?;
        }
        Ok(Self(key))
    }

    fn cipher(&self) -> XChaCha20Poly1305 {
        XChaCha20Poly1305::new((&self.0).into())
    }

    pub fn seal(&self, plaintext: &str) -> String {
        let nonce = XChaCha20Poly1305::generate_nonce(&mut OsRng);
        // Encryption with a valid key and nonce cannot fail for in-memory text.
        let ciphertext = self.cipher().encrypt(&nonce, plaintext.as_bytes()).unwrap_or_default();
        let mut bytes = nonce.to_vec();
        bytes.extend(ciphertext);
        format!("{PREFIX}{}", STANDARD.encode(bytes))
    }

    pub fn open(&self, sealed: &str) -> Result<String, CryptoError> {
        let encoded = sealed.strip_prefix(PREFIX).ok_or(CryptoError::CannotOpen)?;
        let bytes = STANDARD.decode(encoded).map_err(|_| CryptoError::CannotOpen)?;
        if bytes.len() < NONCE_LEN {
            return Err(CryptoError::CannotOpen);
        }
        let (nonce, ciphertext) = bytes.split_at(NONCE_LEN);
        let plain = self
            .cipher()
            .decrypt(XNonce::from_slice(nonce), ciphertext)
            .map_err(|_| CryptoError::CannotOpen)?;
        String::from_utf8(plain).map_err(|_| CryptoError::CannotOpen)
    }
}

pub fn is_sealed(value: &str) -> bool {
    value.starts_with(PREFIX)
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";

    #[test]
    fn sealed_text_opens_with_its_key_only() {
        let key = DataKey::from_hex(KEY).unwrap();
        let sealed = key.seal("I feel tender");
        assert!(is_sealed(&sealed) && !sealed.contains("tender"));
        assert_ne!(sealed, key.seal("I feel tender"), "a fresh nonce each time");
        assert_eq!(key.open(&sealed).unwrap(), "I feel tender");
        let other = DataKey::from_hex(&"ff".repeat(32)).unwrap();
        assert_eq!(other.open(&sealed), Err(CryptoError::CannotOpen));
        assert_eq!(key.open("plain text"), Err(CryptoError::CannotOpen));
        assert_eq!(key.open("sealed1:!!"), Err(CryptoError::CannotOpen));
    }

    #[test]
    fn keys_must_be_64_hex_characters_and_never_print() {
        assert_eq!(DataKey::from_hex("abc").unwrap_err(), CryptoError::BadKey);
        assert_eq!(DataKey::from_hex(&"zz".repeat(32)).unwrap_err(), CryptoError::BadKey);
        assert_eq!(format!("{:?}", DataKey::from_hex(KEY).unwrap()), "DataKey([redacted])");
    }
}
