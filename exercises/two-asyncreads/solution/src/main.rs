// A library function written against tokio's I/O traits, and a caller
// whose data must be given in a form those traits accept.
use tokio::io::{AsyncBufRead, AsyncBufReadExt};

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
    // implements one pair does not implement the other. The fix here uses
    // `std::io::Cursor`, for which tokio provides its own impls. In a real
    // project you may need an adapter crate (tokio-util's `compat`), or a
    // library that is generic over the traits you actually have.
    let reader = std::io::Cursor::new(&text[..]);
    let n = count_settings(reader).await;
    println!("settings: {n}");
}
