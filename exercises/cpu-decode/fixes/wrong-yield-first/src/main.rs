// Eight queries go out to remote services, up to eight at once, and each
// reply is decoded after it arrives. The decoding is heavy CPU work, and
// the runtime has four worker threads to spread it over.
use futures::StreamExt;
use std::time::Duration;

/// One query: the network part awaits, the decoding does not.
async fn request(id: u32) -> usize {
    tokio::time::sleep(Duration::from_millis(5)).await;
    let reply = vec![id as u8; 1 << 16];
    tokio::task::yield_now().await;
    decoder::decode(&reply)
}

/// Runs every query and adds up the decoded sizes. Edit this function
/// (and `request`, if you like).
async fn run_all() -> usize {
    futures::stream::iter(1..=8)
        .map(request)
        .buffer_unordered(8)
        .fold(0, |total, n| async move { total + n })
        .await
}

fn main() {
    decoder::run(run_all);
}

// Do not change this module. `decode` stands in for a heavy decoder: it
// keeps its thread busy for up to 300 ms, and notes how many decodes run
// at the same moment, so that the end can tell whether any ran in
// parallel.
mod decoder {
    use std::future::Future;
    use std::sync::atomic::{AtomicUsize, Ordering::SeqCst};
    use std::time::{Duration, Instant};

    static RUNNING: AtomicUsize = AtomicUsize::new(0);
    static MOST: AtomicUsize = AtomicUsize::new(0);

    pub fn decode(reply: &[u8]) -> usize {
        let now = RUNNING.fetch_add(1, SeqCst) + 1;
        MOST.fetch_max(now, SeqCst);
        let start = Instant::now();
        // busy, as a real decoder would be, until it has been seen in
        // parallel with another one or its 300 ms are up
        while MOST.load(SeqCst) < 2 && start.elapsed() < Duration::from_millis(300) {
            std::hint::spin_loop();
        }
        RUNNING.fetch_sub(1, SeqCst);
        reply.len()
    }

    pub fn run<F, Fut>(run_all: F)
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = usize>,
    {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(4)
            .enable_all()
            .build()
            .unwrap();
        let total = rt.block_on(run_all());
        println!("decoded {total} bytes");
        match MOST.load(SeqCst) {
            0 | 1 => println!("the decodes ran one at a time, on one thread"),
            _ => println!("decodes ran in parallel"),
        }
    }
}
