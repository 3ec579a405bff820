// cmp-boxed: draining a stream built from async blocks with a while-let loop.
use futures::stream::{self, StreamExt, TryStreamExt};

#[tokio::main]
async fn main() -> Result<(), std::io::Error> {
    let events = stream::iter(1..=3).then(|n| async move { Ok::<u32, std::io::Error>(n) });
    let watcher = events.and_then(|n| async move { Ok(n * 2) });
    while let Some(n) = watcher.try_next().await? {
        println!("{n}");
    }
    Ok(())
}
