// A service writes five chunks of a report while a heartbeat task tells a
// supervisor that it is still alive. Both share one runtime thread.
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;
use std::time::Duration;

async fn write_chunk(n: u32) {
    // Pretend the disk is slow: each chunk takes 200 ms to write.
    std::thread::sleep(Duration::from_millis(200));
    println!("chunk {n} written");
}

#[tokio::main]
async fn main() {
    let beats = Arc::new(AtomicU32::new(0));
    let counter = beats.clone();
    tokio::spawn(async move {
        let mut every = tokio::time::interval(Duration::from_millis(20));
        loop {
            every.tick().await;
            let n = counter.fetch_add(1, Ordering::SeqCst) + 1;
            println!("tick {n}");
        }
    });

    for n in 1..=5 {
        write_chunk(n).await;
    }

    let seen = beats.load(Ordering::SeqCst);
    if seen >= 5 {
        println!("heartbeat kept going while we worked");
    } else {
        println!("heartbeat stalled: {seen} beats in a second");
    }
}
