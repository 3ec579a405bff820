// A library function written against tokio's I/O traits, and a caller
// whose data comes as a reader from the `futures` crate.
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
    // tokio reads a byte slice directly
    let n = count_settings(&text[..]).await;
    println!("settings: {n}");
}
