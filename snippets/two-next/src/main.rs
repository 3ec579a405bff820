// stories/barbara-tries-async-streams.md: two next() futures on one
// stream at once.
use futures::stream::{self, StreamExt};

#[tokio::main]
async fn main() {
    let mut stream = stream::iter(1..=4);
    let first = stream.next();
    let second = stream.next();
    let (a, b) = futures::join!(first, second);
    println!("{a:?} {b:?}");
}
