// Wraps a callback-style API, as C libraries often offer, in a future.
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use tokio::sync::oneshot;

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

struct Checksum {
    result: oneshot::Receiver<u32>,
}

fn checksum(data: Vec<u8>) -> Checksum {
    let (tx, rx) = oneshot::channel();
    legacy::start_checksum(
        data,
        Box::new(move |sum| {
            let _ = tx.send(sum);
        }),
    );
    Checksum { result: rx }
}

impl Future for Checksum {
    type Output = u32;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<u32> {
        // the receiver is a future too: let it do the waiting
        Pin::new(&mut self.result).poll(cx).map(|r| r.unwrap())
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let sum = checksum(b"hello".to_vec()).await;
    println!("checksum: {sum}");
}
