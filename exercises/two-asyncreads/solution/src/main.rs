// A library function written against tokio's I/O traits, and a caller
// whose data comes as a reader from the `futures` crate.
use tokio::io::{AsyncBufRead, AsyncBufReadExt};
use tokio_util::compat::FuturesAsyncReadCompatExt;

/// Counts the lines of a config file that are not comments.
async fn count_settings<R: AsyncBufRead + Unpin>(reader: R) -> usize {
    let mut lines = reader.lines();
    let mut n = 0;
    while let Some(line) = lines.next_line().await.expect("read failed") {
        if !line.trim_start().starts_with('#') && !line.trim().is_empty() {
            n += 1;
        }
    }
    n
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let text = b"# defaults\nport = 8080\nworkers = 4\n\n# logging\nlevel = info\n";
    // tokio and futures each define AsyncRead and AsyncBufRead; a type that
    // implements one pair does not implement the other. tokio-util's
    // `compat()` wraps the futures reader in a type that implements tokio's
    // traits: AsyncRead, and AsyncBufRead too since the cursor has the
    // futures one.
    let cursor = futures::io::Cursor::new(&text[..]);
    let reader = cursor.compat();
    let n = count_settings(reader).await;
    println!("settings: {n}");
}
