// A small tool that polls a build server three times, waiting between
// tries. It runs its async code on the executor of the `futures` crate.
use std::time::Duration;

async fn poll_build(attempt: u32) -> &'static str {
    // tokio's timer: it needs tokio's time driver to be running.
    tokio::time::sleep(Duration::from_millis(20)).await;
    if attempt < 3 {
        "pending"
    } else {
        "green"
    }
}

async fn watch() {
    for attempt in 1..=3 {
        let state = poll_build(attempt).await;
        println!("attempt {attempt}: {state}");
    }
    println!("build is green");
}

fn main() {
    let rt = tokio::runtime::Builder::new_current_thread().build().unwrap();
    rt.block_on(watch());
}
