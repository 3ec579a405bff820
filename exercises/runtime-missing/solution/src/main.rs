// A small tool that polls a build server three times, waiting between
// tries.
use std::time::Duration;

async fn poll_build(attempt: u32) -> &'static str {
    // tokio's timer only works where a tokio runtime is current: `sleep`
    // registers itself with that runtime's time driver when it is created.
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

// The fix: run the future on the runtime its timer belongs to. The types
// said nothing about it: `futures::executor::block_on` accepts any future,
// and the mismatch only shows up as a panic, when `sleep` first runs.
// (Building a runtime by hand with `enable_time()` works as well.)
#[tokio::main(flavor = "current_thread")]
async fn main() {
    watch().await;
}
