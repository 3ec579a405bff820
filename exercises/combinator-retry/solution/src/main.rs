// A fetch with one retry: first written with the futures crate's
// combinators, now as an async block.
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
fn fetch_with_retry(url: &'static str) -> impl Future<Output = String> {
    // Each arm of the match was a different future type (Ready and Map),
    // and a closure must return one type. An async block is one future
    // whose steps are written as plain code: no combinator, no Either,
    // no Box.
    async move {
        match get(url, 0).await {
            Ok(body) => body,
            Err(_) => get(url, 1).await.unwrap_or_default(),
        }
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    println!("{}", fetch_with_retry("/stable").await);
    println!("{}", fetch_with_retry("/flaky").await);
}
