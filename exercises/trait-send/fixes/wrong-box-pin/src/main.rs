// An HTTP client trait with a native async fn (stable since Rust 1.75),
// no async-trait crate and no boxing. A generic helper fetches several
// pages at once, each in a task of its own.
use std::sync::Arc;
use std::time::Duration;

pub trait HttpClient {
    async fn get(&self, url: &str) -> String;
}

/// A client that pretends to fetch: it waits a little and echoes.
struct FakeClient;

impl HttpClient for FakeClient {
    async fn get(&self, url: &str) -> String {
        tokio::time::sleep(Duration::from_millis(10)).await;
        format!("<html>{url}</html>")
    }
}

/// Fetches every url in a task of its own and returns the pages' sizes.
async fn fetch_all<C>(client: Arc<C>, urls: &[&'static str]) -> Vec<usize>
where
    C: HttpClient + Send + Sync + 'static,
{
    let mut tasks = Vec::new();
    for &url in urls {
        let client = client.clone();
        tasks.push(tokio::spawn(Box::pin(async move { client.get(url).await.len() })));
    }
    let mut sizes = Vec::new();
    for task in tasks {
        sizes.push(task.await.unwrap());
    }
    sizes
}

#[tokio::main]
async fn main() {
    let sizes = fetch_all(Arc::new(FakeClient), &["/a", "/bb", "/ccc"]).await;
    println!("sizes: {sizes:?}");
}
