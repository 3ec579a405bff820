// A crawler downloads five pages, three at a time, and processes each
// page in order as it arrives.
use futures::StreamExt;
use std::time::Duration;

mod server;

async fn download(page: u32) -> Result<usize, String> {
    let mut conn = server::connect(page).await;
    let mut bytes = 0;
    while let Some(packet) = conn.recv().await {
        bytes += packet?;
    }
    Ok(bytes)
}

/// Processing a page takes a while (here: a 150 ms database write).
async fn process(page: u32, bytes: usize) {
    tokio::time::sleep(Duration::from_millis(150)).await;
    println!("page {page}: {bytes} bytes stored");
}

/// Returns how many pages were processed. Edit this function.
async fn crawl() -> usize {
    let mut pages = futures::stream::iter(1..=5)
        .map(|page| async move { (page, download(page).await) })
        .buffered(3);
    let mut processed = 0;
    let results: Vec<_> = pages.collect().await;
    for (page, result) in results {
        match result {
            Ok(bytes) => {
                process(page, bytes).await;
                processed += 1;
            }
            Err(e) => println!("page {page}: {e}"),
        }
    }
    processed
}

fn main() {
    server::run(crawl());
}
