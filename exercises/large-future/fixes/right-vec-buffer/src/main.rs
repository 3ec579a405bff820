// A sync job races a shutdown signal. The job keeps a 64 KiB buffer
// across its awaits, so its future is at least that big.
use futures::{pin_mut, select, FutureExt};
use std::time::Duration;


const CHUNK: usize = 64 * 1024;

async fn fetch_chunk(buf: &mut [u8]) -> usize {
    tokio::time::sleep(Duration::from_millis(5)).await;
    buf.fill(7);
    buf.len()
}

/// Copies three chunks; the buffer is part of this future's state.
async fn sync_everything() -> usize {
    let mut buf = vec![0u8; CHUNK];
    let mut copied = 0;
    for _ in 0..3 {
        copied += fetch_chunk(&mut buf).await;
    }
    copied
}

async fn shutdown_signal() {
    tokio::time::sleep(Duration::from_secs(60)).await;
}

/// Runs the sync unless a shutdown comes first. Edit this function.
async fn wait_for_first() -> Option<usize> {
    let sync = sync_everything().fuse();
    let stop = shutdown_signal().fuse();
    pin_mut!(sync, stop);
    select! {
        n = sync => Some(n),
        _ = stop => None,
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    harness::run(wait_for_first()).await;
}

// Do not change this module. It measures the future before running it:
// a service starts thousands of these, each on a small stack or inside a
// task, so each one must stay within a budget.
mod harness {
    use std::future::Future;

    const BUDGET: usize = 8 * 1024;

    pub async fn run(job: impl Future<Output = Option<usize>>) {
        let size = std::mem::size_of_val(&job);
        if size > BUDGET {
            println!(
                "wait_for_first() is a {size}-byte future, over the {BUDGET}-byte budget: \
                 something big lives inside it"
            );
            return;
        }
        println!("wait_for_first() fits the budget");
        match job.await {
            Some(n) => println!("synced {n} bytes"),
            None => println!("shut down before the sync finished"),
        }
    }
}
