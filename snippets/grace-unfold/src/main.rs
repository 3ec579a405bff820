// stories/grace-tries-new-libraries.md: try_next on a stream built by
// unfold from an async block, which is not Unpin.
use futures::{stream, TryStreamExt};

#[tokio::main]
async fn main() {
    let mut events = stream::unfold(0u32, |n| async move {
        Some((Ok::<u32, std::io::Error>(n), n + 1))
    });
    while let Ok(Some(ev)) = events.try_next().await {
        println!("{ev}");
    }
}
