// cmp-boxed: the same loop with the stream pinned on the stack by
// std::pin::pin! (stable since Rust 1.68), no allocation.
use futures::stream::{self, StreamExt, TryStreamExt};

#[tokio::main]
async fn main() -> Result<(), std::io::Error> {
    let events = stream::iter(1..=3).then(|n| async move { Ok::<u32, std::io::Error>(n) });
    let watcher = events.and_then(|n| async move { Ok(n * 2) });
    let mut watcher = std::pin::pin!(watcher);
    while let Some(n) = watcher.try_next().await? {
        println!("{n}");
    }
    Ok(())
}
