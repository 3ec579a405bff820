// Wraps a callback-style API, as C libraries often offer, in a future.
use std::sync::{Arc, Mutex};
use tokio::sync::Notify;

/// Stands in for a C library: it does the job on a thread of its own and
/// calls `done` with the result when it is ready.
mod legacy {
    use std::time::Duration;
    pub fn start_checksum(data: Vec<u8>, done: Box<dyn FnOnce(u32) + Send>) {
        std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(20));
            done(data.iter().map(|&b| b as u32).sum());
        });
    }
}

// No future of our own: the callback fills the slot and rings a Notify.
async fn checksum(data: Vec<u8>) -> u32 {
    let slot = Arc::new(Mutex::new(None));
    let done = Arc::new(Notify::new());
    let (shared, ring) = (slot.clone(), done.clone());
    legacy::start_checksum(
        data,
        Box::new(move |sum| {
            *shared.lock().unwrap() = Some(sum);
            ring.notify_one();
        }),
    );
    done.notified().await;
    let sum = slot.lock().unwrap().take().unwrap();
    sum
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let sum = checksum(b"hello".to_vec()).await;
    println!("checksum: {sum}");
}
