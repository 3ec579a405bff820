// A fetch with one retry, written with the futures crate's combinators,
// the way the crate's docs and older code bases build futures.
use futures::future::{self, FutureExt};
use std::future::Future;
use std::time::Duration;

/// Fails the first time it is asked for a given url, like a flaky server.
async fn get(url: &'static str, attempt: u32) -> Result<String, String> {
    tokio::time::sleep(Duration::from_millis(5)).await;
    if attempt == 0 && url.ends_with("flaky") {
        Err(format!("{url}: connection reset"))
    } else {
        Ok(format!("<{url}>"))
    }
}

/// The body of `url`, asking a second time if the first attempt fails.
/// Edit this function; keep its signature.
fn fetch_with_retry(url: &'static str) -> impl Future<Output = String> {
    get(url, 0).then(move |first| match first {
        Ok(body) => Box::new(future::ready(body)),
        Err(_) => Box::new(get(url, 1).map(|second| second.unwrap_or_default())),
    })
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    println!("{}", fetch_with_retry("/stable").await);
    println!("{}", fetch_with_retry("/flaky").await);
}
