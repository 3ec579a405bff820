// Do not change this file. A pretend web server: page N comes in N + 2
// packets of 1000 bytes, 10 ms apart. Like a real server, it gives up on
// a client that has not read the last packet within 50 ms.
use std::future::Future;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::mpsc;
use tokio::time::{sleep, timeout};

static HUNG_UP: AtomicUsize = AtomicUsize::new(0);

pub struct Connection {
    packets: mpsc::Receiver<usize>,
    hung_up: Arc<AtomicUsize>,
}

impl Connection {
    /// The next packet's size; None at the end of the page; an error
    /// when the server gave up on us.
    pub async fn recv(&mut self) -> Option<Result<usize, String>> {
        match self.packets.recv().await {
            Some(n) => Some(Ok(n)),
            None if self.hung_up.load(Ordering::SeqCst) > 0 => Some(Err(
                "the server hung up: the client left a packet unread for 50 ms".into(),
            )),
            None => None,
        }
    }
}

pub async fn connect(page: u32) -> Connection {
    sleep(Duration::from_millis(5)).await;
    let (tx, packets) = mpsc::channel(1);
    let hung_up = Arc::new(AtomicUsize::new(0));
    let flag = hung_up.clone();
    tokio::spawn(async move {
        for _ in 0..page + 2 {
            sleep(Duration::from_millis(10)).await;
            match timeout(Duration::from_millis(50), tx.send(1000)).await {
                Ok(Ok(())) => {}
                Ok(Err(_)) => return, // the client went away
                Err(_) => {
                    flag.store(1, Ordering::SeqCst);
                    HUNG_UP.fetch_add(1, Ordering::SeqCst);
                    return;
                }
            }
        }
    });
    Connection { packets, hung_up }
}

/// Runs the crawl on one thread with tokio's clock paused, then reports.
pub fn run(crawl: impl Future<Output = usize>) {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .start_paused(true)
        .build()
        .unwrap();
    let processed = rt.block_on(crawl);
    let hung_up = HUNG_UP.load(Ordering::SeqCst);
    if hung_up > 0 {
        println!("the server hung up on {hung_up} downloads: they sat unread for 50 ms");
    }
    if processed == 5 && hung_up == 0 {
        println!("all 5 pages processed");
    }
}
