// stories/alan-tries-processing-some-files.md: an async fn's future is a
// type of its own, not the type parameter it was given.
use std::future::{ready, Future};

async fn limited<F: Future<Output = u8>>(f: F) -> u8 {
    f.await
}

fn main() {
    let flag = true;
    let _fut = if flag { limited(ready(1)) } else { ready(2) };
}
