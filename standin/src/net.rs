//! Accepting connections for the REST server and the gateway alike.

use tokio::net::{TcpListener, TcpStream};

/// The next connection, ready to use. Each frame or response on it goes out at once, not held back by Nagle's
/// algorithm waiting for the peer's delayed acknowledgement (a 40 ms stall on Linux). A failed accept (the
/// peer gave up first, or too many open files for a moment) is skipped.
pub(crate) async fn accept(listener: &TcpListener) -> TcpStream {
    loop {
        if let Ok((stream, _)) = listener.accept().await {
            let _ = stream.set_nodelay(true);
            return stream;
        }
    }
}
