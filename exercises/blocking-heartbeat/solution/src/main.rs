// A service writes five chunks of a report while a heartbeat task tells a
// supervisor that it is still alive. Both share one runtime thread.
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;
use std::time::Duration;

async fn write_chunk(n: u32) {
    // The slow, blocking part goes to tokio's pool of blocking threads.
    // While it runs, this task is suspended at the `.await` and the runtime
    // thread is free to run the heartbeat. `std::thread::sleep` in an async
    // fn held that thread for the whole 200 ms: no other task could run,
    // and nothing in the types warned about it. (If the wait were only a
    // wait, `tokio::time::sleep(...).await` would do as well.)
    tokio::task::spawn_blocking(|| std::thread::sleep(Duration::from_millis(200)))
        .await
        .expect("the blocking write panicked");
    println!("chunk {n} written");
}

#[tokio::main(flavor = "current_thread")]
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
