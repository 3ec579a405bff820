// Wraps a callback-style API, as C libraries often offer, in a future.
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};

/// Stands in for a C library: it does the job on a thread of its own and
/// calls `done` with the result when it is ready.
mod legacy {
    use std::time::Duration;
    pub fn start_checksum(data: Vec<u8>, done: Box<dyn FnOnce(u32) + Send>) {
        std::thread::sleep(Duration::from_millis(20));
        done(data.iter().map(|&b| b as u32).sum());
    }
}

#[derive(Default)]
struct Slot {
    result: Option<u32>,
    waker: Option<Waker>,
}

struct Checksum {
    slot: Arc<Mutex<Slot>>,
}

fn checksum(data: Vec<u8>) -> Checksum {
    let slot = Arc::new(Mutex::new(Slot::default()));
    let shared = slot.clone();
    legacy::start_checksum(
        data,
        Box::new(move |sum| {
            let mut s = shared.lock().unwrap();
            s.result = Some(sum);
        }),
    );
    Checksum { slot }
}

impl Future for Checksum {
    type Output = u32;
    fn poll(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<u32> {
        let mut s = self.slot.lock().unwrap();
        match s.result.take() {
            Some(sum) => Poll::Ready(sum),
            None => Poll::Pending,
        }
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let sum = checksum(b"hello".to_vec()).await;
    println!("checksum: {sum}");
}
