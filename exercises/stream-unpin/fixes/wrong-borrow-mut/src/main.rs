// A library hands out its events as a stream and shows how to drain it
// with `for_each`. Here the drain is a plain loop, so that each event can
// be counted and the loop can stop early.
use futures::{stream, Stream, StreamExt};

/// The library's side: a stream built from an async closure, the way
/// many crates build theirs.
fn events() -> impl Stream<Item = u32> {
    stream::unfold(1u32, |n| async move {
        tokio::task::yield_now().await;
        if n <= 5 {
            Some((n * 10, n + 1))
        } else {
            None
        }
    })
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    // The library's example:
    // events().for_each(|e| async move { println!("event {e}") }).await;
    let mut events = events();
    let events = &mut events;
    let mut seen = 0;
    while let Some(e) = events.next().await {
        println!("event {e}");
        seen += 1;
        if e >= 40 {
            break;
        }
    }
    println!("stopped after {seen} events");
}
